package org.sharpeyes.analytics.pipeline;

import java.time.Instant;
import java.util.List;

/** Receives one camera's analysed frames in order, on one thread at a time. */
public interface FrameSink extends AutoCloseable {
    void onFrame(AnalysedFrame frame);

    /**
     * Plates not worth reading again in the frame of {@code time}, the next one given to
     * {@link #onFrame}: those the pipeline sees there come back as {@link AnalysedFrame#keptTracks}.
     */
    default List<SettledPlate> settledPlates(Instant time) {
        return List.of();
    }

    /** Time passes without frames looked at (no motion, or the stream stalled): lets open tracks end. */
    void onIdle(Instant now);

    /** The camera's analysis stops: finish every open track. */
    @Override
    void close();
}
