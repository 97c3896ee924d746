package org.sharpeyes.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.analytics.pipeline.TestVideos;
import org.sharpeyes.storage.LocalSnapshotStore;

class AnalyzeVideoCommandTest {
    @TempDir
    static Path dir;
    private static Path plate;

    private record Run(int status, List<JsonObject> lines, String err) {
    }

    @BeforeAll
    static void video() throws Exception {
        plate = TestVideos.encode(dir, "plate.mp4", TestVideos.PLATE, 6, "-g", "50", "-bf", "0");
    }

    private static Run run(AnalyzeVideoCommand.Stores stores, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = AnalyzeVideoCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), stores);
        List<JsonObject> lines = out.toString(StandardCharsets.UTF_8).lines().map(JsonObject::new).toList();
        return new Run(status, lines, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aRecordingOfOnePassingPlateGivesOneEventWithItsTextTimesAndImages() throws IOException {
        Path snaps = dir.resolve("snaps");
        Run r = run(LocalSnapshotStore::new, plate.toString(), "--snapshots", snaps.toString());
        LocalSnapshotStore store = new LocalSnapshotStore(snaps);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.lines()).singleElement().satisfies(e -> {
            assertThat(e.getString("kind")).isEqualTo("plate");
            assertThat(e.getString("text")).isEqualTo("渝A12345");
            assertThat(e.getString("color")).isEqualTo("blue");
            assertThat(e.getInteger("frames")).isGreaterThanOrEqualTo(25);
            assertThat(e.getDouble("start")).isLessThan(0.5);
            assertThat(e.getDouble("end")).isGreaterThan(5.5);
            assertThat(jpeg(store, e.getString("snapshot"))).startsWith(0xff, 0xd8);
            assertThat(jpeg(store, e.getString("crop"))).startsWith(0xff, 0xd8);
        });
    }

    private static int[] jpeg(LocalSnapshotStore store, String key) {
        try {
            byte[] b = store.read(key);
            return new int[] {b[0] & 0xff, b[1] & 0xff};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void withoutASnapshotDirectoryNoImagesAreKept() {
        Run r = run(d -> {
            throw new IOException("must not be opened");
        }, plate.toString(), "--seconds", "3", "--fps", "2");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.lines()).singleElement().satisfies(e -> {
            assertThat(e.getValue("snapshot")).isNull();
            assertThat(e.getDouble("end")).isLessThan(3.0);
        });
    }

    @Test
    void badArgumentsExitTwoWithTheReason() throws Exception {
        assertThat(run(d -> null).err()).contains("FILE|RTSP_URL missing");
        Run fps = run(d -> null, plate.toString(), "--fps", "0");
        assertThat(fps.status()).isEqualTo(AnalyzeVideoCommand.EXIT_USAGE);
        assertThat(fps.err()).contains("--fps must be from 0.1 to 25");
        assertThat(run(d -> null, plate.toString(), "--seconds", "1.5").err()).contains("--seconds must be a whole number");
        assertThat(run(d -> null, "http://user:secret@cam/x").err()).contains("only files and rtsp:// URLs").doesNotContain("secret");
        assertThat(run(d -> null, dir.resolve("missing.mp4").toString()).err()).contains("no such file");
        Path text = Files.writeString(dir.resolve("not-video.mp4"), "hello");
        Run notVideo = run(d -> null, text.toString());
        assertThat(notVideo.status()).isEqualTo(AnalyzeVideoCommand.EXIT_INPUT);
        assertThat(notVideo.err()).contains("cannot open");
    }
}
