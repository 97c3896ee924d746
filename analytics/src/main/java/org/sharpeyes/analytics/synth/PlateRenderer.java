package org.sharpeyes.analytics.synth;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;

/**
 * Draws a plate alone, face on, to GA 36 proportions: 440×140 mm with 45×90 mm characters 12 mm
 * apart and 34 mm around the separator dot; new-energy plates 480×140 mm with eight 43 mm
 * characters; two-line plates 440×220 mm.
 */
public final class PlateRenderer {
    private static final Color BLUE = new Color(16, 72, 190);
    private static final Color YELLOW = new Color(245, 190, 20);
    private static final Color GREEN = new Color(40, 175, 80);
    private static final Color PALE_GREEN = new Color(235, 248, 235);
    private static final Color WHITE = new Color(245, 245, 245);
    private static final Color BLACK = new Color(18, 18, 22);
    private static final Color RED = new Color(200, 20, 20);

    private PlateRenderer() {
    }

    /** Height over width of a plate of this style. */
    public static double aspect(PlateStyle style) {
        return style.twoLine() ? 220.0 / 440 : 140.0 / millimetresWide(style);
    }

    /** Width in metres, as mounted on a vehicle. */
    public static double metresWide(PlateStyle style) {
        return millimetresWide(style) / 1000.0;
    }

    private static double millimetresWide(PlateStyle style) {
        return style == PlateStyle.NEW_ENERGY_SMALL || style == PlateStyle.NEW_ENERGY_LARGE ? 480 : 440;
    }

    /** The plate, {@code width} pixels wide, as a BGR image. */
    public static BufferedImage render(String number, PlateStyle style, int width) {
        double k = width / millimetresWide(style);
        int height = (int) Math.round((style.twoLine() ? 220 : 140) * k);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        Color ink = ink(style);
        paintBackground(g, style, k, width, height);
        g.setStroke(new BasicStroke((float) Math.max(1, 3 * k)));
        g.setColor(ink);
        g.draw(new RoundRectangle2D.Double(5 * k, 5 * k, width - 10 * k, height - 10 * k, 12 * k, 12 * k));
        if (style.twoLine()) {
            drawTwoLines(g, number, k);
        } else {
            drawOneLine(g, number, style, ink, k);
        }
        g.dispose();
        return img;
    }

    private static Color ink(PlateStyle style) {
        return switch (style.color()) {
            case BLUE, BLACK -> Color.WHITE;
            default -> Color.BLACK;
        };
    }

    private static void paintBackground(Graphics2D g, PlateStyle style, double k, int width, int height) {
        switch (style) {
            case NEW_ENERGY_SMALL -> g.setPaint(new GradientPaint(0, 0, PALE_GREEN, 0, height, GREEN));
            case NEW_ENERGY_LARGE -> {
                // province and letter on yellow up to the middle of the separator gap, the serial on green
                g.setColor(GREEN);
                g.fillRect(0, 0, width, height);
                g.setColor(YELLOW);
                g.fill(new Rectangle2D.Double(0, 0, 136 * k, height));
                return;
            }
            default -> g.setColor(switch (style.color()) {
                case BLUE -> BLUE;
                case YELLOW -> YELLOW;
                case WHITE -> WHITE;
                default -> BLACK;
            });
        }
        g.fillRect(0, 0, width, height);
    }

    private static void drawOneLine(Graphics2D g, String number, PlateStyle style, Color ink, double k) {
        int chars = number.length();
        boolean wide = chars == 8;
        double charW = wide ? 43 : 45;
        double gap = wide ? 9 : 12;
        double sepGap = wide ? 49 : 34;
        // embassy plates group the embassy code with 使: 使014·578
        int sepAfter = style == PlateStyle.EMBASSY ? 3 : 1;
        double total = chars * charW + (chars - 2) * gap + sepGap;
        double x = (millimetresWide(style) - total) / 2;
        for (int i = 0; i < chars; i++) {
            char c = number.charAt(i);
            g.setColor(c == '警' || c == '领' || c == '使' ? RED : ink);
            CjkFont.drawFitted(g, String.valueOf(c), x * k, 25 * k, charW * k, 90 * k);
            x += charW;
            if (i == sepAfter) {
                // new-energy plates leave the gap empty (their emblem); the others print a dot
                if (!wide) {
                    g.setColor(ink);
                    double d = 10 * k;
                    g.fill(new Ellipse2D.Double((x + sepGap / 2) * k - d / 2, 70 * k - d / 2, d, d));
                }
                x += sepGap;
            } else {
                x += gap;
            }
        }
    }

    private static void drawTwoLines(Graphics2D g, String number, double k) {
        g.setColor(Color.BLACK);
        // upper line: 80×60 mm province and letter; lower line: five 65×110 mm characters 15 mm apart
        CjkFont.drawFitted(g, number.substring(0, 1), 110 * k, 15 * k, 80 * k, 60 * k);
        CjkFont.drawFitted(g, number.substring(1, 2), 250 * k, 15 * k, 80 * k, 60 * k);
        for (int i = 0; i < 5; i++) {
            CjkFont.drawFitted(g, number.substring(2 + i, 3 + i), (27.5 + i * 80) * k, 95 * k, 65 * k, 110 * k);
        }
    }
}
