package org.sharpeyes.analytics.plate;

import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.DataBufferByte;
import java.awt.image.Kernel;
import java.util.Arrays;
import java.util.Random;
import org.sharpeyes.analytics.synth.CjkFont;
import org.sharpeyes.analytics.synth.PlateRenderer;
import org.sharpeyes.analytics.synth.PlateStyle;

/**
 * Flat test scenes with one plate ({@link PlateRenderer}) on a noisy gradient with a shop sign
 * beside it: the reader's unit tests, where the street scenes of the synth package are too busy.
 */
final class PlateScenes {
    record Scene(BufferedImage image, String plate, PlateStyle style, Rectangle2D plateBounds) {
    }

    private PlateScenes() {
    }

    /**
     * A width×height scene: noisy gradient, a red shop sign reading 重庆火锅 with 营业中 under it,
     * and, unless number is null, the plate plateWidth wide, rotated by degrees and blurred.
     */
    static Scene scene(int width, int height, String number, PlateStyle style, int plateWidth, double degrees,
                       boolean blur, Random rnd) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(90 + rnd.nextInt(60), 100, 110), width, height,
                new Color(40, 50 + rnd.nextInt(60), 60)));
        g.fillRect(0, 0, width, height);
        // the shop sign in the upper left quarter
        int signW = width / 3;
        int signH = signW / 4;
        int sx = 10 + rnd.nextInt(width / 8);
        int sy = 10 + rnd.nextInt(height / 8);
        g.setColor(new Color(190, 30, 30));
        g.fillRect(sx, sy, signW, signH);
        g.setColor(new Color(250, 220, 60));
        String sign = "重庆火锅";
        for (int i = 0; i < sign.length(); i++) {
            CjkFont.drawFitted(g, sign.substring(i, i + 1), sx + signW * (0.06 + i * 0.23), sy + signH * 0.15,
                    signW * 0.18, signH * 0.7);
        }
        g.setColor(Color.WHITE);
        g.setFont(CjkFont.font().deriveFont(Font.PLAIN, signH * 0.4f));
        g.drawString("营业中 10:00-22:00", sx, sy + signH + signH * 0.6f);
        Rectangle2D where = null;
        if (number != null) {
            BufferedImage plate = PlateRenderer.render(number, style, plateWidth);
            double px = width / 2.0 + rnd.nextInt(Math.max(1, width / 2 - plateWidth - 20));
            double py = height / 2.0 + rnd.nextInt(Math.max(1, height / 2 - plate.getHeight() - 20));
            AffineTransform t = new AffineTransform();
            t.translate(px, py);
            t.rotate(Math.toRadians(degrees), plate.getWidth() / 2.0, plate.getHeight() / 2.0);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(plate, t, null);
            where = t.createTransformedShape(new Rectangle2D.Double(0, 0, plate.getWidth(), plate.getHeight()))
                    .getBounds2D();
        }
        g.dispose();
        addNoise(img, rnd, 6);
        if (blur) {
            float[] k = new float[9];
            Arrays.fill(k, 1f / 9);
            img = new ConvolveOp(new Kernel(3, 3, k), ConvolveOp.EDGE_NO_OP, null).filter(img, null);
        }
        return new Scene(img, number, style, where);
    }

    private static void addNoise(BufferedImage img, Random rnd, int sigma) {
        byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < px.length; i++) {
            int v = (px[i] & 0xff) + (int) Math.round(rnd.nextGaussian() * sigma);
            px[i] = (byte) Math.max(0, Math.min(255, v));
        }
    }
}
