package org.sharpeyes.console.auth;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sharpeyes.console.ConsoleSettings;

/**
 * Checks a username and password. Repeated failures slow the answers down (per username, known
 * or not, so probing names is slowed as much as guessing passwords) and lock a known account
 * for a while. An unknown name costs the same Argon2 work as a wrong password.
 */
public final class Login {
    /** What a login attempt came to; {@code delay} is how long to wait before answering. */
    public sealed interface Outcome {
        Duration delay();
    }

    public record Success(User user, Duration delay) implements Outcome {
    }

    public record Failure(Duration delay) implements Outcome {
    }

    public record Locked(Duration retryAfter, Duration delay) implements Outcome {
    }

    private static final Duration MAX_DELAY = Duration.ofSeconds(8);
    private static final int MAX_TRACKED = 10_000;

    private final Users users;
    private final PasswordHasher hasher;
    private final ConsoleSettings settings;
    private final Clock clock;
    private final String dummyHash;
    private final Map<String, Integer> recentFailures = new ConcurrentHashMap<>();

    public Login(Users users, PasswordHasher hasher, ConsoleSettings settings, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.settings = settings;
        this.clock = clock;
        this.dummyHash = hasher.hash("not-a-password".toCharArray());
    }

    /** Blocking: runs Argon2 and JDBC. */
    public Outcome attempt(String username, char[] password) throws SQLException {
        String key = username.toLowerCase(java.util.Locale.ROOT);
        Users.Account account = users.account(username).orElse(null);
        Instant now = clock.instant();
        if (account != null && account.lockedUntil() != null && now.isBefore(account.lockedUntil())) {
            return new Locked(Duration.between(now, account.lockedUntil()), delay(key));
        }
        boolean ok = hasher.verify(password, account == null ? dummyHash : account.passwordHash());
        if (ok && account != null && account.user().enabled()) {
            recentFailures.remove(key);
            users.recordSuccess(account.user().id());
            return new Success(account.user(), Duration.ZERO);
        }
        int failures = failed(key);
        if (account != null) {
            boolean lock = account.failedLogins() + 1 >= settings.maxFailures();
            users.recordFailure(account.user().id(), lock ? now.plus(settings.lockout()) : null);
            if (lock) {
                return new Locked(settings.lockout(), delayFor(failures));
            }
        }
        return new Failure(delayFor(failures));
    }

    private int failed(String key) {
        if (recentFailures.size() > MAX_TRACKED) {
            recentFailures.clear(); // bounded memory beats perfect memory of a flood of names
        }
        return recentFailures.merge(key, 1, Integer::sum);
    }

    private Duration delay(String key) {
        return delayFor(recentFailures.getOrDefault(key, 0));
    }

    private Duration delayFor(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        Duration d = settings.failureDelay().multipliedBy(1L << Math.min(failures - 1, 16));
        return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
    }
}
