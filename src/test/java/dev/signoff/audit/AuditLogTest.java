package dev.signoff.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signoff.events.LogoutReason;
import dev.signoff.events.LogoutScope;
import dev.signoff.events.SignoffEvent;
import dev.signoff.token.SessionHashes;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SessionHashes hashes = SessionHashes.of("a-salt-of-sixteen-characters");
    private final AuditLog audit = new AuditLog(hashes);

    @Test
    void aLineHoldsItsFieldsInOrderWithTheSessionIdHashed() throws Exception {
        String line = audit.line(0, "login", "pat", List.of("raw-session-id"), new SignoffEvent.Client("192.0.2.1", "curl/8"), "success");
        assertFalse(line.contains("raw-session-id"), line);
        JsonNode node = JSON.readTree(line);
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("time", "event", "subject", "session", "address", "user_agent", "result"), names);
        assertEquals("1970-01-01T00:00:00Z", node.get("time").asText());
        assertEquals(hashes.hash("raw-session-id"), node.get("session").asText());
        assertTrue(node.get("session").asText().matches("[0-9a-f]{64}"));
        assertEquals("curl/8", node.get("user_agent").asText());
    }

    @Test
    void theSaltMakesTheHashAndAnotherSaltAnotherHash() {
        assertNotEquals(hashes.hash("id"), SessionHashes.of("another-salt-of-sixteen").hash("id"));
        assertEquals(hashes.hash("id"), SessionHashes.of("a-salt-of-sixteen-characters").hash("id"));
    }

    @Test
    void hostileTextStaysInsideItsJsonString() throws Exception {
        String agent = "x\"}\n{\"event\":\"forged\"" + "y".repeat(1000);
        JsonNode node = JSON.readTree(audit.line(0, "login_failed", "a\"b", List.of(), new SignoffEvent.Client(null, agent), "invalid_credentials"));
        assertEquals("login_failed", node.get("event").asText());
        assertEquals("a\"b", node.get("subject").asText());
        assertEquals(256, node.get("user_agent").asText().length());
        assertTrue(node.get("session").isNull());
        assertFalse(audit.line(0, "x", "s", List.of(), null, "r").contains("\n"));
    }

    @Test
    void logoutEventsAreNamedByScopeAndReasonAndNewReasonsNeedNoChange() {
        assertEquals("logout", AuditLog.logoutEvent(LogoutReason.USER, LogoutScope.SESSION));
        assertEquals("logout_all", AuditLog.logoutEvent(LogoutReason.USER, LogoutScope.USER));
        assertEquals("admin_logout", AuditLog.logoutEvent(LogoutReason.ADMIN, LogoutScope.SESSION));
        assertEquals("back_channel_logout", AuditLog.logoutEvent(LogoutReason.BACK_CHANNEL, LogoutScope.SESSION));
        for (LogoutReason reason : LogoutReason.values()) {
            assertTrue(AuditLog.logoutEvent(reason, LogoutScope.SESSION).matches("[a-z_]+"), reason::name);
        }
    }
}
