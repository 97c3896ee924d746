package org.sharpeyes.analytics.pipeline;

import java.time.Duration;
import java.util.Objects;
import org.sharpeyes.analytics.motion.MotionSettings;

/**
 * How a camera's frames reach the detectors.
 *
 * @param queueFrames    frames waiting for detection per camera; when detection falls behind,
 *                       the oldest waiting frame is dropped (and counted), so analysis stays
 *                       near real time instead of falling minutes behind
 * @param motion         the motion gate
 * @param fullPass       a frame is looked at whole this often (by the frames' own time: a
 *                       recording's media time) even without motion, so that objects that
 *                       stopped moving are seen again
 * @param decoder        FFmpeg decoder by name for H.264 and H.265 ({@code cuvid}: NVDEC's
 *                       {@code h264_cuvid}/{@code hevc_cuvid}), or {@code software}
 * @param faceEvery      faces are looked for in the whole regions of one of this many frames
 *                       sent to detection (plates in every one), and in the frames between only
 *                       around faces found in the last 2 s: the face detector costs the most per
 *                       region, and a face is still found within a fraction of a second, while
 *                       its track gets every sighting; cameras are staggered so that their
 *                       whole-region frames do not coincide
 */
public record PipelineSettings(int queueFrames, MotionSettings motion, Duration fullPass, Decoder decoder, int faceEvery) {
    public enum Decoder { SOFTWARE, CUVID }

    public static final PipelineSettings DEFAULTS = new PipelineSettings(2, MotionSettings.DEFAULTS,
            Duration.ofSeconds(30), Decoder.SOFTWARE, 3);

    /** These settings with another decoder. */
    public PipelineSettings withDecoder(Decoder other) {
        return new PipelineSettings(queueFrames, motion, fullPass, other, faceEvery);
    }

    public PipelineSettings {
        Objects.requireNonNull(motion, "motion");
        Objects.requireNonNull(fullPass, "fullPass");
        Objects.requireNonNull(decoder, "decoder");
        if (queueFrames < 1 || queueFrames > 100) {
            throw new IllegalArgumentException("queueFrames must be in 1..100, got " + queueFrames);
        }
        if (faceEvery < 1 || faceEvery > 25) {
            throw new IllegalArgumentException("faceEvery must be in 1..25, got " + faceEvery);
        }
        if (fullPass.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("fullPass must be at least 1s, got " + fullPass);
        }
    }
}
