package org.sharpeyes.analytics.tracker;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.bytedeco.opencv.opencv_core.Mat;
import org.sharpeyes.analytics.face.Face;
import org.sharpeyes.analytics.face.FaceQuality;
import org.sharpeyes.analytics.pipeline.AnalysedFrame;
import org.sharpeyes.analytics.pipeline.FrameSink;
import org.sharpeyes.analytics.pipeline.SettledPlate;
import org.sharpeyes.analytics.plate.PlateRead;
import org.sharpeyes.analytics.watchlist.Alert;
import org.sharpeyes.analytics.watchlist.AlertListener;
import org.sharpeyes.analytics.watchlist.WatchEntry;
import org.sharpeyes.analytics.watchlist.Watchlist;
import org.sharpeyes.common.Box;
import org.sharpeyes.common.Detection;
import org.sharpeyes.common.DetectionKind;
import org.sharpeyes.common.EventSink;
import org.sharpeyes.common.Placement;
import org.sharpeyes.common.PlateText;
import org.sharpeyes.common.SnapshotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one camera's analysed frames into events: one {@link Detection} per object pass, and
 * watchlist {@link Alert}s the moment a wanted plate is read.
 *
 * <p>Association, per kind: greedy one-to-one on overlap, best first. A track's box is compared
 * as last seen and as moved on by its velocity (so objects that cross keep their tracks); a
 * plate joins a track whose voted text it equals whatever the overlap (a fast car at 5 fps may
 * not overlap its last box), or one whose text it is within one character of (a misread) that
 * it overlaps or lies near. A face that overlaps no track by {@code iouThreshold} may still join
 * one it lies near. Near ranks below any overlap, and needs a box of about the track's size:
 * someone crossing near the camera moves one to two face widths between frames at 5 fps, so no
 * two of their faces overlap, and until its second sighting a track has no velocity to predict
 * them by. Such a track reaches as far as a walker gets in the time; one that has a velocity,
 * one side of its box around its prediction (a walker whose pace changed while unseen).
 * Unmatched detections start tracks.
 *
 * <p>Once a plate track's vote is settled ({@link PlateVote#settled}) it is offered to the pipeline
 * as a {@link SettledPlate}; a plate-shaped window the pipeline finds where it is expected is not
 * read again but comes back in {@link AnalysedFrame#keptTracks}, which keeps the track going
 * (moved on by its motion) as a read would. A drifting prediction only means a read again, whose
 * text joins the same track.
 *
 * <p>A track ends when nothing matched it for {@code maxGap}, in analysed frames or by
 * {@link #onIdle} (the pipeline's frames without motion): an object that stopped moving, a car
 * that parked, ends its pass then, and the periodic full passes that see it again afterwards
 * stay below {@code minFrames}. A pass seen in fewer frames is noise, except a plate read in a
 * frame with motion: a fast car, or a small plate readable only at its nearest, may give one
 * read at 5 fps (a wrong read near a track joins that track as a misread, and one far from it,
 * one edit from its text, stays noise; so does a long pass's one-read tail). A pass that
 * reaches {@code maxDuration} is emitted then, and the track goes on as a new pass under the
 * same track id (its alerts are not raised again).
 *
 * <p>The best frame of a pass (highest plate read score, or highest {@link FaceQuality}; of equal
 * ones, one {@code Track.LARGER_CROP} times the area) is
 * JPEG-encoded when it appears, because the frame is borrowed only during {@link #onFrame};
 * the snapshot is encoded at most once per frame however many tracks want it. Images go to the
 * {@link SnapshotStore} when the event is emitted (or at once for an alert).
 *
 * <p>Emitting calls {@link EventSink#accept}, which blocks while the sink is full: the camera's
 * analysis thread then waits, and the pipeline's bounded queue in front of it drops frames
 * rather than events. Not thread-safe: one camera's frames arrive on one thread at a time.
 */
public final class Tracker implements FrameSink {
    private static final Logger log = LoggerFactory.getLogger(Tracker.class);
    /**
     * Fastest a sighting that overlaps no track of one sighting may have moved to join it, in
     * sides of the track's box a second (a brisk walker near the camera: 7-8 face sides)...
     */
    static final double NEAR_SIDES_PER_SECOND = 10;
    /** ...and no farther than this many sides, however long it was unseen. */
    static final double NEAR_MAX_SIDES = 3;
    /** How far, in sides of its box, a sighting may lie from where a track's velocity predicts it. */
    static final double NEAR_PREDICTION_SIDES = 1;
    /** Width and height of one object in two sightings differ by at most this factor. */
    static final double NEAR_SIZE_RATIO = 1.5;

    private final UUID cameraId;
    private final Placement placement;
    private final EventSink sink;
    private final SnapshotStore store;
    private final Watchlist watchlist;
    private final List<AlertListener> listeners;
    private final TrackerSettings settings;
    private final List<Track> tracks = new ArrayList<>();
    /** Tracks a detection of the current frame continued; kept between frames (onFrame runs on one thread at a time). */
    private final Set<Track> matched = new HashSet<>();
    private final FaceQuality quality = new FaceQuality();
    private long lastTrackId;
    private volatile int open;
    private volatile long events;
    private volatile long dropped;
    private volatile long alerts;
    private volatile long storeFailures;

    /** @param store where snapshots and crops go; null to keep no images (events then carry no keys, and no JPEG is made) */
    public Tracker(UUID cameraId, Placement placement, EventSink sink, SnapshotStore store, Watchlist watchlist,
                   List<AlertListener> listeners, TrackerSettings settings) {
        this.cameraId = Objects.requireNonNull(cameraId, "cameraId");
        this.placement = Objects.requireNonNull(placement, "placement");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.store = store;
        this.watchlist = Objects.requireNonNull(watchlist, "watchlist");
        this.listeners = List.copyOf(listeners);
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * @param openTracks    objects being followed now
     * @param events        events handed to the sink
     * @param dropped       passes dropped as noise (seen in fewer than {@code minFrames} frames)
     * @param storeFailures snapshots or crops the store refused (their events go out without them)
     */
    public record Stats(int openTracks, long events, long dropped, long alerts, long storeFailures) {
    }

    /** Readable from any thread. */
    public Stats stats() {
        return new Stats(open, events, dropped, alerts, storeFailures);
    }

    @Override
    public void onFrame(AnalysedFrame frame) {
        if (!cameraId.equals(frame.cameraId())) {
            throw new IllegalArgumentException("frame of camera " + frame.cameraId() + " given to the tracker of " + cameraId);
        }
        Instant now = frame.time();
        if (tracks.isEmpty() && frame.plates().isEmpty() && frame.faces().isEmpty()) {
            return; // the common case on a quiet camera: nothing to do, nothing allocated
        }
        FrameImages images = new FrameImages(frame.bgr());
        matched.clear();
        associate(plates(frame), DetectionKind.PLATE, now, frame.motion(), images);
        keep(frame.keptTracks(), now);
        associate(faces(frame), DetectionKind.FACE, now, frame.motion(), images);
        endGone(now);
        splitLong(now);
        open = tracks.size();
    }

    /** Plate tracks whose voted text is settled, at their predicted boxes: reading them again would change nothing. */
    @Override
    public List<SettledPlate> settledPlates(Instant time) {
        List<SettledPlate> out = List.of();
        for (Track track : tracks) {
            if (track.settled()) {
                if (out.isEmpty()) {
                    out = new ArrayList<>();
                }
                out.add(new SettledPlate(track.id, track.predicted(time)));
            }
        }
        return out;
    }

    /** Settled plates the pipeline saw again without reading: their tracks go on (unless a read already matched them). */
    private void keep(List<Long> kept, Instant now) {
        if (kept.isEmpty()) {
            return;
        }
        for (Track track : tracks) {
            if (kept.contains(track.id) && track.settled() && !matched.contains(track)) {
                track.keep(now);
                matched.add(track);
            }
        }
    }

    @Override
    public void onIdle(Instant now) {
        matched.clear();
        endGone(now);
        splitLong(now);
        open = tracks.size();
    }

    /** Emits every open pass; the sink and the store stay open (the caller owns them). */
    @Override
    public void close() {
        for (Track track : tracks) {
            emit(track, "closed");
        }
        tracks.clear();
        matched.clear();
        open = 0;
        quality.close();
    }

    private List<Sighting> plates(AnalysedFrame frame) {
        List<Sighting> out = new ArrayList<>(frame.plates().size());
        for (PlateRead read : frame.plates()) {
            float score = (float) Math.max(0, Math.min(1, read.score()));
            // Reads should come normalised; normalising again is cheap and keeps one plate one vote.
            out.add(new Sighting(DetectionKind.PLATE, clip(read.box(), frame.bgr()), score, score,
                    PlateText.normalise(read.text()), read.color()));
        }
        return out;
    }

    private List<Sighting> faces(AnalysedFrame frame) {
        List<Sighting> out = new ArrayList<>(frame.faces().size());
        for (Face face : frame.faces()) {
            Face inside = new Face(clip(face.box(), frame.bgr()), face.score(), face.landmarks());
            out.add(new Sighting(DetectionKind.FACE, inside.box(), quality.score(frame.bgr(), inside),
                    Math.max(0, Math.min(1, face.score())), null, null));
        }
        return out;
    }

    private void associate(List<Sighting> sightings, DetectionKind kind, Instant now, boolean motion, FrameImages images) {
        if (sightings.isEmpty()) {
            return;
        }
        List<Pair> pairs = new ArrayList<>();
        for (Track track : tracks) {
            if (track.kind != kind) {
                continue;
            }
            for (int j = 0; j < sightings.size(); j++) {
                double affinity = affinity(track, sightings.get(j), now);
                if (affinity > 0) {
                    pairs.add(new Pair(affinity, track, j));
                }
            }
        }
        pairs.sort(BEST_FIRST);
        Track[] assigned = new Track[sightings.size()];
        for (Pair p : pairs) {
            if (assigned[p.sighting] == null && !taken(assigned, p.track)) {
                assigned[p.sighting] = p.track;
            }
        }
        for (int j = 0; j < sightings.size(); j++) {
            Sighting s = sightings.get(j);
            Track track = assigned[j];
            if (track == null) {
                track = new Track(nextTrackId(now), kind, s, now, kind == DetectionKind.PLATE && misreadOfAnother(s.text(), null));
                tracks.add(track);
            }
            if (track.observe(s, now, motion)) {
                track.setBest(s, now, store == null ? null : images.snapshot(), store == null ? null
                        : Jpeg.crop(images.frame, s.box(), settings.cropMargin(), settings.jpegQuality()));
            }
            matched.add(track);
            if (kind == DetectionKind.PLATE) {
                checkWatchlist(track, s, now, images);
            }
        }
    }

    /** Whether a sighting of this frame has the track already (a frame has a few sightings: a scan beats a set). */
    private static boolean taken(Track[] assigned, Track track) {
        for (Track t : assigned) {
            if (t == track) {
                return true;
            }
        }
        return false;
    }

    /** How strongly a sighting belongs to a track; 0 when it does not. */
    private double affinity(Track track, Sighting s, Instant now) {
        double iou = track.iou(s.box(), now);
        if (s.kind() == DetectionKind.PLATE) {
            String text = track.plateText();
            if (s.text().equals(text)) {
                return 1 + iou;
            }
            if (text == null || !PlateVote.withinOneEdit(s.text(), text)) {
                return 0;
            }
        }
        return iou >= settings.iouThreshold() ? iou : settings.iouThreshold() * nearness(track, s.box(), now);
    }

    /** 1 where the track is expected, falling to 0 at the farthest the sighting may be from there; 0 for another size. */
    private static double nearness(Track track, Box box, Instant now) {
        double reach = track.hasVelocity() ? NEAR_PREDICTION_SIDES
                : Math.min(NEAR_MAX_SIDES, NEAR_SIDES_PER_SECOND * track.secondsSince(now));
        if (reach <= 0 || !track.sizedLike(box, NEAR_SIZE_RATIO)) {
            return 0;
        }
        return Math.max(0, 1 - track.sidesAway(box, now) / reach);
    }

    private static final Comparator<Pair> BEST_FIRST = Comparator.comparingDouble(Pair::affinity).reversed();

    private record Pair(double affinity, Track track, int sighting) {
    }

    /** Unique per camera across restarts while the clock moves forward: the first sighting's epoch microseconds. */
    private long nextTrackId(Instant now) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
        lastTrackId = Math.max(lastTrackId + 1, micros);
        return lastTrackId;
    }

    private void checkWatchlist(Track track, Sighting s, Instant now, FrameImages images) {
        String snapshotKey = null;
        String cropKey = null;
        for (WatchEntry entry : watchlist.match(s.text(), now)) {
            if (track.alerted.add(entry.id())) {
                if (snapshotKey == null && store != null) {
                    snapshotKey = put(images.snapshot());
                    cropKey = put(Jpeg.crop(images.frame, s.box(), settings.cropMargin(), settings.jpegQuality()));
                }
                Alert alert = new Alert(entry, cameraId, placement, now, s.text(), s.confidence(), snapshotKey, cropKey,
                        track.id, s.box());
                alerts++;
                log.info("watchlist hit camera={} track={} entry={} plate={} score={}", cameraId, track.id, entry.id(),
                        s.text(), s.confidence());
                for (AlertListener listener : listeners) {
                    try {
                        listener.onAlert(alert);
                    } catch (RuntimeException e) {
                        log.error("alert listener failed camera={} track={} entry={}", cameraId, track.id, entry.id(), e);
                    }
                }
            }
        }
    }

    private void endGone(Instant now) {
        for (Iterator<Track> it = tracks.iterator(); it.hasNext(); ) {
            Track track = it.next();
            if (!matched.contains(track) && track.lastSeen().until(now, ChronoUnit.NANOS) > settings.maxGap().toNanos()) {
                emit(track, "gone");
                it.remove();
            }
        }
    }

    private void splitLong(Instant now) {
        for (Track track : tracks) {
            if (track.passStart() != null && track.passStart().until(now, ChronoUnit.NANOS) >= settings.maxDuration().toNanos()) {
                emit(track, "maxDuration");
                track.newPass();
            }
        }
    }

    private void emit(Track track, String end) {
        Sighting best = track.best();
        if (best == null || noise(track)) {
            if (best != null) {
                dropped++;
            }
            return;
        }
        boolean plate = track.kind == DetectionKind.PLATE;
        PlateVote vote = track.vote();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("frames", Integer.toString(track.frames()));
        attributes.put("firstSeen", track.passStart().toString());
        attributes.put("lastSeen", track.passLast().toString());
        attributes.put("end", end);
        Detection event = new Detection(UUID.randomUUID(), track.bestTime(), cameraId, placement, track.kind,
                plate ? vote.text() : null, plate ? vote.color() : null, plate ? vote.confidence() : best.confidence(),
                best.box(), track.id, put(track.bestSnapshot()), put(track.bestCrop()), attributes);
        try {
            sink.accept(event);
            events++;
            log.debug("event camera={} track={} kind={} frames={} end={} plate={} confidence={}", cameraId, track.id,
                    track.kind, track.frames(), end, event.plateText(), event.confidence());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("interrupted while handing over an event, dropped camera={} track={} event={}", cameraId, track.id, event.id());
        } catch (IllegalStateException e) {
            log.warn("event sink closed, event dropped camera={} track={} event={}: {}", cameraId, track.id, event.id(), e.getMessage());
        }
    }

    /**
     * A pass of fewer than {@code minFrames} frames, unless it is a plate read in a frame with
     * motion, in the track's first pass (a long pass's short tail is no new car), and not within
     * one edit of a plate track open when it began or when it ends (a misread of that car too far
     * from it, or too unlike it in size, to join: a far plate's suffix read as a digit just
     * before the car comes near enough to be read right).
     */
    private boolean noise(Track track) {
        return track.frames() < settings.minFrames()
                && !(track.kind == DetectionKind.PLATE && track.seenWithMotion() && track.firstPass() && !track.echo
                && !misreadOfAnother(track.plateText(), track));
    }

    /** Whether a plate track open now, other than {@code self}, has a text within one edit of this one. */
    private boolean misreadOfAnother(String text, Track self) {
        for (Track t : tracks) {
            if (t != self && t.kind == DetectionKind.PLATE && t.plateText() != null
                    && PlateVote.withinOneEdit(text, t.plateText())) {
                return true;
            }
        }
        return false;
    }

    /** Stores the JPEG; null when there is none, and null (counted) when the store fails, so the event still goes out. */
    private String put(byte[] jpeg) {
        if (jpeg == null) {
            return null;
        }
        try {
            return store.put(jpeg);
        } catch (IOException e) {
            storeFailures++;
            log.warn("snapshot not stored camera={} bytes={}: {}", cameraId, jpeg.length, e.toString());
            return null;
        }
    }

    private static Box clip(Box box, Mat frame) {
        return Jpeg.grow(box, 0, frame.cols(), frame.rows());
    }

    /** The frame and its snapshot, encoded on first use and shared by every track that wants it. */
    private final class FrameImages {
        final Mat frame;
        private byte[] snapshot;

        FrameImages(Mat frame) {
            this.frame = frame;
        }

        byte[] snapshot() {
            if (snapshot == null) {
                snapshot = Jpeg.snapshot(frame, settings.snapshotMaxWidth(), settings.jpegQuality());
            }
            return snapshot;
        }
    }
}
