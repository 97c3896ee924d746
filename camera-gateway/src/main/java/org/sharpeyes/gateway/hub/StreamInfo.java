package org.sharpeyes.gateway.hub;

/**
 * The codec parameters of one connection to a camera stream: what a subscriber needs to set up a
 * decoder or a remuxer before the first packet. A new one is published after every reconnect
 * (the camera may have been reconfigured meanwhile).
 *
 * @param codecId   FFmpeg's AVCodecID ({@code AV_CODEC_ID_H264}, {@code AV_CODEC_ID_HEVC}, ...)
 * @param codec     FFmpeg's codec name: "h264", "hevc", ...
 * @param extradata out-of-band parameter sets (SPS/PPS/VPS) from the SDP; may be empty. Never modify.
 * @param fps       nominal frame rate from the stream, 0 if unknown
 */
public record StreamInfo(int codecId, String codec, int width, int height, byte[] extradata, double fps) {
}
