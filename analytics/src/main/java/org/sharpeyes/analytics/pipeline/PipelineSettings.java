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
 * @param fullPass       a frame is looked at whole this often even without motion, so that
 *                       objects that stopped moving are seen again
 * @param decoder        FFmpeg decoder by name for H.264 and H.265 ({@code cuvid}: NVDEC's
 *                       {@code h264_cuvid}/{@code hevc_cuvid}), or {@code software}
 */
public record PipelineSettings(int queueFrames, MotionSettings motion, Duration fullPass, Decoder decoder) {
    public enum Decoder { SOFTWARE, CUVID }

    public static final PipelineSettings DEFAULTS = new PipelineSettings(2, MotionSettings.DEFAULTS,
            Duration.ofSeconds(30), Decoder.SOFTWARE);

    public PipelineSettings {
        Objects.requireNonNull(motion, "motion");
        Objects.requireNonNull(fullPass, "fullPass");
        Objects.requireNonNull(decoder, "decoder");
        if (queueFrames < 1 || queueFrames > 100) {
            throw new IllegalArgumentException("queueFrames must be in 1..100, got " + queueFrames);
        }
        if (fullPass.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("fullPass must be at least 1s, got " + fullPass);
        }
    }
}
