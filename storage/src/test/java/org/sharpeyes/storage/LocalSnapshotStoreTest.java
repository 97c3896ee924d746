package org.sharpeyes.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.common.SnapshotStore;

class LocalSnapshotStoreTest {
    @TempDir
    Path dir;

    @Test
    void putThenReadGivesTheSameBytesUnderTheirSha256() throws Exception {
        LocalSnapshotStore store = new LocalSnapshotStore(dir.resolve("snaps"));
        byte[] bytes = randomBytes(1, 50_000);

        String key = store.put(bytes);

        assertThat(key).isEqualTo(SnapshotStore.keyOf(bytes)).matches("[0-9a-f]{64}");
        assertThat(store.read(key)).isEqualTo(bytes);
        assertThat(store.path(key)).isEqualTo(store.root().resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key));
        assertThat(store.put("other".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(key);
    }

    @Test
    void secondPutOfTheSameBytesLeavesTheFileAlone() throws Exception {
        LocalSnapshotStore store = new LocalSnapshotStore(dir);
        byte[] bytes = randomBytes(2, 10_000);
        String key = store.put(bytes);
        FileTime old = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(store.path(key), old);

        assertThat(store.put(bytes.clone())).isEqualTo(key);

        assertThat(Files.getLastModifiedTime(store.path(key))).isEqualTo(old);
        assertThat(files(store)).containsExactly(store.path(key));
    }

    @Test
    void keysThatAreNotSha256HexAreRejectedBeforeAnyPathIsBuilt() throws Exception {
        LocalSnapshotStore store = new LocalSnapshotStore(dir.resolve("snaps"));
        Files.writeString(dir.resolve("secret"), "x");
        String valid = store.put(new byte[] {1, 2, 3});
        List<String> bad = List.of("", "../secret", "../../" + valid.substring(6), valid.toUpperCase(),
                valid.substring(1), valid + "0", valid.substring(0, 63) + "/", "/etc/passwd",
                valid.substring(0, 62) + "..", valid.substring(0, 63) + "\0");
        for (String key : bad) {
            assertThatThrownBy(() -> store.open(key)).as(key).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> store.open(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.open("f".repeat(64))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void concurrentPutsOfTheSameBytesAllSucceedWithOneWholeFile() throws Exception {
        LocalSnapshotStore store = new LocalSnapshotStore(dir);
        byte[] bytes = randomBytes(3, 2_000_000);
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> puts = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                puts.add(pool.submit(() -> {
                    start.await();
                    return store.put(bytes);
                }));
            }
            for (Future<String> put : puts) {
                assertThat(put.get()).isEqualTo(SnapshotStore.keyOf(bytes));
            }
        } finally {
            pool.shutdownNow();
        }
        String key = SnapshotStore.keyOf(bytes);
        assertThat(files(store)).containsExactly(store.path(key)); // no temporary files left behind
        assertThat(store.read(key)).isEqualTo(bytes);
    }

    private static List<Path> files(LocalSnapshotStore store) throws Exception {
        try (Stream<Path> walk = Files.walk(store.root())) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    private static byte[] randomBytes(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
