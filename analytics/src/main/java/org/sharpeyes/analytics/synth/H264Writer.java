package org.sharpeyes.analytics.synth;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_log_get_level;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Encodes BGR frames to H.264 in MP4 the way a camera streams: Cisco's OpenH264 encoder built
 * into the bytedeco FFmpeg (an LGPL build, so no libx264), constrained baseline (no B-frames),
 * a keyframe every two seconds, about 2 Mbit/s at 720p (scaled with the pixel count).
 */
final class H264Writer implements AutoCloseable {
    static final String ENCODER = "libopenh264";

    private final FFmpegFrameRecorder recorder;
    private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();

    H264Writer(Path file, int width, int height, int fps) throws IOException {
        // the encoder's own notes (profile, frame skipping) are no news to the user
        if (av_log_get_level() > AV_LOG_ERROR) {
            av_log_set_level(AV_LOG_ERROR);
        }
        recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
        recorder.setFormat("mp4");
        recorder.setVideoCodecName(ENCODER);
        recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(fps);
        recorder.setGopSize(2 * fps);
        recorder.setVideoBitrate(bitrate(width, height));
        try {
            recorder.start();
        } catch (FrameRecorder.Exception e) {
            close();
            throw new IOException("cannot open the " + ENCODER + " encoder for " + file + ": " + e.getMessage(), e);
        }
    }

    static int bitrate(int width, int height) {
        return (int) Math.max(250_000, 2_000_000L * width * height / (1280 * 720));
    }

    void write(Mat bgr) throws IOException {
        try {
            recorder.record(converter.convert(bgr), AV_PIX_FMT_BGR24);
        } catch (FrameRecorder.Exception e) {
            throw new IOException("encoding failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            recorder.close();
        } catch (FrameRecorder.Exception e) {
            throw new IOException("cannot finish the video: " + e.getMessage(), e);
        } finally {
            converter.close();
        }
    }
}
