package org.sharpeyes.console;

import java.time.Duration;

/**
 * Console settings (the {@code console.*} keys of defaults.yaml document them).
 *
 * @param sessionIdle     a session ends after this long without a request
 * @param sessionAbsolute and this long after login in any case
 * @param maxFailures     consecutive failed logins that lock an account
 * @param lockout         how long a locked account stays locked
 * @param failureDelay    the answer to a failed login waits this long times 2^(failures-1), capped at 8 s
 * @param tlsCert         PEM certificate chain; with tlsKey, the console serves HTTPS only
 * @param tlsKey          PEM private key
 */
public record ConsoleSettings(Duration sessionIdle, Duration sessionAbsolute, int maxFailures, Duration lockout,
                              Duration failureDelay, String tlsCert, String tlsKey) {
    public static final ConsoleSettings DEFAULTS = new ConsoleSettings(Duration.ofMinutes(30), Duration.ofHours(12), 5,
            Duration.ofMinutes(15), Duration.ofMillis(500), null, null);

    public ConsoleSettings {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("console.maxFailedLogins must be at least 1");
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("console.tls.cert and console.tls.key are set together or not at all");
        }
    }

    public boolean https() {
        return tlsCert != null;
    }
}
