package org.sharpeyes.storage;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the database.
 *
 * @param timescale AUTO uses TimescaleDB when the extension can be created, ON requires it, OFF
 *                  never uses it. An existing schema keeps the flavour it was created with.
 */
public record DbSettings(String url, String user, String password, int poolSize, Duration connectTimeout,
                         Timescale timescale) {
    public enum Timescale { AUTO, ON, OFF }

    public DbSettings {
        Objects.requireNonNull(url, "url");
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be >= 1");
        }
    }

    @Override
    public String toString() {
        return "DbSettings[url=" + url + ", user=" + user + ", poolSize=" + poolSize + ", timescale=" + timescale + "]";
    }
}
