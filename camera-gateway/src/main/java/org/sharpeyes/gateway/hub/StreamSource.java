package org.sharpeyes.gateway.hub;

/** A running pull of one camera stream that feeds a hub; {@code RtspPuller} in production. */
public interface StreamSource extends AutoCloseable {
    StreamStats stats();

    /** Stops pulling and releases everything; returns within a bounded time. */
    @Override
    void close();
}
