package org.sharpeyes.storage.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Where the repository's tools/ are, and whether the programs tests drive are installed. */
public final class Repo {
    private Repo() {
    }

    /** The repository root: set by surefire, else found by walking up to tools/. */
    public static Path root() {
        String configured = System.getProperty("sharpeyes.repo");
        if (configured != null && Files.isDirectory(Path.of(configured, "tools"))) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("tools/rtsp"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository's tools/ folder from " + Path.of("").toAbsolutePath());
    }

    /** True when {@code node} is on the PATH; the test command installs the npm packages. */
    public static boolean nodeAvailable() {
        try {
            return new ProcessBuilder("node", "--version").redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
