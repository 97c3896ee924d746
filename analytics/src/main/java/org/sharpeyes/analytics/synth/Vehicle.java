package org.sharpeyes.analytics.synth;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.sharpeyes.common.Box;

/**
 * A car, SUV, van, bus or lorry driving in a straight line, built from {@link Prism}s: wheels,
 * body, cabin or cargo box, then lights, windows and one plate on the end the camera sees
 * (front when it comes towards the camera, rear when it drives away).
 */
final class Vehicle implements Actor {
    enum Body { CAR, SUV, VAN, BUS, LORRY }

    /** Where the vehicle is at {@code start} and how it moves: heading 0 drives along +Z, π towards the camera. */
    record Path(double x, double z, double heading, double speed, double start, double end) {
        double[] at(double t) {
            double s = speed * (t - start);
            return new double[] {x + s * Math.sin(heading), z + s * Math.cos(heading)};
        }
    }

    /**
     * @param layer drawn in layer order (wheels, then what stands on the road, then what sits on
     *              that), parts of one layer far first
     */
    private record Part(Prism prism, Scalar paint, boolean glassSides, int layer) {
    }

    /** A flat rectangle on one end or side: corners in vehicle coordinates, outward normal of its host face. */
    private record Decal(double[][] corners, double[] normal, Scalar colour) {
    }

    private static final Scalar GLASS = new Scalar(70, 55, 45, 0);
    private static final Scalar TYRE = new Scalar(28, 28, 30, 0);
    private static final Scalar HEADLIGHT = new Scalar(225, 235, 240, 0);
    private static final Scalar TAIL_LIGHT = new Scalar(30, 30, 190, 0);
    private static final Scalar GRILLE = new Scalar(45, 45, 48, 0);
    private static final Scalar SIGN = new Scalar(20, 140, 240, 0);
    private static final Scalar[] PAINTS = {new Scalar(235, 235, 235, 0), new Scalar(190, 190, 195, 0),
        new Scalar(40, 40, 45, 0), new Scalar(35, 35, 175, 0), new Scalar(150, 70, 25, 0), new Scalar(85, 85, 90, 0),
        new Scalar(150, 180, 200, 0), new Scalar(60, 110, 60, 0)};
    /** Sun from above and behind the camera's left shoulder: tops bright, sides darker. */
    private static final double[] SUN = {-0.3, 0.9, -0.3};

    final int trackId;
    final Body body;
    final PlateStyle style;
    final String number;
    final Path path;
    final double length;
    final double width;
    private final double height;
    private final boolean plateOnFront;
    private final List<Part> parts = new ArrayList<>();
    private final List<Decal> decals = new ArrayList<>();
    private final double plateY;
    private final List<Mat> plateLevels = new ArrayList<>();

    Vehicle(int trackId, Body body, PlateStyle style, String number, boolean plateOnFront, Path path, Random rnd) {
        this.trackId = trackId;
        this.body = body;
        this.style = style;
        this.number = number;
        this.plateOnFront = plateOnFront;
        this.path = path;
        Scalar paint = PAINTS[rnd.nextInt(PAINTS.length)];
        double w = switch (body) {
            case CAR -> 1.75 + 0.1 * rnd.nextDouble();
            case SUV, VAN -> 1.85 + 0.1 * rnd.nextDouble();
            case BUS -> 2.5;
            case LORRY -> 2.4;
        };
        double l = switch (body) {
            case CAR -> 4.4 + 0.4 * rnd.nextDouble();
            case SUV -> 4.6 + 0.3 * rnd.nextDouble();
            case VAN -> 4.9 + 0.4 * rnd.nextDouble();
            case BUS -> 10.5 + 1.5 * rnd.nextDouble();
            case LORRY -> 7 + 2 * rnd.nextDouble();
        };
        this.width = w;
        this.length = l;
        this.height = switch (body) {
            case CAR -> 1.45;
            case SUV -> 1.75;
            case VAN -> 1.95;
            case BUS, LORRY -> 3.1;
        };
        this.plateY = build(body, paint, w, l, plateOnFront, rnd);
        try (Mat full = BgrImages.toMat(PlateRenderer.render(number, style, 480))) {
            Mat level = full.clone();
            plateLevels.add(level);
            while (level.cols() >= 48) {
                Mat half = new Mat();
                resize(level, half, new Size(level.cols() / 2, Math.max(1, level.rows() / 2)), 0, 0, INTER_AREA);
                plateLevels.add(half);
                level = half;
            }
        }
    }

    /** Builds the parts and decals; returns the plate's centre height. */
    private double build(Body body, Scalar paint, double w, double l, boolean front, Random rnd) {
        double hw = w / 2;
        double hl = l / 2;
        double wheel = body == Body.BUS || body == Body.LORRY ? 0.5 : 0.32;
        double[] axles = switch (body) {
            case BUS -> new double[] {hl - 2.4, -hl + 2.8};
            case LORRY -> new double[] {hl - 1.2, -hl + 1.5, -hl + 2.8};
            default -> new double[] {hl - 0.85, -hl + 0.85};
        };
        for (double z : axles) {
            parts.add(new Part(Prism.wheel(-hw - 0.005, -hw + 0.22, z, wheel), TYRE, false, 0));
            parts.add(new Part(Prism.wheel(hw - 0.22, hw + 0.005, z, wheel), TYRE, false, 0));
        }
        double lightLow;
        double lightHigh;
        switch (body) {
            case CAR, SUV -> {
                double lift = body == Body.SUV ? 0.12 : 0;
                double top = 0.93 + lift;
                double roof = (body == Body.SUV ? 1.72 : 1.43) + 0.02 * rnd.nextDouble();
                parts.add(new Part(new Prism(new double[][] {{-hl, 0.28 + lift}, {hl, 0.28 + lift}, {hl, 0.74 + lift},
                    {hl - 1.0, top}, {-hl, top + 0.02}}, -hw, hw), paint, false, 1));
                double back = body == Body.SUV ? -hl + 0.25 : -hl + 1.0;
                parts.add(new Part(new Prism(new double[][] {{-hl + (body == Body.SUV ? 0.2 : 0.55), top}, {hl - 1.05, top},
                    {hl - 1.75, roof}, {back, roof}}, -hw + 0.08, hw - 0.08), paint, true, 2));
                lightLow = 0.6 + lift;
                lightHigh = 0.72 + lift;
            }
            case VAN -> {
                parts.add(new Part(new Prism(new double[][] {{-hl, 0.3}, {hl, 0.3}, {hl, 0.9}, {hl - 0.5, 1.02}, {-hl, 1.02}},
                        -hw, hw), paint, false, 1));
                parts.add(new Part(new Prism(new double[][] {{-hl + 0.05, 1.02}, {hl - 0.5, 1.02}, {hl - 1.3, 1.95},
                    {-hl + 0.05, 1.95}}, -hw + 0.05, hw - 0.05), paint, true, 2));
                lightLow = 0.72;
                lightHigh = 0.86;
            }
            case BUS -> {
                parts.add(new Part(Prism.box(-hw, hw, 0.35, 3.1, -hl, hl), paint, false, 1));
                decals.add(end(true, hl, -hw + 0.12, hw - 0.12, 1.1, 2.75, GLASS));
                decals.add(end(true, hl, -0.9, 0.9, 2.82, 3.02, SIGN));
                decals.add(end(false, hl, -hw + 0.2, hw - 0.2, 2.0, 2.7, GLASS));
                decals.add(side(-hw, -hl + 0.6, hl - 1.4, 1.35, 2.45));
                decals.add(side(hw, -hl + 0.6, hl - 1.4, 1.35, 2.45));
                lightLow = 0.55;
                lightHigh = 0.75;
            }
            case LORRY -> {
                parts.add(new Part(Prism.box(-hw, hw, 0.95, 3.1, -hl, hl - 2.3),
                        new Scalar(90 + rnd.nextInt(80), 90 + rnd.nextInt(40), 60 + rnd.nextInt(40), 0), false, 1));
                parts.add(new Part(Prism.box(-hw, hw, 0.5, 2.75, hl - 2.1, hl), paint, false, 1));
                decals.add(end(true, hl, -hw + 0.15, hw - 0.15, 1.6, 2.5, GLASS));
                decals.add(end(true, hl, -0.7, 0.7, 0.75, 1.2, GRILLE));
                lightLow = 0.6;
                lightHigh = 0.75;
            }
            default -> throw new AssertionError(body);
        }
        if (body != Body.LORRY) {
            decals.add(end(true, hl, -0.45, 0.45, lightLow - 0.2, lightLow - 0.04, GRILLE));
        }
        decals.add(end(true, hl, -hw + 0.1, -hw + 0.45, lightLow, lightHigh, HEADLIGHT));
        decals.add(end(true, hl, hw - 0.45, hw - 0.1, lightLow, lightHigh, HEADLIGHT));
        double tail = body == Body.LORRY || body == Body.BUS ? 1.0 : lightHigh + 0.04;
        decals.add(end(false, hl, -hw + 0.06, -hw + 0.4, tail, tail + 0.14, TAIL_LIGHT));
        decals.add(end(false, hl, hw - 0.4, hw - 0.06, tail, tail + 0.14, TAIL_LIGHT));
        boolean large = body == Body.BUS || body == Body.LORRY;
        if (front) {
            return large ? 0.6 : lightLow - 0.25;
        }
        return large ? 0.55 + PlateRenderer.metresWide(style) * PlateRenderer.aspect(style) / 2 : lightHigh - 0.12;
    }

    /** A rectangle on the front (z = +hl) or rear end. */
    private static Decal end(boolean front, double hl, double x0, double x1, double y0, double y1, Scalar colour) {
        double z = front ? hl + 0.005 : -hl - 0.005;
        return new Decal(new double[][] {{x0, y1, z}, {x1, y1, z}, {x1, y0, z}, {x0, y0, z}},
                new double[] {0, 0, front ? 1 : -1}, colour);
    }

    /** A band of side windows. */
    private static Decal side(double x, double z0, double z1, double y0, double y1) {
        double xs = x + Math.signum(x) * 0.005;
        return new Decal(new double[][] {{xs, y1, z0}, {xs, y1, z1}, {xs, y0, z1}, {xs, y0, z0}},
                new double[] {Math.signum(x), 0, 0}, GLASS);
    }

    @Override
    public boolean present(double t) {
        return t >= path.start() && t <= path.end();
    }

    @Override
    public double depth(Camera camera, double t) {
        double[] p = path.at(t);
        return camera.depth(p[0], 1, p[1]);
    }

    @Override
    public List<Drawn> draw(Canvas canvas, double t) {
        double[] p = path.at(t);
        double sin = Math.sin(path.heading());
        double cos = Math.cos(path.heading());
        int label = 2 * trackId;
        List<Part> ordered = new ArrayList<>(parts);
        ordered.sort(Comparator.comparingInt(Part::layer).thenComparing(
                Comparator.comparingDouble((Part part) -> centreDepth(canvas.camera, part.prism(), p, sin, cos)).reversed()));
        for (Part part : ordered) {
            for (Prism.Face f : part.prism().faces()) {
                double[] n = rotate(f.normal(), sin, cos);
                double[][] world = toWorld(f.corners(), p, sin, cos);
                if (facesCamera(canvas.camera, n, world)) {
                    boolean glass = part.glassSides() && f.normal()[1] < 0.9;
                    canvas.fill(world, glass ? GLASS : shade(part.paint(), n), label);
                }
            }
        }
        for (Decal d : decals) {
            double[][] world = toWorld(d.corners(), p, sin, cos);
            if (facesCamera(canvas.camera, rotate(d.normal(), sin, cos), world)) {
                canvas.fill(world, d.colour(), label);
            }
        }
        return plate(canvas, p, sin, cos);
    }

    private List<Drawn> plate(Canvas canvas, double[] p, double sin, double cos) {
        double w = PlateRenderer.metresWide(style) / 2;
        double h = PlateRenderer.metresWide(style) * PlateRenderer.aspect(style) / 2;
        double z = plateOnFront ? length / 2 + 0.012 : -length / 2 - 0.012;
        // corners top-left, top-right, bottom-right, bottom-left as someone facing the plate sees them
        double left = plateOnFront ? w : -w;
        double[][] local = {{left, plateY + h, z}, {-left, plateY + h, z}, {-left, plateY - h, z}, {left, plateY - h, z}};
        double[][] world = toWorld(local, p, sin, cos);
        if (!facesCamera(canvas.camera, rotate(new double[] {0, 0, plateOnFront ? 1 : -1}, sin, cos), world)) {
            return List.of();
        }
        List<double[]> quad = canvas.camera.project(world);
        if (quad.size() != 4) {
            return List.of();
        }
        double wide = Math.max(Math.hypot(quad.get(1)[0] - quad.get(0)[0], quad.get(1)[1] - quad.get(0)[1]),
                Math.hypot(quad.get(2)[0] - quad.get(3)[0], quad.get(2)[1] - quad.get(3)[1]));
        Mat source = plateLevels.get(0);
        for (Mat level : plateLevels) {
            if (level.cols() >= wide) {
                source = level;
            }
        }
        canvas.warp(source, quad, 2 * trackId + 1);
        return List.of(new Drawn.Plate(trackId, 2 * trackId + 1, quad, style, number));
    }

    /** Pixel bounds of the vehicle's bounding box at time t (what it may cover). */
    Box imageBounds(Camera camera, double t) {
        double[] p = path.at(t);
        double sin = Math.sin(path.heading());
        double cos = Math.cos(path.heading());
        List<double[]> px = new ArrayList<>();
        for (double[] c : toWorld(new double[][] {{-width / 2, 0, -length / 2}, {width / 2, 0, -length / 2},
            {width / 2, 0, length / 2}, {-width / 2, 0, length / 2}, {-width / 2, height, -length / 2}, {width / 2, height, -length / 2},
            {width / 2, height, length / 2}, {-width / 2, height, length / 2}}, p, sin, cos)) {
            double[] q = camera.project(c[0], c[1], c[2]);
            if (q != null) {
                px.add(q);
            }
        }
        return px.isEmpty() ? new Box(0, 0, 0, 0) : Canvas.bounds(px);
    }

    private static double centreDepth(Camera camera, Prism prism, double[] p, double sin, double cos) {
        double z = 0;
        double y = 0;
        for (double[] q : prism.profile()) {
            z += q[0] / prism.profile().length;
            y += q[1] / prism.profile().length;
        }
        double[] w = toWorld(new double[][] {{(prism.x0() + prism.x1()) / 2, y, z}}, p, sin, cos)[0];
        return camera.depth(w[0], w[1], w[2]);
    }

    private static double[][] toWorld(double[][] local, double[] p, double sin, double cos) {
        double[][] out = new double[local.length][];
        for (int i = 0; i < local.length; i++) {
            double[] l = local[i];
            out[i] = new double[] {p[0] + l[0] * cos + l[2] * sin, l[1], p[1] - l[0] * sin + l[2] * cos};
        }
        return out;
    }

    private static double[] rotate(double[] n, double sin, double cos) {
        return new double[] {n[0] * cos + n[2] * sin, n[1], -n[0] * sin + n[2] * cos};
    }

    private static boolean facesCamera(Camera camera, double[] normal, double[][] world) {
        double cx = 0;
        double cy = 0;
        double cz = 0;
        for (double[] w : world) {
            cx += w[0] / world.length;
            cy += w[1] / world.length;
            cz += w[2] / world.length;
        }
        return normal[0] * -cx + normal[1] * (camera.mount() - cy) + normal[2] * -cz > 0;
    }

    private static Scalar shade(Scalar paint, double[] n) {
        double lit = 0.6 + 0.4 * Math.max(0, n[0] * SUN[0] + n[1] * SUN[1] + n[2] * SUN[2]);
        return new Scalar(paint.get(0) * lit, paint.get(1) * lit, paint.get(2) * lit, 0);
    }

    @Override
    public void close() {
        plateLevels.forEach(Mat::close);
    }
}
