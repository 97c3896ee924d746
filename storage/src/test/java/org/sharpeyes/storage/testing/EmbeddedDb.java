package org.sharpeyes.storage.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.sharpeyes.storage.DbSettings;

/**
 * A real PostgreSQL 17 (zonky binaries) in a data directory of its own, which a test can crash
 * (SIGKILL of the postmaster and its backends) and start again on the same port and data.
 */
public final class EmbeddedDb implements AutoCloseable {
    private final Path dataDir;
    private EmbeddedPostgres postgres;
    private int port;

    public EmbeddedDb(Path dataDir) {
        this.dataDir = dataDir;
        start();
    }

    public static EmbeddedDb inTempDir() {
        try {
            return new EmbeddedDb(Files.createTempDirectory("sharpeyes-pg"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void start() {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir.toFile())
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "50")
                    // zonky defaults to synchronous_commit=off, which loses commits on a crash.
                    .setServerConfig("synchronous_commit", "on")
                    // Tests only kill processes, never the OS: the page cache survives.
                    .setServerConfig("fsync", "off");
            if (port != 0) {
                builder.setPort(port);
            }
            postgres = builder.start();
            port = postgres.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dataDir, e);
        }
    }

    /** Kills the server the hard way: no shutdown, no checkpoint; the next start recovers. */
    public synchronized void crash() {
        try {
            String pidLine = Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim();
            ProcessHandle postmaster = ProcessHandle.of(Long.parseLong(pidLine)).orElseThrow();
            postmaster.descendants().forEach(ProcessHandle::destroyForcibly);
            postmaster.destroyForcibly();
            postmaster.onExit().join();
            postgres.close(); // its pg_ctl stop finds nothing to stop; this frees the data dir lock
            postgres = null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public DbSettings settings() {
        return new DbSettings(url(), "postgres", "postgres", 8, Duration.ofSeconds(2), DbSettings.Timescale.OFF);
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public synchronized void close() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}
