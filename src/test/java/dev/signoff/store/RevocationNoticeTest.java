package dev.signoff.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RevocationNoticeTest {

    @Test
    void eachKindTravelsAndComesBackAsTheChangeItAnnounces() {
        assertEquals(Map.of("sid-1", 1_000L),
                RevocationNotice.parse(new RevocationNotice(RevocationNotice.SESSION, 1_000, "sid-1").payload()).sessions());
        assertEquals(Map.of("jti-1", 2_000L),
                RevocationNotice.parse(new RevocationNotice(RevocationNotice.TOKEN, 2_000, "jti-1").payload()).tokens());
        assertEquals(Map.of("Ann Lee", 3_000L),
                RevocationNotice.parse(new RevocationNotice(RevocationNotice.SUBJECT, 3_000, "Ann Lee").payload()).subjects(),
                "a subject may hold spaces");
    }

    @Test
    void anythingElseIsIgnored() {
        for (String payload : new String[] {null, "", "s", "s 12", "s 12 ", "x 12 id", "s12 id", "s abc id", "s  id", "hello world"}) {
            assertNull(RevocationNotice.parse(payload), String.valueOf(payload));
        }
    }
}
