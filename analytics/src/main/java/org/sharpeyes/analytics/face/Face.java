package org.sharpeyes.analytics.face;

import java.util.Arrays;
import org.sharpeyes.common.Box;

/**
 * One detected face in frame pixels.
 *
 * @param box       the face box
 * @param score     detector confidence in [0,1]
 * @param landmarks six points as x0,y0,…,x5,y5 in frame pixels, in MediaPipe's order: the
 *                  subject's right eye, left eye, nose tip, mouth centre, right ear tragion, left
 *                  ear tragion (the subject's right eye is on the image's left for a frontal face)
 */
public record Face(Box box, float score, float[] landmarks) {
    public static final int RIGHT_EYE = 0;
    public static final int LEFT_EYE = 1;
    public static final int NOSE = 2;
    public static final int MOUTH = 3;
    public static final int LANDMARKS = 6;

    public Face {
        if (landmarks.length != 2 * LANDMARKS) {
            throw new IllegalArgumentException("landmarks must hold " + 2 * LANDMARKS + " coordinates, got " + landmarks.length);
        }
        landmarks = landmarks.clone();
    }

    @Override
    public float[] landmarks() {
        return landmarks.clone();
    }

    public float x(int landmark) {
        return landmarks[2 * landmark];
    }

    public float y(int landmark) {
        return landmarks[2 * landmark + 1];
    }

    @Override
    public String toString() {
        return "Face[box=" + box + ", score=" + score + ", landmarks=" + Arrays.toString(landmarks) + "]";
    }
}
