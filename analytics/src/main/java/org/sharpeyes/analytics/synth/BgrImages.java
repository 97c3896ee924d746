package org.sharpeyes.analytics.synth;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import org.bytedeco.opencv.opencv_core.Mat;

/** Java2D draws the text (CJK glyphs), OpenCV everything else: the bridge between them. */
public final class BgrImages {
    private BgrImages() {
    }

    /** A new BGR Mat with the pixels of a TYPE_3BYTE_BGR image (the caller closes it). */
    public static Mat toMat(BufferedImage img) {
        if (img.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            throw new IllegalArgumentException("need TYPE_3BYTE_BGR, got type " + img.getType());
        }
        byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        Mat m = new Mat(img.getHeight(), img.getWidth(), CV_8UC3);
        m.data().put(px);
        return m;
    }
}
