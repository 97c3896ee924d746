package org.sharpeyes.console.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions of this node, in memory: a restart logs everyone out, which is acceptable for a
 * console (a cluster puts them behind sticky routing). A session ends after {@code idle} without a
 * request or {@code absolute} after login, whichever comes first.
 */
public final class Sessions {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final Duration idle;
    private final Duration absolute;
    private final Clock clock;

    public Sessions(Duration idle, Duration absolute, Clock clock) {
        this.idle = idle;
        this.absolute = absolute;
        this.clock = clock;
    }

    public Session create(User user) {
        expire();
        Session s = new Session(token(), token(), user, clock.instant());
        byId.put(s.id(), s);
        return s;
    }

    /** The live session with that id, touched; empty when unknown or expired (then it is gone). */
    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = byId.get(id);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(s, now)) {
            byId.remove(id);
            return Optional.empty();
        }
        s.touch(now);
        return Optional.of(s);
    }

    public void remove(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }

    /** Ends every session of a user, e.g. when an admin disables them or changes their role. */
    public void removeUser(long userId) {
        byId.values().removeIf(s -> s.user().id() == userId);
    }

    public Duration absolute() {
        return absolute;
    }

    /** Constant-time comparison of a presented CSRF token. */
    public static boolean csrfMatches(Session s, String presented) {
        return presented != null && MessageDigest.isEqual(s.csrfToken().getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }

    private boolean expired(Session s, Instant now) {
        return now.isAfter(s.lastSeen().plus(idle)) || now.isAfter(s.created().plus(absolute));
    }

    private void expire() {
        Instant now = clock.instant();
        byId.values().removeIf(s -> expired(s, now));
    }

    private static String token() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
