package org.sharpeyes.analytics.watchlist;

import java.time.Instant;
import java.util.UUID;
import org.sharpeyes.common.Box;

/**
 * A watchlisted plate seen by a camera, raised on the frame that read it (before its track
 * ends and its event is written).
 *
 * @param plateText   the plate as read in that frame (normalised)
 * @param confidence  that read's score in [0,1]
 * @param snapshotKey the frame's downscaled snapshot in the SnapshotStore, or null if it could
 *                    not be stored
 * @param trackId     the track whose event will carry the same id
 * @param box         the plate in frame pixels
 */
public record Alert(WatchEntry entry, UUID cameraId, Instant time, String plateText, float confidence,
                    String snapshotKey, long trackId, Box box) {
}
