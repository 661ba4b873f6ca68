package dev.signoff.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PathPatternsTest {

    @Test
    void servletPatternSemantics() {
        PathPatterns p = new PathPatterns(List.of("/api/*", "/exact", "*.json"));
        assertTrue(p.matches("/api"));
        assertTrue(p.matches("/api/me"));
        assertFalse(p.matches("/apiary"));
        assertTrue(p.matches("/exact"));
        assertFalse(p.matches("/exact/more"));
        assertTrue(p.matches("/data/x.json"));
        assertFalse(p.matches("/auth/login"));
        assertTrue(new PathPatterns(List.of("/*")).matches("/anything"));
    }

    @Test
    void rejectsWhatIsNoServletPattern() {
        assertThrows(IllegalArgumentException.class, () -> new PathPatterns(List.of("api/*")));
        assertThrows(IllegalArgumentException.class, () -> new PathPatterns(List.of("/a*/b")));
    }

    @Test
    void bearerTokenSyntaxFollowsRfc6750() {
        assertTrue(BearerTokenResolver.isB64Token("abc.DEF-_~+/=="));
        assertFalse(BearerTokenResolver.isB64Token("a b"));
        assertFalse(BearerTokenResolver.isB64Token("=abc"));
        assertFalse(BearerTokenResolver.isB64Token("ab=c"));
        assertFalse(BearerTokenResolver.isB64Token("tok\"en"));
    }
}
