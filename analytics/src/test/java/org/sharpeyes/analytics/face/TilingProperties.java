package org.sharpeyes.analytics.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.sharpeyes.common.Box;

class TilingProperties {
    /**
     * Levels go from the finest scale down by GROWTH to the region's longest side at the model's
     * size; every tile lies in the region and fits a bounded input; and each level holds any square
     * up to its overlap (in frame pixels) whole in one of its tiles.
     */
    @Property(tries = 300)
    void everyLevelHoldsAnySquareUpToItsOverlapWholeInOneBoundedInput(@ForAll @IntRange(min = 0, max = 500) int x,
            @ForAll @IntRange(min = 0, max = 500) int y, @ForAll @IntRange(min = 1, max = 4000) int w,
            @ForAll @IntRange(min = 1, max = 3000) int h, @ForAll @IntRange(min = 8, max = 80) int minFace,
            @ForAll @DoubleRange(min = 0, max = 1) double fx, @ForAll @DoubleRange(min = 0, max = 1) double fy) {
        Box region = new Box(x, y, w, h);
        List<Tiling.Tile> tiles = Tiling.plan(region, 256, minFace);
        int longest = Math.max(w, h);
        assertThat(tiles.get(tiles.size() - 1)).isEqualTo(new Tiling.Tile(x, y, w, h, 256.0 / longest));

        Map<Double, List<Tiling.Tile>> levels = new TreeMap<>(Comparator.reverseOrder());
        levels.putAll(tiles.stream().collect(Collectors.groupingBy(Tiling.Tile::scale)));
        List<Double> scales = List.copyOf(levels.keySet());
        for (int i = 0; i < scales.size() - 1; i++) {
            assertThat(scales.get(i)).as("level %d", i).isCloseTo(Tiling.finestScale(minFace) / Math.pow(Tiling.GROWTH, i), offset(1e-9));
            assertThat(longest * scales.get(i)).as("a level before the last is larger than the model's size").isGreaterThan(256);
        }
        assertThat(longest * Tiling.finestScale(minFace) / Math.pow(Tiling.GROWTH, scales.size() - 1))
                .as("no further level is larger than the model's size").isLessThanOrEqualTo(256);
        for (List<Tiling.Tile> level : levels.values()) {
            double s = level.get(0).scale();
            for (Tiling.Tile t : level) {
                assertThat(t.x()).isBetween(x, x + w - 1);
                assertThat(t.y()).isBetween(y, y + h - 1);
                assertThat(t.x() + t.width()).isLessThanOrEqualTo(x + w);
                assertThat(t.y() + t.height()).isLessThanOrEqualTo(y + h);
                assertThat(Math.max(t.inputWidth(), t.inputHeight())).isLessThanOrEqualTo(Tiling.MAX_SIDE + FaceModel.ALIGN);
                assertThat(Math.min(t.inputWidth(), t.inputHeight())).isGreaterThanOrEqualTo(Tiling.MIN_SIDE);
                assertThat(t.scaledWidth()).isLessThanOrEqualTo(t.inputWidth());
                assertThat(t.scaledHeight()).isLessThanOrEqualTo(t.inputHeight());
                assertThat(t.inputWidth() % FaceModel.ALIGN).isZero();
                assertThat(t.inputHeight() % FaceModel.ALIGN).isZero();
            }
            int square = Math.min((int) (Tiling.OVERLAP / s) - 2, Math.min(w, h));
            int sx = x + (int) (fx * (w - square));
            int sy = y + (int) (fy * (h - square));
            assertThat(level).as("level %.3f holds square %d at %d,%d", s, square, sx, sy).anyMatch(t -> t.x() <= sx
                    && sx + square <= t.x() + t.width() && t.y() <= sy && sy + square <= t.y() + t.height());
        }
    }

    @Property(tries = 50)
    void aRegionThatFitsTheModelsSizeAtTheFinestScaleIsOneInput(@ForAll @IntRange(min = 1, max = 300) int w,
            @ForAll @IntRange(min = 1, max = 300) int h) {
        assertThat(Tiling.plan(new Box(10, 20, w, h), 256, 24)).hasSize(1);
    }
}
