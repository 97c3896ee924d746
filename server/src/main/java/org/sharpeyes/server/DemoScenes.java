package org.sharpeyes.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sharpeyes.analytics.synth.Astronaut;
import org.sharpeyes.analytics.synth.CjkFont;
import org.sharpeyes.analytics.synth.SceneGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The street videos the demo cameras play: generated once into a folder (a few minutes on the
 * first start), then reused. Each camera gets its own seed, length and size, as a real mixed
 * fleet of cameras would differ.
 */
final class DemoScenes {
    private static final Logger log = LoggerFactory.getLogger(DemoScenes.class);
    static final List<SceneGenerator.VideoSpec> SPECS = List.of(
            new SceneGenerator.VideoSpec(1280, 720, 25, 120, 101),
            new SceneGenerator.VideoSpec(640, 360, 25, 150, 102),
            new SceneGenerator.VideoSpec(640, 360, 25, 120, 103),
            new SceneGenerator.VideoSpec(1280, 720, 25, 100, 104));

    /** A camera's video and its picture size. */
    record Scene(Path video, int width, int height) {
    }

    private DemoScenes() {
    }

    /** The videos, one per spec, generating those missing; empty (with a warning) when they cannot be made. */
    static List<Scene> ensure(Path dir) {
        if (!CjkFont.available() || !Astronaut.available()) {
            log.warn("demo cameras show test patterns, not street scenes: {} (./sharpeyes demo installs them when run as root)",
                    !CjkFont.available() ? "font '" + CjkFont.FAMILY + "' missing (Debian fonts-noto-cjk)"
                            : Astronaut.path() + " missing (from Debian python3-skimage)");
            return List.of();
        }
        List<Scene> scenes = new ArrayList<>();
        try (Astronaut astronaut = Astronaut.load()) {
            for (int i = 0; i < SPECS.size(); i++) {
                SceneGenerator.VideoSpec spec = SPECS.get(i);
                String name = String.format("cam%d-%dx%d-%ds-seed%d", i, spec.width(), spec.height(), (int) spec.seconds(),
                        spec.seed());
                if (!Files.exists(dir.resolve(name + ".tracks.json"))) {
                    log.info("demo scenes: generating {} ({}x{}, {} s of street video; once, reused on later starts)", name,
                            spec.width(), spec.height(), (int) spec.seconds());
                    int[] tenths = {0};
                    SceneGenerator.video(dir, name, spec, astronaut, (what, done, total) -> {
                        if (done * 10 / total > tenths[0]) {
                            tenths[0] = done * 10 / total;
                            log.info("demo scenes: {} {}%", what, tenths[0] * 10);
                        }
                    });
                }
                scenes.add(new Scene(dir.resolve(name + ".mp4"), spec.width(), spec.height()));
            }
        } catch (IOException | RuntimeException e) {
            log.warn("demo cameras show test patterns, not street scenes: generating them failed", e);
            return List.of();
        }
        return scenes;
    }
}
