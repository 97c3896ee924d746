package org.sharpeyes.analytics.pipeline;

import java.time.Instant;

/** Receives one camera's analysed frames in order, on one thread at a time. */
public interface FrameSink extends AutoCloseable {
    void onFrame(AnalysedFrame frame);

    /** Time passes without frames looked at (no motion, or the stream stalled): lets open tracks end. */
    void onIdle(Instant now);

    /** The camera's analysis stops: finish every open track. */
    @Override
    void close();
}
