package org.sharpeyes.gateway.hub;

import java.time.Duration;
import java.time.Instant;

/**
 * What the puller of one camera stream observed, measured over the last few seconds. The input
 * of health: {@code connected} false with {@code lastError} is an OFFLINE camera.
 *
 * @param codec          "h264", "hevc", ...; null before the first connect
 * @param fps            packets per second of the video stream over the measuring window
 * @param bitrateKbps    video bitrate over the measuring window
 * @param lastPacket     arrival time of the newest packet; null if none yet
 * @param reconnects     reconnects since the stream was started
 * @param connectedSince start of the current connection; null while disconnected
 * @param lastError      why the last connection attempt or read failed (credentials masked); null if none
 */
public record StreamStats(boolean connected, String codec, int width, int height, double fps, double bitrateKbps,
                          Instant lastPacket, int reconnects, Instant connectedSince, String lastError) {
    public Duration uptime(Instant now) {
        return connectedSince == null ? Duration.ZERO : Duration.between(connectedSince, now);
    }
}
