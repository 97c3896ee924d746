package org.sharpeyes.analytics.synth;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleFunction;

/**
 * What happens in a street video: busy spells of traffic and pedestrians separated by quiet ones
 * in which nothing moves (the analytics pipeline gates its detectors on motion), and the light
 * over time. Plate formats come from a shuffled deck so that every format shows up every dozen
 * vehicles.
 */
final class Traffic {
    /** Least gap (m) between vehicles following each other, bumper to bumper. */
    private static final double HEADWAY = 6;
    private static final double READ_Z = 6;

    /**
     * @param quiet  [start, end] seconds in which no actor is present and the light holds still
     */
    record Plan(List<Actor> actors, List<double[]> quiet, DoubleFunction<Look> looks) {
    }

    private record Lane(boolean towards, List<Vehicle> vehicles) {
    }

    private final Street street;
    private final Astronaut astronaut;
    private final Random rnd;
    private final Deque<PlateStyle> deck = new ArrayDeque<>();
    private final List<Actor> actors = new ArrayList<>();
    private final Lane towards = new Lane(true, new ArrayList<>());
    private final Lane away = new Lane(false, new ArrayList<>());
    /** People on the carriageway (crossing it, or walking along its edge): vehicles wait for them. */
    private final List<Pedestrian> onRoad = new ArrayList<>();
    private int nextId = 1;

    private Traffic(Street street, Astronaut astronaut, Random rnd) {
        this.street = street;
        this.astronaut = astronaut;
        this.rnd = rnd;
    }

    static Plan plan(Street street, Astronaut astronaut, double seconds, Random rnd) {
        Traffic t = new Traffic(street, astronaut, rnd);
        List<double[]> busy = new ArrayList<>();
        List<double[]> quiet = new ArrayList<>();
        double now = 0;
        while (now < seconds) {
            double q = now == 0 ? 2.5 + 1.5 * rnd.nextDouble() : 3 + 3 * rnd.nextDouble();
            quiet.add(new double[] {now, Math.min(seconds, now + q)});
            now += q;
            double b = 22 + 14 * rnd.nextDouble();
            if (seconds - now < 10) {
                quiet.get(quiet.size() - 1)[1] = seconds;
                break;
            }
            double end = Math.min(now + b, seconds - 1);
            busy.add(new double[] {now, end});
            now = end;
        }
        for (double[] w : busy) {
            // pedestrians first: vehicles wait for whoever is on the crossing
            t.pedestrians(w[0], w[1]);
            t.vehicles(w[0], w[1]);
        }
        return new Plan(List.copyOf(t.actors), quiet, t.looks(busy, rnd));
    }

    /** The next format from the deck, skipping (and keeping for later) two-line ones when a front plate is needed. */
    private PlateStyle nextStyle(boolean front) {
        if (deck.stream().noneMatch(s -> !front || !s.twoLine())) {
            List<PlateStyle> all = new ArrayList<>(Arrays.asList(PlateStyle.values()));
            Collections.shuffle(all, rnd);
            deck.addAll(all);
        }
        PlateStyle style = deck.stream().filter(s -> !front || !s.twoLine()).findFirst().orElseThrow();
        deck.remove(style);
        return style;
    }

    /** Each lane fills the spell with vehicles as closely as their speeds and the headway allow. */
    private void vehicles(double b0, double b1) {
        for (Lane lane : List.of(towards, away)) {
            double t = b0 + 2 * rnd.nextDouble();
            for (int misses = 0; misses < 3 && t < b1; ) {
                PlateStyle style = nextStyle(lane.towards());
                Vehicle v = vehicle(lane, style, t, b1);
                if (v == null) {
                    deck.addFirst(style);
                    misses++;
                    t += 1;
                    continue;
                }
                actors.add(v);
                t = v.path.start() + (lane.towards() ? 2 + 3 * rnd.nextDouble() : 4 + 5 * rnd.nextDouble());
            }
        }
        if (rnd.nextBoolean()) {
            crossing(b0 + rnd.nextDouble() * Math.max(0, b1 - b0 - 12), b1);
        }
    }

    /** A vehicle in the lane leaving no earlier than {@code t}, or null when it cannot finish before {@code b1}. */
    private Vehicle vehicle(Lane lane, PlateStyle style, double t, double b1) {
        Vehicle.Body body = style.large() ? (rnd.nextBoolean() ? Vehicle.Body.BUS : Vehicle.Body.LORRY)
                : Vehicle.Body.values()[rnd.nextInt(3)];
        double length = body == Vehicle.Body.BUS ? 12 : body == Vehicle.Body.LORRY ? 9 : 5.3;
        double speed = style.large() ? 3.5 + 3.5 * rnd.nextDouble() : 4 + 5 * rnd.nextDouble();
        double skew = Math.toRadians(rnd.nextDouble() * 2 - 1);
        double laneX = (lane.towards() ? street.towardsLane() : street.awayLane()) + 0.5 * rnd.nextDouble() - 0.25;
        // along the lane from the far end (or from beside the camera) until it has left the picture
        double far = street.end - 2 - length / 2;
        double near = 0.5 - length / 2;
        double from = lane.towards() ? far : -length / 2 - 0.5;
        double to = lane.towards() ? near : far;
        double pathLength = Math.abs(to - from);
        double start = t;
        if (!lane.vehicles().isEmpty()) {
            Vehicle prev = lane.vehicles().get(lane.vehicles().size() - 1);
            double gap = HEADWAY + prev.length / 2 + length / 2 + 1;
            double vp = prev.path.speed();
            double prevExit = prev.path.end();
            start = Math.max(start, Math.max(prev.path.start() + gap / vp, prevExit - (pathLength - gap) / speed));
        }
        double heading = (lane.towards() ? Math.PI : 0) + skew;
        // aimed so that it is in its lane where plates are read
        double x = laneX + (from - READ_Z) * Math.tan(skew);
        for (; start + pathLength / speed <= b1 - 0.2; start += 0.5) {
            Vehicle.Path path = new Vehicle.Path(x, from, heading, speed, start, start + pathLength / speed);
            if (clear(path, length, style.large() ? 2.5 : 1.95)) {
                Vehicle v = new Vehicle(nextId++, body, style, style.number(rnd), lane.towards(), path, rnd);
                lane.vehicles().add(v);
                return v;
            }
        }
        return null;
    }

    /** A vehicle crossing the far end along the cross street: side on, its plates out of sight. */
    private void crossing(double t, double b1) {
        boolean right = rnd.nextBoolean();
        double speed = 6 + 4 * rnd.nextDouble();
        double span = 70;
        if (t + span / speed > b1 - 0.2) {
            return;
        }
        Vehicle.Body body = Vehicle.Body.values()[rnd.nextInt(Vehicle.Body.values().length)];
        PlateStyle style = body == Vehicle.Body.BUS || body == Vehicle.Body.LORRY ? PlateStyle.YELLOW : PlateStyle.BLUE;
        actors.add(new Vehicle(nextId++, body, style, style.number(rnd), true,
                new Vehicle.Path(right ? -span / 2 : span / 2, street.end - 6, right ? Math.PI / 2 : -Math.PI / 2, speed, t,
                        t + span / speed), rnd));
    }

    /** Walkers on the pavements all through the spell; one or two people cross the road, ten seconds apart or more. */
    private void pedestrians(double b0, double b1) {
        for (double t = b0 + rnd.nextDouble() * 2; t < b1; t += 2 + 3 * rnd.nextDouble()) {
            walker(t, b1);
        }
        for (double t = b0 + 2 + 4 * rnd.nextDouble(); t < b1; t += 10 + 8 * rnd.nextDouble()) {
            crosser(t, b1);
        }
    }

    /**
     * From a shop door along the pavement, or along the road's edge as people do in side streets,
     * towards the camera; or the other way into a shop.
     */
    private void walker(double t, double b1) {
        double speed = 1.1 + 0.5 * rnd.nextDouble();
        boolean gutter = rnd.nextInt(5) < 2;
        List<double[]> fits = new ArrayList<>();
        for (double[] door : street.doors) {
            double len = Math.abs(line(door, gutter) - door[0]) + door[1];
            if (door[1] > 8 && door[1] < 30 && t + len / speed < b1 - 0.2) {
                fits.add(door);
            }
        }
        if (fits.isEmpty()) {
            return;
        }
        double[] door = fits.get(rnd.nextInt(fits.size()));
        double walk = line(door, gutter);
        double[][] route = {{door[0], door[1]}, {walk, door[1]}, {walk, 0.3}};
        if (rnd.nextInt(5) < 2) {
            Collections.reverse(Arrays.asList(route));
        }
        Pedestrian p = new Pedestrian(nextId++, astronaut, route, speed, t, false, street, rnd);
        actors.add(p);
        if (gutter) {
            onRoad.add(p);
        }
    }

    /** X of the line walked from this door: the middle of its pavement, or the road's edge beside it. */
    private double line(double[] door, boolean gutter) {
        boolean left = door[0] < 0;
        if (gutter) {
            return left ? street.roadLeft + 0.35 : street.roadRight - 0.35;
        }
        return left ? street.leftWalk : street.rightWalk;
    }

    /** Across the road on the zebra crossing, when no vehicle would run into them. */
    private void crosser(double t, double b1) {
        double speed = 1.1 + 0.5 * rnd.nextDouble();
        double z = street.crossingZ + 2.4 * rnd.nextDouble() - 1.2;
        double[][] route = rnd.nextBoolean() ? new double[][] {{street.leftWalk, z}, {street.rightWalk, z}}
                : new double[][] {{street.rightWalk, z}, {street.leftWalk, z}};
        Pedestrian p = new Pedestrian(nextId, astronaut, route, speed, t, rnd.nextInt(4) > 0, street, rnd);
        if (p.end() > b1 - 0.2) {
            return;
        }
        nextId++;
        actors.add(p);
        onRoad.add(p);
    }

    /** Whether a vehicle this long and wide on this path keeps clear of everyone walking on the road. */
    private boolean clear(Vehicle.Path path, double length, double width) {
        for (Pedestrian p : onRoad) {
            double from = Math.max(p.start(), path.start());
            double to = Math.min(p.end(), path.end());
            for (double t = from; t <= to; t += 0.1) {
                double[] at = p.at(t);
                double[] c = path.at(t);
                if (Math.abs(at[0] - c[0]) < width / 2 + 0.5 && Math.abs(at[1] - c[1]) < length / 2 + 2.5) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Light over the whole video: a slow swing between day and dusk, the sun coming and going (the
     * building's shadow) and short blur episodes; shadow changes and blur only in busy spells, so
     * quiet ones stay still.
     */
    private DoubleFunction<Look> looks(List<double[]> busy, Random rnd) {
        double period = 80 + 60 * rnd.nextDouble();
        double phase = 2 * Math.PI * rnd.nextDouble();
        List<double[]> sun = new ArrayList<>();
        List<double[]> blurs = new ArrayList<>();
        double shadow = rnd.nextBoolean() ? 1 : 0;
        sun.add(new double[] {0, shadow});
        for (double[] w : busy) {
            if (rnd.nextBoolean()) {
                shadow = 1 - shadow;
                sun.add(new double[] {w[0] + rnd.nextDouble() * (w[1] - w[0] - 3), shadow});
            }
            if (rnd.nextInt(5) < 3) {
                double len = 1 + 1.5 * rnd.nextDouble();
                double at = w[0] + rnd.nextDouble() * (w[1] - w[0] - len);
                boolean motion = rnd.nextBoolean();
                blurs.add(new double[] {at, at + len, motion ? 1 : 2, motion ? 7 + 6 * rnd.nextDouble() : 1.2 + 1.3 * rnd.nextDouble()});
            }
        }
        return t -> {
            double dusk = 0.5 - 0.5 * Math.cos(2 * Math.PI * t / period + phase);
            double gain = 1 - 0.45 * dusk;
            double s = sun.get(0)[1];
            for (int i = 1; i < sun.size(); i++) {
                // a 2 s ramp as a cloud passes
                double k = Math.max(0, Math.min(1, (t - sun.get(i)[0]) / 2));
                s += k * (sun.get(i)[1] - s);
            }
            Look.Blur blur = Look.Blur.NONE;
            double amount = 0;
            for (double[] b : blurs) {
                if (t >= b[0] && t < b[1]) {
                    blur = b[2] == 1 ? Look.Blur.MOTION : Look.Blur.DEFOCUS;
                    amount = b[3];
                }
            }
            return new Look(gain, dusk, s, blur, amount, 2 + 4 * (1 - gain) / 0.45);
        };
    }
}
