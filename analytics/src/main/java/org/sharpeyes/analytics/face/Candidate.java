package org.sharpeyes.analytics.face;

/**
 * A decoded detection before merging, in continuous frame pixels: centre, extent and the six
 * landmarks, kept as one vector so overlapping detections can be blended component by component.
 * Layout: cx, cy, w, h, x0, y0, …, x5, y5.
 */
record Candidate(float[] geometry, float score) {
    static final int SIZE = 4 + 2 * Face.LANDMARKS;

    float left() {
        return geometry[0] - geometry[2] / 2;
    }

    float top() {
        return geometry[1] - geometry[3] / 2;
    }

    float right() {
        return geometry[0] + geometry[2] / 2;
    }

    float bottom() {
        return geometry[1] + geometry[3] / 2;
    }

    float iou(Candidate o) {
        float iw = Math.max(0, Math.min(right(), o.right()) - Math.max(left(), o.left()));
        float ih = Math.max(0, Math.min(bottom(), o.bottom()) - Math.max(top(), o.top()));
        float inner = iw * ih;
        float union = geometry[2] * geometry[3] + o.geometry[2] * o.geometry[3] - inner;
        return union <= 0 ? 0 : inner / union;
    }
}
