package org.sharpeyes.analytics.tracker;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.sharpeyes.common.Box;
import org.sharpeyes.common.DetectionKind;

/**
 * One object followed across frames, and what its current pass has gathered. Only JPEG bytes
 * are kept, never the borrowed frame.
 */
final class Track {
    /** Area a sighting of the best's quality needs, in times the best's, to become the best. */
    static final double LARGER_CROP = 1.25;

    final long id;
    final DetectionKind kind;
    /** A plate track begun while another, one edit from its text, was open: maybe a misread of that car. */
    final boolean echo;
    /** Watchlist entries already alerted for this track: each alerts once per track, across passes. */
    final Set<UUID> alerted = new HashSet<>();

    private Box box;
    private Instant lastSeen;
    /** Centre velocity in pixels per second, from the last two sightings; unknown after the first. */
    private double vx;
    private double vy;
    private boolean hasVelocity;
    /** The voted text, kept across passes for association. */
    private String text;

    private Instant passStart;
    private Instant passLast;
    private int frames;
    /** Whether a sighting of the pass was in a frame with motion, not only in a full pass. */
    private boolean seenWithMotion;
    /** Passes so far, this one included. */
    private int passes;
    private PlateVote vote;
    private double bestQuality;
    private Sighting best;
    private Instant bestTime;
    private byte[] bestSnapshot;
    private byte[] bestCrop;

    Track(long id, DetectionKind kind, Sighting first, Instant time, boolean echo) {
        this.id = id;
        this.kind = kind;
        this.echo = echo;
        this.box = first.box();
        this.lastSeen = time;
        newPass();
    }

    /** Starts a new pass (a new event) for the same object; its motion, text and alerts carry over. */
    void newPass() {
        passes++;
        passStart = null;
        passLast = null;
        frames = 0;
        seenWithMotion = false;
        vote = kind == DetectionKind.PLATE ? new PlateVote() : null;
        bestQuality = -1;
        best = null;
        bestTime = null;
        bestSnapshot = null;
        bestCrop = null;
    }

    /**
     * Records a sighting; true when it is the pass's new best (higher quality, or as high and
     * {@link #LARGER_CROP} times the area) and its images should be taken.
     */
    boolean observe(Sighting s, Instant time, boolean motion) {
        double dt = seconds(lastSeen, time);
        if (dt > 0) {
            vx = (centreX(s.box()) - centreX(box)) / dt;
            vy = (centreY(s.box()) - centreY(box)) / dt;
            hasVelocity = true;
        }
        box = s.box();
        lastSeen = time;
        if (passStart == null) {
            passStart = time;
        }
        passLast = time;
        frames++;
        seenWithMotion |= motion;
        if (vote != null) {
            vote.add(s.text(), s.color(), s.quality());
            text = vote.text();
        }
        // equal qualities (faces too small for the size term, or in profile: all 0) keep a clearly
        // larger crop; not every pixel larger, which would encode a snapshot every frame
        return s.quality() > bestQuality || best != null && s.quality() == bestQuality
                && s.box().area() >= LARGER_CROP * best.box().area();
    }

    /**
     * Seen again where expected without a detection (a settled plate the pipeline did not read):
     * the box moves on by the track's motion, and the pass counts the frame.
     */
    void keep(Instant time) {
        box = predicted(time);
        lastSeen = time;
        passLast = time;
        frames++;
    }

    /** A plate track whose text reading more would not change (in this pass or, by its text, an earlier one). */
    boolean settled() {
        return vote != null && vote.settled();
    }

    void setBest(Sighting s, Instant time, byte[] snapshot, byte[] crop) {
        bestQuality = s.quality();
        best = s;
        bestTime = time;
        bestSnapshot = snapshot;
        bestCrop = crop;
    }

    /** Overlap of a box with this track's last box or the box its motion predicts at {@code time}. */
    double iou(Box other, Instant time) {
        double dt = seconds(lastSeen, time);
        return Math.max(box.iou(other), box.iou(shift(vx, dt), shift(vy, dt), other));
    }

    /** Whether the track has a velocity: it was seen twice at different times. */
    boolean hasVelocity() {
        return hasVelocity;
    }

    /**
     * How far a box's centre lies from where the track's motion puts its centre at {@code time}
     * (where it was last, before it has a velocity), in sides of the track's last box.
     */
    double sidesAway(Box other, Instant time) {
        double dt = seconds(lastSeen, time);
        return box.centreDistance(shift(vx, dt), shift(vy, dt), other) / Math.max(1, Math.max(box.width(), box.height()));
    }

    /** Whether a box is within {@code ratio} of the track's last box in width and in height. */
    boolean sizedLike(Box other, double ratio) {
        return box.sizedLike(other, ratio);
    }

    /** The last box moved on by the track's motion to {@code time}. */
    Box predicted(Instant time) {
        double dt = seconds(lastSeen, time);
        return new Box(box.x() + shift(vx, dt), box.y() + shift(vy, dt), box.width(), box.height());
    }

    /** Whole pixels moved in dt seconds at speed v. */
    private static int shift(double v, double dt) {
        return (int) Math.round(v * dt);
    }

    /** Without a Duration: this runs for every track and sighting of every frame. */
    private static double seconds(Instant from, Instant to) {
        return from.until(to, ChronoUnit.NANOS) / 1e9;
    }

    private static double centreX(Box b) {
        return b.x() + b.width() / 2.0;
    }

    private static double centreY(Box b) {
        return b.y() + b.height() / 2.0;
    }

    Instant lastSeen() {
        return lastSeen;
    }

    /** First sighting of the current pass, or null when the pass has none yet. */
    Instant passStart() {
        return passStart;
    }

    /** Last sighting of the current pass, or null when the pass has none yet. */
    Instant passLast() {
        return passLast;
    }

    int frames() {
        return frames;
    }

    /** Whether the pass was seen in a frame with motion, not only in full passes. */
    boolean seenWithMotion() {
        return seenWithMotion;
    }

    /** Whether this is the track's first pass (not one after {@code maxDuration}). */
    boolean firstPass() {
        return passes == 1;
    }

    double secondsSince(Instant time) {
        return seconds(lastSeen, time);
    }

    /** The plate text voted so far (in an earlier pass when this one has no read yet); null for faces. */
    String plateText() {
        return text;
    }

    PlateVote vote() {
        return vote;
    }

    Sighting best() {
        return best;
    }

    Instant bestTime() {
        return bestTime;
    }

    byte[] bestSnapshot() {
        return bestSnapshot;
    }

    byte[] bestCrop() {
        return bestCrop;
    }
}
