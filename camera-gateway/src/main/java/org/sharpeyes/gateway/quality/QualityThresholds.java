package org.sharpeyes.gateway.quality;

import java.time.Duration;

/**
 * When a score is a fault. Scores are measured on a working copy of the frame at most 640
 * pixels wide (larger frames are downscaled first), luma in 0..255. SIGNAL_LOSS hides the other
 * faults of the same frame.
 *
 * @param signalLoss       SIGNAL_LOSS when the score reaches this. Score in [0,1]: 1 − min(mean row std,
 *                         mean column std) / 10 on the median-filtered luma; 1 = uniform frame or pure bars
 * @param frozenFor        FROZEN when the picture has been unchanged at least this long (the score: seconds
 *                         unchanged) ...
 * @param frozenMinSamples ... over at least this many samples
 * @param frozenMaxChange  consecutive samples whose mean absolute luma difference (320-pixel-wide nearest-
 *                         neighbour thumbnails, so sensor noise counts as change) is below this are
 *                         "unchanged". A perfectly static scene without sensor noise or an OSD clock reads
 *                         as frozen
 * @param blurEdgeWidth    BLUR when the score reaches this. Score: RMS edge width in working pixels,
 *                         sqrt(Σ gradient² / Σ laplacian²) over edge pixels (gradient ≥ 4 levels/px).
 *                         Measured on synthetic scenes: 0.3 sharp, 0.7 / 0.9 / 1.4 after a Gaussian blur of
 *                         σ = 1 / 2 / 3 px; strong noise lowers it (noise looks like detail)
 * @param occlusion        OCCLUSION when the score reaches this. Score: fraction of the 8×8 cells whose luma
 *                         std is below 4 while at least one cell has texture
 * @param colourCast       COLOUR_CAST when the score reaches this. Score: cast factor D/M in CIE Lab, mean
 *                         (a,b) offset from neutral over its mean absolute spread; 0 while the offset is below 6.
 *                         A neutral scene scores 0; R×1.4 B×0.6 scores 2.1, B×1.3 R×0.6 scores 1.4
 * @param tooDark          TOO_DARK when the mean luma is below this
 * @param tooBright        TOO_BRIGHT when the mean luma is above this
 * @param noiseSigma       NOISE when the score reaches this. Score: noise σ in luma levels (Immerkær's
 *                         estimator over the flattest quarter of the frame); reads about 2/3 of the true σ:
 *                         added Gaussian noise of σ = 5 / 10 / 20 scores 3.5 / 6.5 / 12.6
 */
public record QualityThresholds(double signalLoss, Duration frozenFor, int frozenMinSamples, double frozenMaxChange,
                                double blurEdgeWidth, double occlusion, double colourCast, double tooDark,
                                double tooBright, double noiseSigma) {
    public static final QualityThresholds DEFAULTS = new QualityThresholds(
            0.85, Duration.ofSeconds(20), 3, 0.3, 1.2, 0.4, 1.3, 40, 210, 5);

    public QualityThresholds {
        check("signalLoss", signalLoss, 0, 1);
        if (frozenFor == null || frozenFor.isNegative()) {
            throw new IllegalArgumentException("frozenFor must be a non-negative duration, got " + frozenFor);
        }
        if (frozenMinSamples < 2) {
            throw new IllegalArgumentException("frozenMinSamples must be at least 2, got " + frozenMinSamples);
        }
        check("frozenMaxChange", frozenMaxChange, 0, 255);
        check("blurEdgeWidth", blurEdgeWidth, 0, 100);
        check("occlusion", occlusion, 0, 1);
        check("colourCast", colourCast, 0, 100);
        check("tooDark", tooDark, 0, 255);
        check("tooBright", tooBright, 0, 255);
        check("noiseSigma", noiseSigma, 0, 255);
        if (tooDark >= tooBright) {
            throw new IllegalArgumentException("tooDark (" + tooDark + ") must be below tooBright (" + tooBright + ")");
        }
    }

    private static void check(String name, double v, double min, double max) {
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + v);
        }
    }
}
