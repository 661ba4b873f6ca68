package dev.signoff.store;

import java.util.Map;

/**
 * Revocations recorded in the database since some moment, as loaded into every node's memory.
 *
 * @param sessions sid of each revoked session to its revocation time (epoch ms)
 * @param tokens   jti of each revoked access token to the token's expiry (epoch ms)
 * @param subjects subject to its "not before" (epoch ms): tokens issued earlier are refused
 */
public record RevocationChanges(Map<String, Long> sessions, Map<String, Long> tokens, Map<String, Long> subjects) {

    public RevocationChanges {
        sessions = Map.copyOf(sessions);
        tokens = Map.copyOf(tokens);
        subjects = Map.copyOf(subjects);
    }

    public int size() {
        return sessions.size() + tokens.size() + subjects.size();
    }
}
