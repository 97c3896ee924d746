package org.sharpeyes.analytics.watchlist;

import java.time.Instant;
import java.util.UUID;
import org.sharpeyes.common.Box;
import org.sharpeyes.common.Placement;

/**
 * A watchlisted plate seen by a camera, raised on the frame that read it (before its track
 * ends and its event is written).
 *
 * @param placement   the camera's tier codes, grid and site type, to route the alert to the
 *                    operators whose scope holds the camera
 * @param plateText   the plate as read in that frame (normalised)
 * @param confidence  that read's score in [0,1]
 * @param snapshotKey the frame's downscaled snapshot in the SnapshotStore, or null if it could
 *                    not be stored
 * @param cropKey     the plate's crop from that frame, or null if it could not be stored
 * @param trackId     the track whose event will carry the same id
 * @param box         the plate in frame pixels
 */
public record Alert(WatchEntry entry, UUID cameraId, Placement placement, Instant time, String plateText,
                    float confidence, String snapshotKey, String cropKey, long trackId, Box box) {
}
