package org.sharpeyes.analytics.synth;

import java.util.List;
import java.util.Random;
import org.bytedeco.opencv.opencv_core.Scalar;

/** A street tree on the pavement's edge: a trunk and a crown of a few greens. */
final class Tree implements Actor {
    private final double x;
    private final double z;
    private final double height;
    private final double[][] blobs;
    private final Scalar[] greens;

    Tree(double x, double z, Random rnd) {
        this.x = x;
        this.z = z;
        this.height = 4 + 2 * rnd.nextDouble();
        this.blobs = new double[5][];
        this.greens = new Scalar[blobs.length];
        for (int i = 0; i < blobs.length; i++) {
            // offset (m) from the crown's centre and radius
            blobs[i] = new double[] {rnd.nextDouble() * 1.6 - 0.8, rnd.nextDouble() * 1.0 - 0.5, 0.8 + 0.6 * rnd.nextDouble()};
            greens[i] = new Scalar(40 + rnd.nextInt(30), 95 + rnd.nextInt(50), 50 + rnd.nextInt(30), 0);
        }
    }

    @Override
    public boolean present(double t) {
        return true;
    }

    @Override
    public double depth(Camera camera, double t) {
        return camera.depth(x, 1, z);
    }

    @Override
    public List<Drawn> draw(Canvas canvas, double t) {
        canvas.fill(new double[][] {{x - 0.12, Street.KERB, z}, {x + 0.12, Street.KERB, z}, {x + 0.1, height - 1, z},
            {x - 0.1, height - 1, z}}, new Scalar(40, 60, 80, 0), PROP);
        double crown = height - 0.8;
        for (int i = 0; i < blobs.length; i++) {
            double[] c = canvas.camera.project(x + blobs[i][0], crown + blobs[i][1], z);
            if (c != null) {
                double r = blobs[i][2] * canvas.camera.scale(x, crown, z);
                canvas.ellipse(c[0], c[1], r, r * 0.85, greens[i], PROP);
            }
        }
        return List.of();
    }
}
