package org.sharpeyes.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.sharpeyes.common.SnapshotStore;

/**
 * Snapshots as files in a local directory: {@code root/ab/cd/abcd…} for key {@code abcd…}, two
 * levels of 256 directories so that no directory grows past a few thousand entries per
 * million files.
 *
 * <p>A put writes a temporary file in the target directory, forces it to disk and renames it
 * onto the key atomically, so a key names either the whole content or nothing, also after a
 * crash or power loss; concurrent puts of the same bytes both succeed (the rename replaces
 * identical content). The file is fsynced because events in the database name it and a
 * zero-length evidence file after a power cut would be worse than a slower put; there are
 * about two puts per event, not per frame. The directory is not fsynced: after a power cut a
 * just-written key may be missing (the event's snapshot is lost), never wrong.
 */
public final class LocalSnapshotStore implements SnapshotStore {
    private final Path root;

    public LocalSnapshotStore(Path root) throws IOException {
        this.root = Files.createDirectories(root).toRealPath();
    }

    public Path root() {
        return root;
    }

    @Override
    public String put(byte[] jpeg) throws IOException {
        String key = SnapshotStore.keyOf(jpeg);
        Path target = path(key);
        if (Files.exists(target)) {
            return key;
        }
        Path dir = Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(dir, ".put-", ".tmp");
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(jpeg);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return key;
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(path(key));
    }

    /** Where the key's file lives; the key is validated first, so the path stays under root. */
    Path path(String key) {
        SnapshotStore.checkKey(key);
        return root.resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key);
    }
}
