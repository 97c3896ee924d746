package org.sharpeyes.storage;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Disk journal of event batches the database could not take. Append-only segment files of
 * records {@code [int length][int crc32][COPY rows]}, each record forced to disk before the
 * append returns. Segments are replayed oldest first and deleted once stored. A record cut short
 * by a crash fails its length or CRC check and is reported, not replayed as garbage.
 *
 * <p>Used by the single writer thread only.
 */
final class Journal {
    private static final Logger log = LoggerFactory.getLogger(Journal.class);
    private static final String SUFFIX = ".journal";

    private final Path dir;
    private final long segmentBytes;
    private FileChannel current;
    private long nextSequence;
    private volatile long bytes;
    private volatile int segments;

    Journal(Path dir, long segmentBytes) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        try {
            Files.createDirectories(dir);
            List<Path> existing = list();
            nextSequence = existing.isEmpty() ? 1 : sequence(existing.get(existing.size() - 1)) + 1;
            refreshSize(existing);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open journal " + dir, e);
        }
        if (segments > 0) {
            log.info("journal has batches to replay dir={} segments={} bytes={}", dir, segments, bytes);
        }
    }

    boolean isEmpty() {
        return segments == 0;
    }

    long bytes() {
        return bytes;
    }

    int segments() {
        return segments;
    }

    void append(byte[] rows) throws IOException {
        if (current == null || current.size() >= segmentBytes) {
            rollover();
        }
        CRC32 crc = new CRC32();
        crc.update(rows);
        ByteBuffer header = ByteBuffer.allocate(8).putInt(rows.length).putInt((int) crc.getValue()).flip();
        ByteBuffer body = ByteBuffer.wrap(rows);
        while (header.hasRemaining() || body.hasRemaining()) {
            current.write(new ByteBuffer[] {header, body});
        }
        current.force(false);
        bytes += 8L + rows.length;
    }

    /** Oldest segment first; the one being appended to is closed so it can be replayed too. */
    List<Path> pendingSegments() throws IOException {
        closeCurrent();
        return list();
    }

    /** Every intact record of a segment, in order. */
    static List<byte[]> read(Path segment) throws IOException {
        List<byte[]> records = new ArrayList<>();
        try (InputStream in = Files.newInputStream(segment); DataInputStream data = new DataInputStream(in)) {
            while (true) {
                int length;
                try {
                    length = data.readInt();
                } catch (EOFException end) {
                    return records;
                }
                int expected = data.readInt();
                if (length < 0 || length > 512 * 1024 * 1024) {
                    log.error("journal record has impossible length segment={} record={} length={}", segment, records.size(), length);
                    return records;
                }
                byte[] rows = new byte[length];
                try {
                    data.readFully(rows);
                } catch (EOFException torn) {
                    log.error("journal record cut short by a crash segment={} record={}", segment, records.size());
                    return records;
                }
                CRC32 crc = new CRC32();
                crc.update(rows);
                if ((int) crc.getValue() != expected) {
                    log.error("journal record fails its checksum segment={} record={}", segment, records.size());
                    return records;
                }
                records.add(rows);
            }
        } catch (EOFException torn) {
            log.error("journal record header cut short by a crash segment={}", segment);
            return records;
        }
    }

    /** The segment's batches are stored: forget it. */
    void remove(Path segment) throws IOException {
        Files.deleteIfExists(segment);
        refreshSize(list());
    }

    void close() throws IOException {
        closeCurrent();
    }

    private void rollover() throws IOException {
        closeCurrent();
        Path path = dir.resolve(String.format("%016d%s", nextSequence++, SUFFIX));
        current = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        segments++;
    }

    private void closeCurrent() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    private List<Path> list() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        }
    }

    private void refreshSize(List<Path> files) throws IOException {
        long total = 0;
        for (Path p : files) {
            total += Files.size(p);
        }
        bytes = total;
        segments = files.size();
    }

    private static long sequence(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    }
}
