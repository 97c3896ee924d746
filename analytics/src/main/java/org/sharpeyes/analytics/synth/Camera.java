package org.sharpeyes.analytics.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A pinhole camera over a flat street. World axes in metres: X to the right of the camera, Y up
 * from the road, Z along the street away from the camera; the camera sits at (0, mount, 0),
 * turned by {@code yaw} about Y and tilted down by {@code pitch}.
 *
 * <p>It is mounted low (a gate or car-park camera) because a plate's width at the bottom of the
 * frame is about 0.44 m × (rows from horizon to bottom) / (mount − plate height): a low camera
 * sees plates of 90–220 px at 720p with the horizon and the street's far end still in view.
 */
public record Camera(int width, int height, double focal, double mount, double pitch, double yaw) {
    /** Nearest depth drawn; polygons are clipped here. */
    static final double NEAR = 0.3;

    /** A random street camera for a width×height frame: about 47° wide, horizon in the upper fifth. */
    static Camera street(int width, int height, Random rnd) {
        double focal = 1.15 * width;
        double horizon = height * (0.14 + 0.08 * rnd.nextDouble());
        double pitch = Math.atan((height / 2.0 - horizon) / focal);
        return new Camera(width, height, focal, 1.55 + 0.3 * rnd.nextDouble(), pitch, Math.toRadians(rnd.nextDouble() * 6 - 3));
    }

    /** Camera coordinates (x right, y down, z forward) of a world point. */
    double[] toCamera(double x, double y, double z) {
        double cy = Math.cos(yaw);
        double sy = Math.sin(yaw);
        double xr = x * cy - z * sy;
        double zr = x * sy + z * cy;
        double yd = mount - y;
        double cp = Math.cos(pitch);
        double sp = Math.sin(pitch);
        return new double[] {xr, yd * cp - zr * sp, zr * cp + yd * sp};
    }

    /** Depth along the optical axis of a world point. */
    double depth(double x, double y, double z) {
        return toCamera(x, y, z)[2];
    }

    /** Pixel (u, v) of a point in camera coordinates with z >= NEAR. */
    double[] pixel(double[] c) {
        return new double[] {width / 2.0 + focal * c[0] / c[2], height / 2.0 + focal * c[1] / c[2]};
    }

    /** Pixel of a world point, or null when it lies behind the near plane. */
    double[] project(double x, double y, double z) {
        double[] c = toCamera(x, y, z);
        return c[2] < NEAR ? null : pixel(c);
    }

    /** Pixels per metre for something upright at this world point facing the camera. */
    double scale(double x, double y, double z) {
        return focal / Math.max(NEAR, depth(x, y, z));
    }

    /** The row of the horizon. */
    double horizon() {
        return height / 2.0 - focal * Math.tan(pitch);
    }

    /**
     * A world polygon (rows of x, y, z) in pixels, clipped at the near plane; empty when it lies
     * wholly behind it.
     */
    List<double[]> project(double[][] world) {
        List<double[]> cam = new ArrayList<>(world.length);
        for (double[] p : world) {
            cam.add(toCamera(p[0], p[1], p[2]));
        }
        List<double[]> out = new ArrayList<>(world.length + 2);
        for (int i = 0; i < cam.size(); i++) {
            double[] a = cam.get(i);
            double[] b = cam.get((i + 1) % cam.size());
            boolean ain = a[2] >= NEAR;
            boolean bin = b[2] >= NEAR;
            if (ain) {
                out.add(pixel(a));
            }
            if (ain != bin) {
                double s = (NEAR - a[2]) / (b[2] - a[2]);
                out.add(pixel(new double[] {a[0] + s * (b[0] - a[0]), a[1] + s * (b[1] - a[1]), NEAR}));
            }
        }
        return out;
    }
}
