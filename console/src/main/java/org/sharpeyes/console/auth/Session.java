package org.sharpeyes.console.auth;

import java.time.Instant;

/**
 * A logged-in browser. The id travels only in the HttpOnly cookie; the CSRF token is handed to
 * the page in JSON and must come back in a header, which a cross-site form cannot set.
 */
public final class Session {
    private final String id;
    private final String csrfToken;
    private final User user;
    private final Instant created;
    private volatile Instant lastSeen;

    Session(String id, String csrfToken, User user, Instant created) {
        this.id = id;
        this.csrfToken = csrfToken;
        this.user = user;
        this.created = created;
        this.lastSeen = created;
    }

    public String id() {
        return id;
    }

    public String csrfToken() {
        return csrfToken;
    }

    public User user() {
        return user;
    }

    Instant created() {
        return created;
    }

    Instant lastSeen() {
        return lastSeen;
    }

    void touch(Instant now) {
        lastSeen = now;
    }
}
