package org.sharpeyes.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsCoverEveryKeyWithItsType() {
        Config c = Config.load(null, Map.of(), List.of());
        assertThat(c.list("node.roles")).containsExactly("gateway", "analytics", "storage", "console");
        assertThat(c.integer("http.port")).isEqualTo(8080);
        assertThat(c.text("db.url")).isNull();
        assertThat(c.duration("storage.retention.plates")).isEqualTo(Duration.ofDays(180));
        assertThat(c.duration("storage.retention.faces")).isEqualTo(Duration.ofDays(30));
        assertThat(c.duration("writer.retryMin")).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void fileThenEnvironmentThenSetWin() throws Exception {
        Path file = dir.resolve("node.yaml");
        Files.writeString(file, """
                http:
                  port: 9000
                  host: 0.0.0.0
                node:
                  roles: [storage, console]
                writer:
                  batchSize: 100
                """);
        Config c = Config.load(file, Map.of("SHARPEYES_HTTP_PORT", "9100", "SHARPEYES_WRITER_BATCHSIZE", "200", "PATH", "/bin"),
                List.of("writer.batchSize=300", "storage.retention.faces=7d"));
        assertThat(c.text("http.host")).isEqualTo("0.0.0.0");
        assertThat(c.integer("http.port")).isEqualTo(9100);
        assertThat(c.integer("writer.batchSize")).isEqualTo(300);
        assertThat(c.list("node.roles")).containsExactly("storage", "console");
        assertThat(c.duration("storage.retention.faces")).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void everyProblemIsReportedWithKeySourceAndReason() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "http:\n  prot: 80\n");
        assertThatThrownBy(() -> Config.load(file, Map.of("SHARPEYES_WRITER_QUEUECAPACITY", "lots", "SHARPEYES_NOPE", "1"),
                List.of("node.roles=gateway,cooking", "db.url=mysql://x", "storage.retention.faces=12 hours", "oops")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.prot (file " + file + "): unknown key")
                .hasMessageContaining("writer.queueCapacity (environment variable SHARPEYES_WRITER_QUEUECAPACITY): must be a whole number, got 'lots'")
                .hasMessageContaining("SHARPEYES_NOPE (environment variable SHARPEYES_NOPE): unknown key")
                .hasMessageContaining("node.roles: unknown role 'cooking'")
                .hasMessageContaining("db.url: must start with jdbc:postgresql://")
                .hasMessageContaining("storage.retention.faces (--set): must be a duration")
                .hasMessageContaining("--set oops: expected key=value");
    }

    @Test
    void rangesAndCrossKeyRulesAreChecked() {
        assertThatThrownBy(() -> Config.load(null, Map.of(), List.of("http.port=70000", "writer.batchSize=200000",
                "storage.retention.plates=12h", "db.timescale=maybe")))
                .hasMessageContaining("http.port: must be 0 to 65535, got 70000")
                .hasMessageContaining("writer.batchSize: must be 1 to 100000")
                .hasMessageContaining("storage.retention.plates: must be at least 1d")
                .hasMessageContaining("db.timescale: must be auto, on or off");
    }

    @Test
    void malformedYamlIsAClearError() throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, "http: [unclosed\n");
        assertThatThrownBy(() -> Config.load(file, Map.of(), List.of())).hasMessageContaining("not valid YAML");
    }

    @Test
    void secretsAreMaskedWhenDescribed() {
        Config c = Config.load(null, Map.of("SHARPEYES_DB_PASSWORD", "hunter2"), List.of());
        assertThat(c.describe()).containsEntry("db.password", "***");
        assertThat(c.describe().toString()).doesNotContain("hunter2");
    }
}
