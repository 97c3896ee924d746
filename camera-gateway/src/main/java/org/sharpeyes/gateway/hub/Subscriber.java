package org.sharpeyes.gateway.hub;

/**
 * Receives one camera stream from a {@link StreamHub}. Calls arrive one at a time, in order, on the
 * executor given at subscribe time, never on the ingest thread: a slow subscriber only fills its
 * own queue.
 *
 * <p>The sequence is: {@code onStream} (codec parameters of the current connection), then packets
 * starting with a keyframe; after a reconnect, {@code onStream} again. When this subscriber's queue
 * overflowed, {@code onDropped} tells how many of its packets were discarded, and the next packet
 * is again a keyframe, so a decoder can resume without artefacts.
 */
public interface Subscriber {
    void onStream(StreamInfo info);

    void onPacket(Packet packet);

    /** {@code count} packets were discarded for this subscriber only; the next packet is a keyframe. */
    default void onDropped(long count) {
    }
}
