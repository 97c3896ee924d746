package org.sharpeyes.common;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Snapshots and crops (JPEG files) under content-addressed keys: the lower-case hex SHA-256 of
 * the bytes. The same bytes always give the same key, so a put is idempotent and a key can be
 * stored on an event before or after the file lands. A local directory by default; an object
 * store can sit behind the same interface. Implementations are safe for concurrent use.
 */
public interface SnapshotStore {
    /** Stores the bytes (if not stored yet) and returns their key. */
    String put(byte[] jpeg) throws IOException;

    /**
     * Opens the stored bytes; the caller closes the stream.
     *
     * @throws IllegalArgumentException when the key is not a valid key (see {@link #checkKey})
     * @throws java.nio.file.NoSuchFileException when nothing is stored under the key
     */
    InputStream open(String key) throws IOException;

    default byte[] read(String key) throws IOException {
        try (InputStream in = open(key)) {
            return in.readAllBytes();
        }
    }

    /** Keys are 64 lower-case hex digits, nothing else: they are safe as file and object names. */
    Pattern KEY = Pattern.compile("[0-9a-f]{64}");

    /** The key of these bytes. */
    static String keyOf(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Returns the key when valid; otherwise throws, so that no caller turns input into a path. */
    static String checkKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a snapshot key (64 lower-case hex digits): "
                    + (key == null ? null : "'" + key.substring(0, Math.min(key.length(), 80)) + "'"));
        }
        return key;
    }
}
