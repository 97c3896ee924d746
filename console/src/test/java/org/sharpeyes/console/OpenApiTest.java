package org.sharpeyes.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sharpeyes.console.testing.Browser;
import org.sharpeyes.console.testing.ConsoleFixture;
import org.sharpeyes.gateway.hub.HubSettings;
import org.sharpeyes.gateway.hub.StreamHubs;
import org.yaml.snakeyaml.Yaml;

class OpenApiTest {
    static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    static ConsoleFixture fx;

    @BeforeAll
    static void start() throws Exception {
        // Hubs that are never opened: the live routes exist only on a node with streams.
        fx = new ConsoleFixture(ConsoleSettings.DEFAULTS, new StreamHubs((key, sink) -> {
            throw new IllegalStateException("no streams in this test");
        }, HubSettings.defaults()));
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    @Test
    void theDocumentDescribesExactlyTheRoutesTheServerHas() {
        Map<String, Object> doc = new Yaml().load(OpenApi.document());
        assertThat(doc.get("openapi")).isEqualTo("3.0.3");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.get("paths");
        List<String> documented = new ArrayList<>();
        paths.forEach((path, ops) -> ops.keySet().stream().filter(METHODS::contains)
                .forEach(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + path)));
        assertThat(fx.console.apiRoutes()).containsExactlyInAnyOrderElementsOf(new java.util.TreeSet<>(documented));
    }

    @Test
    void everyReferenceResolves() {
        String text = OpenApi.document();
        Map<String, Object> doc = new Yaml().load(text);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> components = (Map<String, Map<String, Object>>) doc.get("components");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("'#/components/(\\w+)/(\\w+)'").matcher(text);
        while (m.find()) {
            assertThat(components.get(m.group(1))).as(m.group()).containsKey(m.group(2));
        }
    }

    @Test
    void itIsServedWithoutLogin() throws Exception {
        var r = new Browser(fx).get("/api/openapi.yaml");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("application/yaml");
        assertThat(r.body()).startsWith("openapi: 3.0.3");
    }
}
