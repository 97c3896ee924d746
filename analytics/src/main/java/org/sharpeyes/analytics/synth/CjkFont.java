package org.sharpeyes.analytics.synth;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.Shape;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.util.Arrays;

/** The CJK font plates and shop signs are drawn with: Noto Sans CJK from Debian's fonts-noto-cjk (OFL). */
public final class CjkFont {
    public static final String FAMILY = "Noto Sans CJK SC";
    private static volatile Font font;

    private CjkFont() {
    }

    public static boolean available() {
        return Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames())
                .contains(FAMILY);
    }

    /** The bold face at 100 pt; {@link #drawFitted} scales it to any box. */
    public static Font font() {
        Font f = font;
        if (f == null) {
            if (!available()) {
                throw new IllegalStateException("font '" + FAMILY + "' missing: apt-get install fonts-noto-cjk "
                        + "(./sharpeyes test installs it)");
            }
            f = new Font(FAMILY, Font.BOLD, 100);
            font = f;
        }
        return f;
    }

    /** Fills text stretched to exactly the box (plate characters are narrow and tall, sign characters square). */
    public static void drawFitted(Graphics2D g, String s, double x, double y, double w, double h) {
        GlyphVector gv = font().createGlyphVector(g.getFontRenderContext(), s);
        Rectangle2D b = gv.getVisualBounds();
        AffineTransform t = new AffineTransform();
        t.translate(x, y);
        t.scale(w / b.getWidth(), h / b.getHeight());
        t.translate(-b.getX(), -b.getY());
        Shape shape = t.createTransformedShape(gv.getOutline());
        g.fill(shape);
    }
}
