package org.sharpeyes.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.analytics.synth.Astronaut;
import org.sharpeyes.common.Box;

class AnalyzeImageCommandTest {

    @TempDir
    Path dir;

    private record Run(int status, List<JsonObject> lines, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = AnalyzeImageCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        List<JsonObject> lines = out.toString(StandardCharsets.UTF_8).lines().map(JsonObject::new).toList();
        return new Run(status, lines, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aDirectoryGivesOneLinePerImageInNameOrderAndAnUndecodableFileAnErrorLine() throws Exception {
        Files.createDirectories(dir.resolve("子目录"));
        Files.copy(Astronaut.path(), dir.resolve("子目录/宇航员.png"));
        Files.writeString(dir.resolve("a-broken.jpg"), "not a jpeg");
        Files.writeString(dir.resolve("notes.txt"), "not an image, skipped");

        Run r = run(dir.toString());

        assertThat(r.status()).isEqualTo(AnalyzeImageCommand.EXIT_SOME_FAILED);
        assertThat(r.lines()).extracting(l -> l.getString("file"))
                .containsExactly(dir.resolve("a-broken.jpg").toString(), dir.resolve("子目录/宇航员.png").toString());
        assertThat(r.lines().get(0).getString("error")).isEqualTo("cannot decode image");
        JsonObject astronaut = r.lines().get(1);
        assertThat(astronaut.getJsonArray("plates")).isEmpty();
        JsonArray faces = astronaut.getJsonArray("faces");
        assertThat(faces).hasSize(1);
        JsonArray box = faces.getJsonObject(0).getJsonArray("box");
        assertThat(new Box(box.getInteger(0), box.getInteger(1), box.getInteger(2), box.getInteger(3)).iou(Astronaut.FACE))
                .isGreaterThan(0.4);
        assertThat(faces.getJsonObject(0).getDouble("score")).isBetween(0.5, 1.0);
    }

    @Test
    void badArgumentsExitTwoWithAOneLineReason() {
        Run missing = run(dir.resolve("nope.jpg").toString());
        Run device = run(dir.toString(), "--device", "tpu");
        Run extra = run(dir.toString(), "--fast");

        assertThat(missing.status()).isEqualTo(AnalyzeImageCommand.EXIT_USAGE);
        assertThat(missing.err()).contains("no such file or directory").hasLineCount(1);
        assertThat(device.status()).isEqualTo(AnalyzeImageCommand.EXIT_USAGE);
        assertThat(device.err()).contains("cpu or cuda, got 'tpu'");
        assertThat(extra.err()).contains("unexpected argument '--fast'");
        assertThat(missing.lines()).isEmpty();
    }
}
