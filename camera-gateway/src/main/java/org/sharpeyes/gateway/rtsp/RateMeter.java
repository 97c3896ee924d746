package org.sharpeyes.gateway.rtsp;

import org.sharpeyes.gateway.hub.Packet;

/**
 * Frame rate and bitrate of a stream over windows of arrival time, measured against the packets'
 * own timestamps: the burst of buffered packets after a connect does not inflate the rate, and a
 * stall (no packet for two windows) reads as zero. Written by the reader thread, read by anyone.
 */
final class RateMeter {
    record Rates(double fps, double kbps) {
    }

    private static final Rates ZERO = new Rates(0, 0);

    private final long windowNanos;
    private long start = -1;
    private long anchorDts;
    private long lastDts;
    private long packets;
    private long bytes;
    private Rates last = ZERO;

    RateMeter(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    synchronized void record(int size, long dts, long now) {
        if (start < 0) {
            start = now;
            anchorDts = dts; // the span is measured from here
            lastDts = dts;
            return;
        }
        packets++;
        bytes += size;
        lastDts = dts;
        if (now - start >= windowNanos) {
            last = current();
            start = now;
            anchorDts = dts;
            packets = 0;
            bytes = 0;
        }
    }

    /** The last complete window's rates; the current window's while the first one fills. */
    synchronized Rates rates(long now) {
        if (start < 0 || now - start >= 2 * windowNanos) {
            return ZERO;
        }
        return last == ZERO || now - start >= windowNanos ? current() : last;
    }

    synchronized void reset() {
        start = -1;
        packets = 0;
        bytes = 0;
        last = ZERO;
    }

    private Rates current() {
        double seconds = (double) (lastDts - anchorDts) / Packet.TIME_BASE;
        return seconds <= 0 ? ZERO : new Rates(packets / seconds, bytes * 8 / 1000.0 / seconds);
    }
}
