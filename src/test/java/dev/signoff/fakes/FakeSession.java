package dev.signoff.fakes;

import jakarta.servlet.http.HttpSession;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/** An HttpSession in memory; once invalidated, every method throws as a container's does. */
public final class FakeSession {

    public String id;
    public long created;
    public final Map<String, Object> attributes = new HashMap<>();
    public boolean invalid;

    public FakeSession(String id, long created) {
        this.id = id;
        this.created = created;
    }

    private void alive() {
        if (invalid) {
            throw new IllegalStateException("invalidated");
        }
    }

    public final HttpSession session = Fakes.proxy(HttpSession.class, Map.of(
            "getId", args -> {
                alive();
                return id;
            },
            "getCreationTime", args -> {
                alive();
                return created;
            },
            "getAttribute", args -> {
                alive();
                return attributes.get((String) args[0]);
            },
            "getAttributeNames", args -> {
                alive();
                return Collections.enumeration(attributes.keySet());
            },
            "setAttribute", args -> {
                alive();
                attributes.put((String) args[0], args[1]);
                return null;
            },
            "removeAttribute", args -> {
                alive();
                attributes.remove((String) args[0]);
                return null;
            },
            "invalidate", args -> {
                alive();
                invalid = true;
                return null;
            }));
}
