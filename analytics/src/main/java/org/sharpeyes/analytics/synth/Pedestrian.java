package org.sharpeyes.analytics.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.sharpeyes.common.Box;

/**
 * Someone walking along a polyline at a steady pace, drawn upright facing the camera: legs and
 * arms swinging, and the astronaut's face when walking towards the camera (or glancing at it
 * while crossing), the back of a head when walking away.
 */
final class Pedestrian implements Actor {
    /** Face width in metres, cheek to cheek: sets the astronaut's scale. */
    static final double FACE_WIDTH = 0.15;
    private static final double STRIDE = 0.75;
    private static final Scalar[] SHIRTS = {new Scalar(40, 40, 160, 0), new Scalar(160, 90, 30, 0), new Scalar(220, 220, 220, 0),
        new Scalar(50, 50, 50, 0), new Scalar(60, 140, 60, 0), new Scalar(30, 150, 210, 0), new Scalar(130, 60, 120, 0)};
    private static final Scalar[] TROUSERS = {new Scalar(60, 40, 30, 0), new Scalar(40, 40, 40, 0), new Scalar(110, 100, 90, 0)};
    private static final Scalar SKIN = new Scalar(120, 160, 205, 0);
    private static final Scalar HAIR = new Scalar(25, 25, 30, 0);

    final int trackId;
    private final Astronaut astronaut;
    private final double[][] waypoints;
    private final double speed;
    private final double start;
    private final double end;
    private final double stature;
    /** Whether, walking across the view, this person looks at the camera. */
    private final boolean glances;
    private final double roadLeft;
    private final double roadRight;
    private final Scalar shirt;
    private final Scalar trousers;

    Pedestrian(int trackId, Astronaut astronaut, double[][] waypoints, double speed, double start, boolean glances,
               Street street, Random rnd) {
        this.trackId = trackId;
        this.astronaut = astronaut;
        this.waypoints = waypoints;
        this.speed = speed;
        this.start = start;
        this.end = start + length(waypoints) / Math.max(speed, 1e-9);
        this.stature = 1.55 + 0.3 * rnd.nextDouble();
        this.glances = glances;
        this.roadLeft = street.roadLeft;
        this.roadRight = street.roadRight;
        this.shirt = SHIRTS[rnd.nextInt(SHIRTS.length)];
        this.trousers = TROUSERS[rnd.nextInt(TROUSERS.length)];
    }

    static double length(double[][] waypoints) {
        double sum = 0;
        for (int i = 1; i < waypoints.length; i++) {
            sum += Math.hypot(waypoints[i][0] - waypoints[i - 1][0], waypoints[i][1] - waypoints[i - 1][1]);
        }
        return sum;
    }

    double start() {
        return start;
    }

    double end() {
        return end;
    }

    /** Position (x, z) and walking direction (dx, dz) at time t. */
    double[] at(double t) {
        double d = Math.max(0, speed * (t - start));
        for (int i = 1; i < waypoints.length; i++) {
            double[] a = waypoints[i - 1];
            double[] b = waypoints[i];
            double len = Math.hypot(b[0] - a[0], b[1] - a[1]);
            if (d <= len || i == waypoints.length - 1) {
                double k = len == 0 ? 0 : Math.min(1, d / len);
                return new double[] {a[0] + k * (b[0] - a[0]), a[1] + k * (b[1] - a[1]), (b[0] - a[0]) / len, (b[1] - a[1]) / len};
            }
            d -= len;
        }
        return new double[] {waypoints[0][0], waypoints[0][1], 0, -1};
    }

    @Override
    public boolean present(double t) {
        return t >= start && t <= end;
    }

    @Override
    public double depth(Camera camera, double t) {
        double[] p = at(t);
        return camera.depth(p[0], 1, p[1]);
    }

    @Override
    public List<Drawn> draw(Canvas canvas, double t) {
        Camera cam = canvas.camera;
        double[] p = at(t);
        double x = p[0];
        double z = p[1];
        // stepping down the kerb over 0.4 m rather than dropping at once
        double outside = Math.max(roadLeft - x, x - roadRight);
        double ground = Street.KERB * Math.max(0, Math.min(1, outside / 0.4 + 0.5));
        double[] foot = cam.project(x, ground, z);
        if (foot == null || foot[0] < -cam.width() || foot[0] > 2 * cam.width()) {
            return List.of();
        }
        double s = cam.scale(x, ground + stature * 0.7, z);
        double phase = 2 * Math.PI * speed * (t - start) / STRIDE;
        boolean across = Math.abs(p[2]) > Math.abs(p[3]);
        int label = 2 * trackId;
        double hip = v(cam, x, ground + 0.5 * stature, z);
        double shoulder = v(cam, x, ground + 0.82 * stature, z);
        double u = foot[0];
        double swing = Math.sin(phase);
        // legs: across the view the feet swing sideways; towards or away one foot lifts as the other plants
        for (int side = -1; side <= 1; side += 2) {
            double k = side * swing;
            double footX = across ? 0.28 * k : 0.08 * side;
            double lift = across ? 0 : 0.06 * Math.max(0, k) * stature;
            double fv = foot[1] - lift * s;
            quad(canvas, u + side * 0.04 * s, hip, u + side * 0.16 * s, hip, u + (footX + side * 0.06) * s, fv,
                    u + (footX - side * 0.06) * s, fv, trousers, label);
        }
        for (int side = -1; side <= 1; side += 2) {
            double hand = (across ? -0.25 * side * swing : 0) + side * 0.22;
            double handV = v(cam, x, ground + (0.45 + (across ? 0 : 0.04 * side * swing)) * stature, z);
            quad(canvas, u + side * 0.15 * s, shoulder, u + side * 0.21 * s, shoulder, u + (hand + side * 0.03) * s, handV,
                    u + (hand - side * 0.03) * s, handV, shirt, label);
        }
        quad(canvas, u - 0.18 * s, shoulder, u + 0.18 * s, shoulder, u + 0.15 * s, hip, u - 0.15 * s, hip, shirt, label);
        double neck = v(cam, x, ground + 0.855 * stature, z);
        quad(canvas, u - 0.05 * s, neck, u + 0.05 * s, neck, u + 0.05 * s, shoulder, u - 0.05 * s, shoulder, SKIN, label);
        boolean towards = across ? glances : p[3] < 0;
        double faceTop = v(cam, x, ground + stature - 0.065, z);
        int faceWidth = (int) Math.round(FACE_WIDTH * s);
        if (!towards) {
            canvas.ellipse(u, v(cam, x, ground + stature - 0.12, z), 0.095 * s, 0.12 * s, HAIR, label);
            return List.of();
        }
        if (faceWidth < 4) {
            canvas.ellipse(u, faceTop + 0.05 * s, 0.08 * s, 0.11 * s, SKIN, label);
            return List.of();
        }
        Box face = canvas.head(astronaut, faceWidth, (int) Math.round(u - faceWidth / 2.0), (int) Math.round(faceTop), label,
                label + 1);
        return List.of(new Drawn.Face(trackId, label + 1, face));
    }

    private static double v(Camera cam, double x, double y, double z) {
        double[] p = cam.project(x, y, z);
        return p == null ? Double.NaN : p[1];
    }

    private static void quad(Canvas c, double x0, double y0, double x1, double y1, double x2, double y2, double x3, double y3,
                             Scalar colour, int label) {
        List<double[]> px = new ArrayList<>(4);
        px.add(new double[] {x0, y0});
        px.add(new double[] {x1, y1});
        px.add(new double[] {x2, y2});
        px.add(new double[] {x3, y3});
        c.fill(px, colour, label);
    }
}
