package dev.signoff.audit;

import dev.signoff.config.ConfigException;
import dev.signoff.config.Params;
import dev.signoff.token.SessionHashes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The audit trail ({@code signoff.audit.*}), parsed once.
 *
 * @param enabled whether the JSON lines are written to the logger {@value AuditLog#LOGGER} ({@code signoff.audit.enabled},
 *                default true)
 * @param hashes  how session ids are hashed: with {@code signoff.audit.salt} (or {@code -env}, {@code -file}; at least 16
 *                characters, the same on every node so that a session's lines correlate), else with a random salt
 *                drawn at start
 */
public record AuditSettings(boolean enabled, SessionHashes hashes) {

    public static final String ENABLED = "signoff.audit.enabled";
    public static final String SALT = "signoff.audit.salt";

    public static final Set<String> NAMES;

    static {
        List<String> names = new ArrayList<>(Params.secretNames(SALT));
        names.add(ENABLED);
        NAMES = Set.copyOf(names);
    }

    public static AuditSettings parse(Params params) {
        boolean enabled = params.bool(ENABLED, true);
        String salt = params.secret(SALT);
        if (salt != null && salt.length() < 16) {
            throw new ConfigException(SALT, "expected a secret of at least 16 characters");
        }
        return new AuditSettings(enabled, salt == null ? SessionHashes.random() : SessionHashes.of(salt));
    }
}
