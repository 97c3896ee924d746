package org.sharpeyes.common;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Child processes (test servers, simulated cameras) stopped the same way everywhere. */
public final class Processes {
    private Processes() {
    }

    /** SIGTERM, then SIGKILL if it has not exited within {@code grace}. */
    public static void stop(Process p, Duration grace) {
        p.destroy();
        try {
            if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }
}
