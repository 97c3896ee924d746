package org.sharpeyes.analytics.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.sharpeyes.common.Box;

class TilingProperties {
    /** Each level's tiles start inside the region, and any square up to a quarter tile lies whole in one of them. */
    @Property(tries = 300)
    void everyLevelHoldsAnyQuarterTileSquareWhole(@ForAll @IntRange(min = 0, max = 500) int x,
            @ForAll @IntRange(min = 0, max = 500) int y, @ForAll @IntRange(min = 1, max = 2500) int w,
            @ForAll @IntRange(min = 1, max = 2500) int h, @ForAll @IntRange(min = 8, max = 80) int minFace,
            @ForAll @DoubleRange(min = 0, max = 1) double fx, @ForAll @DoubleRange(min = 0, max = 1) double fy) {
        Box region = new Box(x, y, w, h);
        List<Tiling.Tile> tiles = Tiling.plan(region, 256, minFace);
        Tiling.Tile last = tiles.get(tiles.size() - 1);
        assertThat(last).isEqualTo(new Tiling.Tile(x, y, Math.max(w, h)));
        for (List<Tiling.Tile> level : tiles.stream().collect(Collectors.groupingBy(Tiling.Tile::side)).values()) {
            int side = level.get(0).side();
            for (Tiling.Tile t : level) {
                assertThat(t.x()).isBetween(x, x + w - 1);
                assertThat(t.y()).isBetween(y, y + h - 1);
            }
            int square = Math.min(side / 4, Math.min(w, h));
            int sx = x + (int) (fx * (w - square));
            int sy = y + (int) (fy * (h - square));
            assertThat(level).as("level %d holds square %d at %d,%d", side, square, sx, sy).anyMatch(t -> t.x() <= sx
                    && sx + square <= t.x() + t.side() && t.y() <= sy && sy + square <= t.y() + t.side());
        }
    }
}
