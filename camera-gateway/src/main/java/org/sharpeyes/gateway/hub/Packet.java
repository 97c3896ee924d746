package org.sharpeyes.gateway.hub;

/**
 * One encoded video packet (an access unit, as the demuxer delivers it), copied out of FFmpeg
 * into Java memory so that the native packet is released at once and subscribers can keep it as
 * long as they like. Shared by every subscriber: never modify {@code data}.
 *
 * @param pts          presentation time in {@link #TIME_BASE} units (90 kHz, the RTP video clock)
 * @param dts          decoding time in the same units
 * @param keyframe     a random-access point: decoding can start here
 * @param data         the payload as the demuxer gives it (H.264/H.265 Annex B for RTSP)
 * @param receivedNanos {@link System#nanoTime()} when the packet was read
 */
public record Packet(long pts, long dts, boolean keyframe, byte[] data, long receivedNanos) {
    /** Ticks per second of {@code pts} and {@code dts}. */
    public static final int TIME_BASE = 90_000;

    public int size() {
        return data.length;
    }
}
