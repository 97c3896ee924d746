package org.sharpeyes.analytics.synth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateScenesCommandTest {
    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = GenerateScenesCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badArgumentsExitTwoWithAOneLineReasonAndWriteNothing() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        String out = dir.resolve("out").toString();
        List<Object[]> cases = List.of(
                new Object[] {new String[] {}, "OUT_DIR missing"},
                new Object[] {new String[] {file.toString()}, "not a directory"},
                new Object[] {new String[] {out, "--width", "641"}, "--width must be even"},
                new Object[] {new String[] {out, "--fps", "0"}, "--fps must be in [1, 60], got 0"},
                new Object[] {new String[] {out, "--seconds", "abc"}, "--seconds must be a number, got 'abc'"},
                new Object[] {new String[] {out, "--stills"}, "--stills needs a value"},
                new Object[] {new String[] {out, "--seed", "1.5"}, "--seed must be a whole number"},
                new Object[] {new String[] {out, "--fast"}, "unexpected argument '--fast'"},
                new Object[] {new String[] {out, "other"}, "unexpected argument 'other'"});
        for (Object[] c : cases) {
            Run r = run((String[]) c[0]);
            assertThat(r.status()).as("%s", List.of((String[]) c[0])).isEqualTo(GenerateScenesCommand.EXIT_USAGE);
            assertThat(r.err()).contains((String) c[1]).contains("usage: generate-scenes").hasLineCount(1);
            assertThat(r.out()).isEmpty();
        }
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void writesTheVideoStillsAndTruthAndSaysSoInOneJsonLine() {
        Run r = run(dir.toString(), "--seconds", "1", "--width", "320", "--height", "180", "--stills", "1", "--seed", "3");

        assertThat(r.status()).as(r.err()).isZero();
        JsonObject summary = new JsonObject(r.out().strip());
        assertThat(summary.getInteger("frames")).isEqualTo(25);
        assertThat(summary.getInteger("stillCount")).isEqualTo(1);
        assertThat(dir.resolve("street.mp4")).isNotEmptyFile();
        assertThat(dir.resolve("street.truth.jsonl")).exists();
        assertThat(dir.resolve("street.tracks.json")).isNotEmptyFile();
        assertThat(dir.resolve("stills/still-0001.jpg")).isNotEmptyFile();
        assertThat(dir.resolve("stills-degraded/truth.jsonl")).isNotEmptyFile();
        assertThat(r.err()).contains("generate-scenes: street.mp4 25/25");
    }
}
