package org.sharpeyes.analytics.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.sharpeyes.common.Box;

/**
 * Who stands where in a still: one to three vehicles with plates about 60–330 px wide (at
 * 1080p; scaled with the frame height) and two to four people whose faces are 34–100 px, placed
 * where no vehicle or other person hides them. Still number i takes formats 5i, 5i+7, 5i+14
 * (modulo their count), so a set of stills covers every format about equally.
 */
final class StillLayout {
    private StillLayout() {
    }

    static List<Actor> compose(Street street, Astronaut astronaut, int index, Random rnd) {
        Camera cam = street.camera;
        double k = cam.height() / 1080.0;
        List<Actor> actors = new ArrayList<>();
        List<Obstacle> taken = new ArrayList<>();
        PlateStyle[] styles = PlateStyle.values();
        int vehicles = 1 + rnd.nextInt(3);
        double[] laneFront = {0, 0};
        int id = 1;
        for (int j = 0; j < vehicles; j++) {
            PlateStyle style = styles[Math.floorMod(5 * index + 7 * j, styles.length)];
            boolean towards = !style.twoLine() && (j == 0 || rnd.nextBoolean());
            double plateWidth = (towards ? 70 + 260 * rnd.nextDouble() : 60 + 140 * rnd.nextDouble()) * k;
            Vehicle v = place(street, id++, style, towards, plateWidth, laneFront, rnd);
            if (v != null) {
                actors.add(v);
                double depth = v.depth(cam, 0);
                taken.add(new Obstacle(v.imageBounds(cam, 0), depth, false));
                taken.add(new Obstacle(plateBounds(v, cam), depth, true));
            }
        }
        int people = 2 + rnd.nextInt(3);
        for (int j = 0; j < people; j++) {
            Pedestrian p = person(street, astronaut, id, (34 + 66 * rnd.nextDouble()) * k, taken, rnd);
            if (p != null) {
                actors.add(p);
                id++;
            }
        }
        return actors;
    }

    /**
     * A vehicle in its lane at the depth that makes its plate about {@code plateWidth} px wide,
     * moved back until the plate is in the picture and behind any vehicle already in the lane.
     */
    private static Vehicle place(Street street, int id, PlateStyle style, boolean towards, double plateWidth,
                                 double[] laneFront, Random rnd) {
        Camera cam = street.camera;
        Vehicle.Body body = style.large() ? (rnd.nextBoolean() ? Vehicle.Body.BUS : Vehicle.Body.LORRY)
                : Vehicle.Body.values()[rnd.nextInt(3)];
        double laneX = (towards ? street.towardsLane() : street.awayLane()) + 0.4 * rnd.nextDouble() - 0.2;
        double heading = (towards ? Math.PI : 0) + Math.toRadians(rnd.nextDouble() * 4 - 2);
        double plateZ = Math.max(cam.focal() * PlateRenderer.metresWide(style) / plateWidth, laneFront[towards ? 0 : 1]);
        String number = style.number(rnd);
        // every try builds the same vehicle (same seed), only further away
        long looks = rnd.nextLong();
        double length;
        try (Vehicle probe = new Vehicle(id, body, style, number, towards, new Vehicle.Path(laneX, 0, heading, 0, 0, 1),
                new Random(looks))) {
            length = probe.length;
        }
        for (int tries = 0; tries < 30; tries++, plateZ *= 1.08) {
            double z = plateZ + length / 2;
            Vehicle v = new Vehicle(id, body, style, number, towards, new Vehicle.Path(laneX, z, heading, 5, 0, 1),
                    new Random(looks));
            Box plate = plateBounds(v, cam);
            if (plate != null && plate.x() >= 0 && plate.y() >= 0 && plate.x() + plate.width() <= cam.width()
                    && plate.y() + plate.height() <= cam.height()) {
                laneFront[towards ? 0 : 1] = z + length / 2 + 3;
                return v;
            }
            v.close();
        }
        return null;
    }

    private static Box plateBounds(Vehicle v, Camera cam) {
        try (Canvas scratch = new Canvas(cam)) {
            List<Drawn> drawn = v.draw(scratch, 0);
            return drawn.isEmpty() ? null : drawn.get(0).bounds();
        }
    }

    /** Something in a still: a new person must not hide a plate or face, nor stand behind anything nearer. */
    private record Obstacle(Box box, double depth, boolean mustShow) {
    }

    /** Someone whose face is about {@code faceWidth} px, in full view and hiding no plate or face. */
    private static Pedestrian person(Street street, Astronaut astronaut, int id, double faceWidth, List<Obstacle> taken,
                                     Random rnd) {
        Camera cam = street.camera;
        double z = cam.focal() * Pedestrian.FACE_WIDTH / faceWidth;
        double half = 0.85 * z * cam.width() / 2 / cam.focal();
        boolean towards = rnd.nextInt(5) > 0;
        for (int tries = 0; tries < 40; tries++) {
            double x = -half + 2 * half * rnd.nextDouble();
            double[] foot = cam.project(x, 0, z);
            double[] top = cam.project(x, 1.9, z);
            if (foot == null || top == null) {
                return null;
            }
            double s = cam.scale(x, 1, z);
            Box body = new Box((int) (foot[0] - 0.3 * s), (int) top[1], (int) (0.6 * s), (int) (foot[1] - top[1]));
            Box head = new Box((int) (foot[0] - 0.15 * s), (int) top[1], (int) (0.3 * s), (int) (0.4 * s));
            double depth = cam.depth(x, 1, z);
            boolean clear = taken.stream().noneMatch(o -> o.mustShow() && depth < o.depth() && overlaps(o.box(), body)
                    || o.depth() < depth && overlaps(o.box(), head));
            if (clear) {
                taken.add(new Obstacle(body, depth, false));
                taken.add(new Obstacle(head, depth, true));
                // caught mid-stride, walking towards the camera (or away)
                double walked = 0.2 + rnd.nextDouble();
                double[][] route = towards ? new double[][] {{x, z + walked}, {x, z - 1}} : new double[][] {{x, z - walked}, {x, z + 1}};
                return new Pedestrian(id, astronaut, route, 1, -walked, false, street, rnd);
            }
        }
        return null;
    }

    private static boolean overlaps(Box a, Box b) {
        return a.x() < b.x() + b.width() && b.x() < a.x() + a.width() && a.y() < b.y() + b.height() && b.y() < a.y() + a.height();
    }

    /** One random look: day to dusk, shadow or not, one in three blurred (camera shake or focus), always some noise. */
    static Look look(Random rnd) {
        double dusk = rnd.nextInt(3) == 0 ? rnd.nextDouble() : 0;
        double gain = (0.75 + 0.35 * rnd.nextDouble()) * (1 - 0.4 * dusk);
        double shadow = rnd.nextInt(3) == 0 ? 0.5 + 0.5 * rnd.nextDouble() : 0;
        int b = rnd.nextInt(6);
        Look.Blur blur = b == 0 ? Look.Blur.MOTION : b == 1 ? Look.Blur.DEFOCUS : Look.Blur.NONE;
        double amount = blur == Look.Blur.MOTION ? 3 + 6 * rnd.nextDouble() : blur == Look.Blur.DEFOCUS ? 0.6 + rnd.nextDouble() : 0;
        return new Look(gain, dusk, shadow, blur, amount, 1.5 + 3.5 * rnd.nextDouble());
    }
}
