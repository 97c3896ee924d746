package org.sharpeyes.analytics.plate;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sharpeyes.analytics.synth.BgrImages;
import org.sharpeyes.analytics.synth.PlateStyle;
import org.sharpeyes.common.Box;

class PlateCandidatesTest {
    private static OcrModels models;
    private static PlateReader reader;

    @BeforeAll
    static void load() {
        models = OcrModels.load(1);
        reader = new PlateReader(models, PlateReader.Settings.DEFAULTS);
    }

    @AfterAll
    static void close() {
        reader.close();
        models.close();
    }

    /** Plates 60-200 px wide in a 720p frame (searched at half scale), tilted up to ±5°, half blurred, beside a shop sign. */
    @ParameterizedTest
    @EnumSource(PlateStyle.class)
    void aWindowHoldsThePlateOfEveryColourAndLayout(PlateStyle style) {
        Random rnd = new Random(11 + style.ordinal());
        List<String> misses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int plateWidth = 60 + 20 * i;
            PlateScenes.Scene scene = PlateScenes.scene(1280, 720, style.number(rnd), style, plateWidth,
                    rnd.nextDouble() * 10 - 5, i % 2 == 1, rnd);
            List<Box> windows;
            try (Mat image = BgrImages.toMat(scene.image())) {
                windows = reader.candidates(image, new Box(0, 0, 1280, 720));
            }
            assertThat(windows).hasSizeLessThanOrEqualTo(PlateCandidates.MAX_WINDOWS);
            for (Box w : windows) {
                assertThat(w.width() % PlateCandidates.DETECTOR_STRIDE).as("window %s", w).isZero();
                assertThat(w.height() % PlateCandidates.DETECTOR_STRIDE).as("window %s", w).isZero();
                assertThat(w.x() + w.width() <= 1280 && w.y() + w.height() <= 720 && w.x() >= 0 && w.y() >= 0).isTrue();
            }
            if (windows.stream().noneMatch(w -> covers(w, scene.plateBounds()))) {
                misses.add("width " + plateWidth + " at " + scene.plateBounds() + ": " + windows);
            }
        }
        assertThat(misses).as("plates no window holds").isEmpty();
    }

    /** Text is the reader's to reject (its format check); here, edges no plate makes. */
    @Test
    void edgesThatAreNotPlateShapedGiveNoWindow() {
        BufferedImage img = new BufferedImage(1280, 720, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(95, 95, 100));
        g.fillRect(0, 0, 1280, 720);
        g.setColor(new Color(240, 240, 240));
        for (int x = 100; x < 1200; x += 180) { // crossing stripes: long, far apart
            g.fillRect(x, 560, 90, 150);
        }
        g.fillRect(40, 40, 8, 480); // a pole
        g.setStroke(new BasicStroke(4));
        g.drawRect(700, 60, 420, 300); // a window frame
        g.setStroke(new BasicStroke(3));
        g.drawLine(100, 520, 600, 300); // a kerb, slanted
        g.setColor(new Color(20, 60, 170));
        g.fillRect(150, 60, 460, 200); // a blank sign board
        g.dispose();
        try (Mat image = BgrImages.toMat(img)) {
            assertThat(reader.candidates(image, new Box(0, 0, 1280, 720))).isEmpty();
        }
    }

    @Test
    void windowsStayInTheFrameAndAreEmptyForAnEmptyRegion() {
        Random rnd = new Random(3);
        PlateScenes.Scene scene = PlateScenes.scene(640, 360, PlateStyle.BLUE.number(rnd), PlateStyle.BLUE, 90, 0, false, rnd);
        try (Mat image = BgrImages.toMat(scene.image())) {
            assertThat(reader.candidates(image, new Box(600, 300, 0, 40))).isEmpty();
            assertThat(reader.candidates(image, new Box(-50, -50, 2000, 2000)))
                    .anyMatch(w -> covers(w, scene.plateBounds()))
                    .allMatch(w -> w.x() >= 0 && w.y() >= 0 && w.x() + w.width() <= 640 && w.y() + w.height() <= 360);
        }
    }

    @Test
    void aWindowMostlyInsideALargerOneIsDropped() {
        Box big = new Box(0, 0, 200, 100);
        Box inside = new Box(20, 20, 100, 50);
        Box apart = new Box(300, 0, 64, 32);
        assertThat(PlateCandidates.merged(List.of(big, inside, apart))).containsExactly(big, apart);
    }

    /** The plate's bounds lie (almost) wholly inside the window. */
    private static boolean covers(Box w, Rectangle2D plate) {
        Rectangle2D inter = plate.createIntersection(new Rectangle2D.Double(w.x(), w.y(), w.width(), w.height()));
        return inter.getWidth() > 0 && inter.getHeight() > 0
                && inter.getWidth() * inter.getHeight() >= 0.9 * plate.getWidth() * plate.getHeight();
    }
}
