package org.sharpeyes.console.live;

import java.time.Duration;
import org.sharpeyes.gateway.hub.StreamKey;

/**
 * How one live view went, handed to the "live view stop" hook (for the audit log).
 *
 * @param segments        media segments sent
 * @param droppedSegments access units not sent because the socket's write queue was full
 * @param droppedByHub    access units the hub discarded because this viewer's queue overflowed
 * @param reason          why it stopped: "client closed", "camera removed", "unsupported codec", ...
 */
public record LiveSummary(StreamKey key, Duration duration, long segments, long bytes, long droppedSegments,
                          long droppedByHub, String reason) {
}
