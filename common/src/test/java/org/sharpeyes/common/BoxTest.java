package org.sharpeyes.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BoxTest {
    @Test
    void iouIsOverlapOverUnionAndZeroForDisjointOrEmptyBoxes() {
        Box a = new Box(0, 0, 10, 10);
        assertThat(a.iou(a)).isEqualTo(1);
        assertThat(a.iou(new Box(5, 0, 10, 10))).isCloseTo(50.0 / 150, offset(1e-12));
        assertThat(a.iou(new Box(10, 0, 10, 10))).isZero();
        assertThat(new Box(3, 3, 0, 0).iou(new Box(3, 3, 0, 0))).isZero();
    }

    @Test
    void iouOfAMovedBoxIsThatOfTheBoxMadeThere() {
        Random rnd = new Random(3);
        for (int i = 0; i < 1000; i++) {
            Box a = randomBox(rnd, 200);
            Box b = randomBox(rnd, 200);
            int dx = rnd.nextInt(81) - 40;
            int dy = rnd.nextInt(81) - 40;
            assertThat(a.iou(dx, dy, b)).isEqualTo(new Box(a.x() + dx, a.y() + dy, a.width(), a.height()).iou(b));
        }
    }

    @Test
    void intersectionIsTheCommonAreaWhicheverBoxAsks() {
        Random rnd = new Random(5);
        for (int i = 0; i < 1000; i++) {
            Box a = randomBox(rnd, 100);
            Box b = randomBox(rnd, 100);
            long common = 0;
            for (int y = 0; y < 160; y++) {
                for (int x = 0; x < 160; x++) {
                    boolean inA = x >= a.x() && x < a.x() + a.width() && y >= a.y() && y < a.y() + a.height();
                    boolean inB = x >= b.x() && x < b.x() + b.width() && y >= b.y() && y < b.y() + b.height();
                    common += inA && inB ? 1 : 0;
                }
            }
            assertThat(a.intersection(b)).isEqualTo(common).isEqualTo(b.intersection(a)).isLessThanOrEqualTo(a.area());
        }
    }

    @Test
    void intersectAndUnionAreTheCommonAndTheHoldingBoxes() {
        Random rnd = new Random(9);
        for (int i = 0; i < 1000; i++) {
            Box a = randomBox(rnd, 100);
            Box b = randomBox(rnd, 100);
            Box common = a.intersect(b);
            assertThat(common == null ? 0 : common.area()).isEqualTo(a.intersection(b));
            assertThat(common).isEqualTo(b.intersect(a));
            Box both = a.union(b);
            assertThat(both.intersection(a)).isEqualTo(a.area());
            assertThat(both.intersection(b)).isEqualTo(b.area());
            assertThat(both).isEqualTo(b.union(a));
        }
    }

    @Test
    void overlappingBoxesAreJoinedUntilNoneOverlap() {
        // a chain: the first two overlap, and their union reaches the third; the last stands apart
        List<Box> boxes = new ArrayList<>(List.of(new Box(0, 0, 10, 10), new Box(8, 0, 10, 10), new Box(17, 5, 5, 5),
                new Box(40, 40, 5, 5)));
        Box.joinOverlapping(boxes);
        assertThat(boxes).containsExactly(new Box(0, 0, 22, 10), new Box(40, 40, 5, 5));
    }

    @Test
    void centreDistanceIsBetweenTheCentresOfTheMovedBoxAndTheOther() {
        Box a = new Box(0, 0, 10, 10);
        assertThat(a.centreDistance(0, 0, new Box(30, 40, 10, 10))).isEqualTo(50.0);
        assertThat(a.centreDistance(30, 40, new Box(30, 40, 10, 10))).isZero();
        assertThat(a.centreDistance(0, 0, new Box(0, 0, 20, 20))).isCloseTo(Math.sqrt(50), offset(1e-9));
    }

    @Test
    void sizedLikeBoundsWidthAndHeightEitherWay() {
        Box a = new Box(0, 0, 20, 20);
        assertThat(a.sizedLike(new Box(500, 500, 30, 30), 1.5)).isTrue();
        assertThat(new Box(500, 500, 30, 30).sizedLike(a, 1.5)).isTrue();
        assertThat(a.sizedLike(new Box(0, 0, 31, 20), 1.5)).as("too wide").isFalse();
        assertThat(a.sizedLike(new Box(0, 0, 20, 13), 1.5)).as("too flat").isFalse();
    }

    /** A box of up to 60×60 (empty ones too) at up to {@code within} from the origin on each axis. */
    private static Box randomBox(Random rnd, int within) {
        return new Box(rnd.nextInt(within), rnd.nextInt(within), rnd.nextInt(60), rnd.nextInt(60));
    }
}
