package org.sharpeyes.analytics.plate;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.DataBufferByte;
import java.awt.image.Kernel;
import java.util.Arrays;
import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.sharpeyes.common.PlateColor;

/**
 * Synthetic street scenes with one Chinese plate drawn to GA 36 proportions (440×140 mm, 45×90 mm
 * characters, separator dot after the second), on a noisy gradient with a shop sign beside it.
 */
final class PlateScenes {
    static final String FONT_FAMILY = "Noto Sans CJK SC";
    static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    static final String DIGITS = "0123456789";

    /** Plate styles drawn here: colours as GA 36 prescribes. */
    enum Style {
        BLUE(PlateColor.BLUE), YELLOW(PlateColor.YELLOW), NEW_ENERGY(PlateColor.GREEN), POLICE(PlateColor.WHITE),
        /** Large vehicles' rear plate: yellow, 440×220 mm, province and letter above the serial. */
        YELLOW_TWO_LINE(PlateColor.YELLOW);

        final PlateColor color;

        Style(PlateColor color) {
            this.color = color;
        }
    }

    record Scene(BufferedImage image, String plate, Style style, Rectangle2D plateBounds) {
    }

    private PlateScenes() {
    }

    static Font font() {
        boolean present = Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames())
                .contains(FONT_FAMILY);
        if (!present) {
            throw new IllegalStateException("font '" + FONT_FAMILY + "' missing: apt-get install fonts-noto-cjk "
                    + "(./sharpeyes test installs it)");
        }
        return new Font(FONT_FAMILY, Font.BOLD, 100);
    }

    /** A random valid number of the style, normalised (no separator). */
    static String number(Style style, Random rnd) {
        StringBuilder s = new StringBuilder();
        s.append(PlateFormat.PROVINCES.charAt(rnd.nextInt(PlateFormat.PROVINCES.length())));
        s.append(LETTERS.charAt(rnd.nextInt(LETTERS.length())));
        switch (style) {
            case BLUE, YELLOW, YELLOW_TWO_LINE -> {
                for (int i = 0; i < 5; i++) {
                    s.append(i < 4 && rnd.nextInt(4) == 0 ? pick(LETTERS, rnd) : pick(DIGITS, rnd));
                }
            }
            case NEW_ENERGY -> {
                s.append(rnd.nextBoolean() ? 'D' : 'F').append(rnd.nextBoolean() ? pick(LETTERS, rnd) : pick(DIGITS, rnd));
                for (int i = 0; i < 4; i++) {
                    s.append(pick(DIGITS, rnd));
                }
            }
            case POLICE -> {
                for (int i = 0; i < 4; i++) {
                    s.append(pick(DIGITS, rnd));
                }
                s.append('警');
            }
        }
        return s.toString();
    }

    private static char pick(String from, Random rnd) {
        return from.charAt(rnd.nextInt(from.length()));
    }

    /** The plate alone, plateWidth pixels wide. */
    static BufferedImage plate(String number, Style style, int plateWidth) {
        if (style == Style.YELLOW_TWO_LINE) {
            return twoLinePlate(number, plateWidth);
        }
        int chars = number.length();
        double mmWide = chars == 8 ? 480 : 440;
        double k = plateWidth / mmWide;
        int w = plateWidth;
        int h = (int) Math.round(140 * k);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        Color text;
        switch (style) {
            case BLUE -> {
                g.setColor(new Color(16, 72, 190));
                text = Color.WHITE;
            }
            case YELLOW -> {
                g.setColor(new Color(245, 190, 20));
                text = Color.BLACK;
            }
            case NEW_ENERGY -> {
                g.setPaint(new GradientPaint(0, 0, new Color(235, 248, 235), 0, h, new Color(40, 175, 80)));
                text = Color.BLACK;
            }
            default -> {
                g.setColor(new Color(245, 245, 245));
                text = Color.BLACK;
            }
        }
        g.fillRect(0, 0, w, h);
        g.setStroke(new BasicStroke((float) Math.max(1, 3 * k)));
        g.setColor(text);
        g.draw(new RoundRectangle2D.Double(5 * k, 5 * k, w - 10 * k, h - 10 * k, 12 * k, 12 * k));
        // GA 36: 45 mm characters 12 mm apart, 34 mm around the dot after the second; 8-character plates 43 mm wide, 9 mm apart
        double charW = chars == 8 ? 43 : 45;
        double gap = chars == 8 ? 9 : 12;
        double dotGap = chars == 8 ? 49 : 34;
        double total = chars * charW + (chars - 2) * gap + dotGap;
        double x = (mmWide - total) / 2;
        Font font = font();
        for (int i = 0; i < chars; i++) {
            char c = number.charAt(i);
            g.setColor(style == Style.POLICE && c == '警' ? new Color(200, 20, 20) : text);
            drawFitted(g, font, String.valueOf(c), x * k, 25 * k, charW * k, 90 * k);
            x += charW;
            if (i == 1) {
                g.setColor(text);
                double d = 10 * k;
                g.fill(new java.awt.geom.Ellipse2D.Double((x + dotGap / 2) * k - d / 2, 70 * k - d / 2, d, d));
                x += dotGap;
            } else {
                x += gap;
            }
        }
        g.dispose();
        return img;
    }

    private static BufferedImage twoLinePlate(String number, int plateWidth) {
        double k = plateWidth / 440.0;
        int h = (int) Math.round(220 * k);
        BufferedImage img = new BufferedImage(plateWidth, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(245, 190, 20));
        g.fillRect(0, 0, plateWidth, h);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke((float) Math.max(1, 3 * k)));
        g.draw(new RoundRectangle2D.Double(5 * k, 5 * k, plateWidth - 10 * k, h - 10 * k, 12 * k, 12 * k));
        Font font = font();
        // upper line: 80×60 mm province and letter; lower line: five 65×110 mm characters 15 mm apart
        drawFitted(g, font, number.substring(0, 1), 110 * k, 15 * k, 80 * k, 60 * k);
        drawFitted(g, font, number.substring(1, 2), 250 * k, 15 * k, 80 * k, 60 * k);
        for (int i = 0; i < 5; i++) {
            drawFitted(g, font, number.substring(2 + i, 3 + i), (27.5 + i * 80) * k, 95 * k, 65 * k, 110 * k);
        }
        g.dispose();
        return img;
    }

    /** Draws text scaled to fill the box (plate characters are narrow and tall). */
    static void drawFitted(Graphics2D g, Font font, String s, double x, double y, double w, double h) {
        GlyphVector gv = font.createGlyphVector(g.getFontRenderContext(), s);
        Rectangle2D b = gv.getVisualBounds();
        AffineTransform t = new AffineTransform();
        t.translate(x, y);
        t.scale(w / b.getWidth(), h / b.getHeight());
        t.translate(-b.getX(), -b.getY());
        Shape shape = t.createTransformedShape(gv.getOutline());
        g.fill(shape);
    }

    /**
     * A width×height scene: noisy gradient, a red shop sign reading 重庆火锅 with 营业中 under it,
     * and, unless number is null, the plate plateWidth wide, rotated by degrees and blurred.
     */
    static Scene scene(int width, int height, String number, Style style, int plateWidth, double degrees,
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
        Font font = font();
        String sign = "重庆火锅";
        for (int i = 0; i < sign.length(); i++) {
            drawFitted(g, font, sign.substring(i, i + 1), sx + signW * (0.06 + i * 0.23), sy + signH * 0.15,
                    signW * 0.18, signH * 0.7);
        }
        g.setColor(Color.WHITE);
        g.setFont(font.deriveFont(Font.PLAIN, signH * 0.4f));
        g.drawString("营业中 10:00-22:00", sx, sy + signH + signH * 0.6f);
        Rectangle2D where = null;
        if (number != null) {
            BufferedImage plate = plate(number, style, plateWidth);
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

    /** Copies a TYPE_3BYTE_BGR image into a new BGR Mat (the caller closes it). */
    static Mat toMat(BufferedImage img) {
        if (img.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            throw new IllegalArgumentException("need TYPE_3BYTE_BGR, got type " + img.getType());
        }
        byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        Mat m = new Mat(img.getHeight(), img.getWidth(), CV_8UC3);
        m.data().put(px);
        return m;
    }
}
