package org.sharpeyes.analytics.synth;

import java.util.ArrayList;
import java.util.List;

/**
 * A vehicle part: a convex side profile in the vehicle's (z forward, y up) plane extruded across
 * x. Its faces are the two profile caps and one quad per profile edge (bonnet, windscreen,
 * roof…), each with an outward normal for back-face culling and shading.
 *
 * @param profile (z, y) points of a convex polygon
 */
record Prism(double[][] profile, double x0, double x1) {
    /** A face in vehicle coordinates (x, y, z) with its outward unit normal. */
    record Face(double[][] corners, double[] normal) {
    }

    /** An upright box: z from z0 to z1, y from y0 to y1. */
    static Prism box(double x0, double x1, double y0, double y1, double z0, double z1) {
        return new Prism(new double[][] {{z0, y0}, {z1, y0}, {z1, y1}, {z0, y1}}, x0, x1);
    }

    /** An octagonal wheel of radius r centred at (zc, r). */
    static Prism wheel(double x0, double x1, double zc, double r) {
        double[][] p = new double[8][];
        for (int i = 0; i < 8; i++) {
            double a = Math.PI / 8 + i * Math.PI / 4;
            p[i] = new double[] {zc + r * Math.cos(a), r + r * Math.sin(a)};
        }
        return new Prism(p, x0, x1);
    }

    List<Face> faces() {
        int n = profile.length;
        double cz = 0;
        double cy = 0;
        for (double[] p : profile) {
            cz += p[0] / n;
            cy += p[1] / n;
        }
        List<Face> faces = new ArrayList<>(n + 2);
        double[][] left = new double[n][];
        double[][] right = new double[n][];
        for (int i = 0; i < n; i++) {
            left[i] = new double[] {x0, profile[i][1], profile[i][0]};
            right[n - 1 - i] = new double[] {x1, profile[i][1], profile[i][0]};
        }
        faces.add(new Face(left, new double[] {-1, 0, 0}));
        faces.add(new Face(right, new double[] {1, 0, 0}));
        for (int i = 0; i < n; i++) {
            double[] a = profile[i];
            double[] b = profile[(i + 1) % n];
            // the edge's normal in the profile plane, turned away from the profile's centre
            double nz = b[1] - a[1];
            double ny = -(b[0] - a[0]);
            double mz = (a[0] + b[0]) / 2 - cz;
            double my = (a[1] + b[1]) / 2 - cy;
            if (nz * mz + ny * my < 0) {
                nz = -nz;
                ny = -ny;
            }
            double len = Math.hypot(nz, ny);
            faces.add(new Face(new double[][] {{x0, a[1], a[0]}, {x1, a[1], a[0]}, {x1, b[1], b[0]}, {x0, b[1], b[0]}},
                    new double[] {0, ny / len, nz / len}));
        }
        return faces;
    }
}
