package org.sharpeyes.analytics.synth;

import static org.bytedeco.opencv.global.opencv_core.CV_16SC3;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.RNG;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The static street a camera looks along: a two-lane road with a yellow centre line, white edge
 * lines and a zebra crossing, raised pavements with kerbs, shop fronts on both sides and across
 * the far end with Chinese signs (text that is no plate), trees, and where a building's shadow
 * falls when the sun is out. Painted once; the trees are props drawn with the moving things so
 * that they hide what passes behind them.
 */
final class Street implements AutoCloseable {
    static final double KERB = 0.15;
    private static final String[] SHOPS = {"重庆小面", "老火锅", "便利店", "大药房", "五金电器", "川菜馆", "理发店", "生鲜超市",
        "水果店", "茶楼", "烟酒副食", "房产中介", "快递驿站", "手机维修", "面包坊", "眼镜店", "社区诊所", "家常菜", "奶茶",
        "洗衣店", "母婴用品", "农贸市场", "24小时营业", "电话 023-6381 2456", "停车场 P", "社区服务中心", "酸辣粉", "银行 ATM"};
    private static final Color[][] SIGN_COLOURS = {
        {new Color(190, 30, 30), new Color(250, 220, 60)}, {new Color(20, 70, 160), Color.WHITE},
        {new Color(240, 240, 235), new Color(200, 20, 20)}, {new Color(20, 120, 60), Color.WHITE},
        {new Color(30, 30, 30), new Color(230, 190, 90)}, {new Color(230, 120, 20), Color.WHITE}};

    final Camera camera;
    /** X of the road's edges and its centre line; Z of the buildings across the far end. */
    final double roadLeft;
    final double roadRight;
    final double centre;
    final double end;
    /** Z of the middle of the zebra crossing. */
    final double crossingZ;
    /** X of the lines pedestrians walk along on each pavement. */
    final double leftWalk;
    final double rightWalk;
    final double leftFacade;
    final double rightFacade;
    /** Shop doors (x, z) pedestrians come out of and go into. */
    final List<double[]> doors = new ArrayList<>();
    final List<Actor> props = new ArrayList<>();
    final Mat background;
    /** Per-pixel light factor (255 = sunlit) where the building's shadow falls. */
    final Mat shadow;

    private Street(Camera camera, Random rnd) {
        this.camera = camera;
        roadLeft = -3.2 - 0.4 * rnd.nextDouble();
        roadRight = 3.3 + 0.4 * rnd.nextDouble();
        centre = 0.1;
        end = 50 + 15 * rnd.nextDouble();
        crossingZ = 4.5 + 2 * rnd.nextDouble();
        double leftPavement = 2.5 + rnd.nextDouble();
        double rightPavement = 2.5 + rnd.nextDouble();
        leftFacade = roadLeft - leftPavement;
        rightFacade = roadRight + rightPavement;
        leftWalk = roadLeft - leftPavement * 0.55;
        rightWalk = roadRight + rightPavement * 0.55;
        background = new Mat(camera.height(), camera.width(), CV_8UC3);
        shadow = new Mat(camera.height(), camera.width(), CV_8UC3);
    }

    static Street build(Camera camera, Random rnd) {
        Street s = new Street(camera, rnd);
        try (Canvas canvas = new Canvas(camera); PointerScope scope = new PointerScope()) {
            s.paint(canvas, rnd);
            canvas.frame.copyTo(s.background);
            s.paintShadow(rnd);
        }
        for (double z = 7 + 4 * rnd.nextDouble(); z < s.end - 8; z += 9 + 5 * rnd.nextDouble()) {
            s.props.add(new Tree(s.roadLeft - 0.6, z, rnd));
            s.props.add(new Tree(s.roadRight + 0.6, z + 3 * rnd.nextDouble(), rnd));
        }
        return s;
    }

    /** Centre of the lane driving towards the camera (on its right, China drives on the right) and of the other. */
    double towardsLane() {
        return (roadLeft + centre) / 2;
    }

    double awayLane() {
        return (centre + roadRight) / 2;
    }

    private void paint(Canvas c, Random rnd) {
        Mat f = c.frame;
        int horizon = (int) Math.max(0, Math.min(f.rows(), camera.horizon()));
        f.put(new Scalar(215, 200, 185, 0));
        if (horizon > 0) {
            // a sky hazier towards the horizon
            for (int y = 0; y < horizon; y++) {
                double k = (double) y / Math.max(1, horizon);
                try (Mat row = f.row(y)) {
                    row.put(new Scalar(225 - 15 * k, 200 - 5 * k, 170 + 20 * k, 0));
                }
            }
        }
        double far = end + 40;
        // ground beyond the far buildings' feet, then the road and pavements
        c.fill(ground(-60, 60, end, far, 0), grey(95), 0);
        c.fill(ground(roadLeft, roadRight, 0.5, end, 0), asphalt(rnd), 0);
        Scalar paving = new Scalar(150 + rnd.nextInt(30), 155 + rnd.nextInt(30), 160 + rnd.nextInt(30), 0);
        c.fill(ground(leftFacade, roadLeft, 0.5, end, KERB), paving, 0);
        c.fill(ground(roadRight, rightFacade, 0.5, end, KERB), paving, 0);
        for (double z = 1; z < end; z += 1.2) {
            // paving joints
            c.fill(ground(leftFacade, roadLeft, z, z + 0.04, KERB + 0.001), grey(125), 0);
            c.fill(ground(roadRight, rightFacade, z, z + 0.04, KERB + 0.001), grey(125), 0);
        }
        c.fill(new double[][] {{roadLeft, 0, 0.5}, {roadLeft, 0, end}, {roadLeft, KERB, end}, {roadLeft, KERB, 0.5}}, grey(185), 0);
        c.fill(new double[][] {{roadRight, 0, 0.5}, {roadRight, 0, end}, {roadRight, KERB, end}, {roadRight, KERB, 0.5}}, grey(185), 0);
        for (int i = 0; i < 12; i++) {
            // patches of repaired asphalt
            double x = roadLeft + rnd.nextDouble() * (roadRight - roadLeft - 1);
            double z = 2 + rnd.nextDouble() * (end - 4);
            c.fill(ground(x, x + 0.5 + rnd.nextDouble(), z, z + 1 + 3 * rnd.nextDouble(), 0.002), grey(60 + rnd.nextInt(30)), 0);
        }
        paintMarkings(c);
        paintFarRow(c, rnd);
        paintSide(c, rnd, leftFacade, true);
        paintSide(c, rnd, rightFacade, false);
        try (RNG rng = new RNG(rnd.nextLong()); Mat grain = new Mat(f.rows(), f.cols(), CV_16SC3)) {
            rng._fill(grain, RNG.NORMAL, new Mat(1, 1, CV_64F, new Scalar(0)), new Mat(1, 1, CV_64F, new Scalar(7)));
            GaussianBlur(grain, grain, new Size(0, 0), 1.2);
            add(f, grain, f, new Mat(), f.type());
        }
    }

    private void paintMarkings(Canvas c) {
        Scalar yellow = new Scalar(40, 190, 230, 0);
        Scalar white = new Scalar(225, 225, 225, 0);
        c.fill(ground(centre - 0.2, centre - 0.05, 0.5, end, 0.003), yellow, 0);
        c.fill(ground(centre + 0.05, centre + 0.2, 0.5, end, 0.003), yellow, 0);
        c.fill(ground(roadLeft + 0.2, roadLeft + 0.35, 0.5, end, 0.003), white, 0);
        c.fill(ground(roadRight - 0.35, roadRight - 0.2, 0.5, end, 0.003), white, 0);
        for (double x = roadLeft + 0.4; x + 0.45 < roadRight - 0.4; x += 1.05) {
            c.fill(ground(x, x + 0.45, crossingZ - 1.5, crossingZ + 1.5, 0.004), white, 0);
        }
        // stop lines before the crossing, each on its own side
        c.fill(ground(roadLeft + 0.35, centre - 0.2, crossingZ + 2.5, crossingZ + 2.8, 0.004), white, 0);
        c.fill(ground(centre + 0.2, roadRight - 0.35, crossingZ - 2.8, crossingZ - 2.5, 0.004), white, 0);
    }

    /** The row of buildings across the far end, facing the camera. */
    private void paintFarRow(Canvas c, Random rnd) {
        for (double x = -40; x < 40; ) {
            double w = 6 + 8 * rnd.nextDouble();
            double h = 10 + 20 * rnd.nextDouble();
            Scalar wall = wall(rnd);
            c.fill(new double[][] {{x, 0, end}, {x + w, 0, end}, {x + w, h, end}, {x, h, end}}, wall, 0);
            for (double y = 4; y + 1.5 < h; y += 3) {
                for (double wx = x + 0.8; wx + 1.2 < x + w - 0.5; wx += 2.4) {
                    c.fill(new double[][] {{wx, y, end - 0.01}, {wx + 1.2, y, end - 0.01}, {wx + 1.2, y + 1.4, end - 0.01},
                        {wx, y + 1.4, end - 0.01}}, glass(rnd), 0);
                }
            }
            c.fill(new double[][] {{x + 0.3, 0, end - 0.01}, {x + w - 0.3, 0, end - 0.01}, {x + w - 0.3, 2.7, end - 0.01},
                {x + 0.3, 2.7, end - 0.01}}, shopFront(rnd), 0);
            sign(c, rnd, new double[][] {{x + 0.4, 3.6, end - 0.02}, {x + w - 0.4, 3.6, end - 0.02},
                {x + w - 0.4, 2.85, end - 0.02}, {x + 0.4, 2.85, end - 0.02}});
            x += w;
        }
    }

    /** One side's facades from the far end to the camera, far first so nearer ones overlap. */
    private void paintSide(Canvas c, Random rnd, double xf, boolean left) {
        List<double[]> segments = new ArrayList<>();
        for (double z = 1; z < end; ) {
            double len = 4 + 5 * rnd.nextDouble();
            segments.add(new double[] {z, Math.min(end, z + len)});
            z += len;
        }
        double inward = left ? 0.02 : -0.02;
        for (int i = segments.size() - 1; i >= 0; i--) {
            double z0 = segments.get(i)[0];
            double z1 = segments.get(i)[1];
            double h = 7 + 12 * rnd.nextDouble();
            c.fill(wallX(xf, z0, z1, KERB, h), wall(rnd), 0);
            for (double y = 4; y + 1.5 < h; y += 3) {
                for (double wz = z0 + 0.7; wz + 1.2 < z1 - 0.4; wz += 2.3) {
                    c.fill(wallX(xf + inward, wz, wz + 1.2, y, y + 1.4), glass(rnd), 0);
                }
            }
            c.fill(wallX(xf + inward, z0 + 0.3, z1 - 0.3, KERB, 2.7), shopFront(rnd), 0);
            double door = (z0 + z1) / 2;
            c.fill(wallX(xf + 2 * inward, door - 0.6, door + 0.6, KERB, 2.3), grey(35), 0);
            doors.add(new double[] {xf + (left ? 0.4 : -0.4), door});
            double sx = xf + 3 * inward;
            double[][] corners = left
                    ? new double[][] {{sx, 3.6, z0 + 0.3}, {sx, 3.6, z1 - 0.3}, {sx, 2.85, z1 - 0.3}, {sx, 2.85, z0 + 0.3}}
                    : new double[][] {{sx, 3.6, z1 - 0.3}, {sx, 3.6, z0 + 0.3}, {sx, 2.85, z0 + 0.3}, {sx, 2.85, z1 - 0.3}};
            sign(c, rnd, corners);
        }
    }

    /** A shop sign: Chinese text on a coloured board, warped onto the facade in perspective. */
    private void sign(Canvas c, Random rnd, double[][] corners) {
        List<double[]> quad = camera.project(corners);
        if (quad.size() != 4) {
            return;
        }
        double pxWide = Math.hypot(quad.get(1)[0] - quad.get(0)[0], quad.get(1)[1] - quad.get(0)[1]);
        double metresWide = Math.hypot(corners[1][0] - corners[0][0], corners[1][2] - corners[0][2]);
        double metresHigh = corners[0][1] - corners[3][1];
        int w = (int) Math.max(24, Math.min(1600, 1.5 * pxWide));
        int h = (int) Math.max(6, Math.round(w * metresHigh / metresWide));
        Color[] colours = SIGN_COLOURS[rnd.nextInt(SIGN_COLOURS.length)];
        String text = SHOPS[rnd.nextInt(SHOPS.length)];
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(colours[0]);
        g.fillRect(0, 0, w, h);
        Font font = CjkFont.font().deriveFont(Font.BOLD, h * 0.7f);
        FontMetrics m = g.getFontMetrics(font);
        float size = h * 0.7f * Math.min(1f, (w * 0.9f) / Math.max(1, m.stringWidth(text)));
        g.setFont(font.deriveFont(size));
        m = g.getFontMetrics();
        g.setColor(colours[1]);
        g.drawString(text, (w - m.stringWidth(text)) / 2f, (h + m.getAscent() - m.getDescent()) / 2f);
        g.dispose();
        try (Mat board = BgrImages.toMat(img)) {
            c.warp(board, quad, 0);
        }
    }

    /** Where the buildings on the right cast their shadow over the pavement and part of the road. */
    private void paintShadow(Random rnd) {
        try (Canvas scratch = new Canvas(camera)) {
            scratch.frame.put(new Scalar(255, 255, 255, 0));
            double z0 = 3 + 5 * rnd.nextDouble();
            double z1 = z0 + 12 + 15 * rnd.nextDouble();
            double reach = centre + (roadRight - centre) * rnd.nextDouble();
            Scalar dark = new Scalar(140, 140, 140, 0);
            scratch.fill(new double[][] {{reach, 0.01, z0}, {rightFacade, 0.01, z0 + 2}, {rightFacade, 0.01, z1 + 2},
                {reach, 0.01, z1}}, dark, 0);
            scratch.fill(wallX(rightFacade - 0.01, z0 + 2, z1 + 2, 0, 3), dark, 0);
            GaussianBlur(scratch.frame, shadow, new Size(0, 0), Math.max(1, camera.height() / 120.0));
        }
    }

    private static double[][] ground(double x0, double x1, double z0, double z1, double y) {
        return new double[][] {{x0, y, z0}, {x1, y, z0}, {x1, y, z1}, {x0, y, z1}};
    }

    private static double[][] wallX(double x, double z0, double z1, double y0, double y1) {
        return new double[][] {{x, y0, z0}, {x, y0, z1}, {x, y1, z1}, {x, y1, z0}};
    }

    private static Scalar grey(int v) {
        return new Scalar(v, v, v, 0);
    }

    private static Scalar asphalt(Random rnd) {
        int v = 70 + rnd.nextInt(25);
        return new Scalar(v + 4, v + 2, v, 0);
    }

    private static Scalar wall(Random rnd) {
        int[][] palette = {{200, 215, 225}, {175, 180, 185}, {150, 165, 200}, {205, 205, 200}, {120, 130, 160}, {170, 190, 210}};
        int[] p = palette[rnd.nextInt(palette.length)];
        int d = rnd.nextInt(21) - 10;
        return new Scalar(p[0] + d, p[1] + d, p[2] + d, 0);
    }

    private static Scalar glass(Random rnd) {
        int v = 60 + rnd.nextInt(60);
        return new Scalar(v + 25, v + 15, v, 0);
    }

    private static Scalar shopFront(Random rnd) {
        return rnd.nextBoolean() ? new Scalar(95 + rnd.nextInt(30), 85 + rnd.nextInt(20), 60, 0) : grey(140 + rnd.nextInt(40));
    }

    @Override
    public void close() {
        props.forEach(Actor::close);
        shadow.close();
        background.close();
    }
}
