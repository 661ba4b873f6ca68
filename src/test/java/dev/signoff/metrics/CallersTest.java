package dev.signoff.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signoff.fakes.FakeRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallersTest {

    @Test
    void loopbackAddressesInTheirSpellings() {
        for (String a : List.of("127.0.0.1", "127.1.2.3", "::1", "[::1]", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1")) {
            assertTrue(Callers.isLoopback(a), a);
        }
        for (String a : List.of("192.0.2.1", "10.0.0.1", "::2", "128.0.0.1", "127.0.0.1.example", "", "localhost")) {
            assertFalse(Callers.isLoopback(a), a);
        }
        assertFalse(Callers.isLoopback(null));
    }

    @Test
    void onlyATrustedProxyIsBelievedAndItsLastHopIsTheCaller() {
        FakeRequest forwarded = new FakeRequest().header("X-Forwarded-For", "127.0.0.1, 192.0.2.7");
        assertEquals("192.0.2.7", Callers.address(forwarded.request, List.of("127.0.0.1")));
        assertEquals("127.0.0.1", Callers.address(forwarded.request, List.of()), "no trusted proxy: the header is ignored");
        assertEquals("127.0.0.1", Callers.address(new FakeRequest().request, List.of("127.0.0.1")), "a proxy without the header");
    }
}
