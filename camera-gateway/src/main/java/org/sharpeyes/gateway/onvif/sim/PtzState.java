package org.sharpeyes.gateway.onvif.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sharpeyes.gateway.onvif.PtzVelocity;

/**
 * The simulated head: velocity integrates into a position (pan, tilt in [-1, 1], zoom in [0, 1];
 * full speed moves one unit a second), a move with a timeout ends by itself, presets remember positions.
 */
final class PtzState {
    private record Position(double pan, double tilt, double zoom) {
    }

    private Position position = new Position(0, 0, 0);
    private PtzVelocity velocity;
    private Instant since;
    private Instant until;
    private final Map<String, Position> presetPositions = new LinkedHashMap<>();
    private final Map<String, String> presetNames = new LinkedHashMap<>();
    private int nextPreset = 1;

    synchronized void move(PtzVelocity v, Duration timeout, Instant now) {
        settle(now);
        velocity = v;
        since = now;
        until = timeout == null ? null : now.plus(timeout);
    }

    synchronized void stop(Instant now) {
        settle(now);
        velocity = null;
    }

    synchronized String setPreset(String name, Instant now) {
        settle(now);
        String token = "preset_" + nextPreset++;
        presetPositions.put(token, position);
        presetNames.put(token, name);
        return token;
    }

    synchronized boolean gotoPreset(String token, Instant now) {
        Position p = presetPositions.get(token);
        if (p == null) {
            return false;
        }
        settle(now);
        velocity = null;
        position = p;
        return true;
    }

    synchronized boolean removePreset(String token) {
        presetPositions.remove(token);
        return presetNames.remove(token) != null;
    }

    synchronized PtzSnapshot snapshot(Instant now) {
        settle(now);
        return new PtzSnapshot(position.pan(), position.tilt(), position.zoom(), velocity, velocity != null,
                Map.copyOf(presetNames));
    }

    synchronized Map<String, String> presets() {
        return new LinkedHashMap<>(presetNames);
    }

    /** Folds the motion up to {@code now} (or the move's end) into the position. */
    private void settle(Instant now) {
        if (velocity == null) {
            return;
        }
        boolean timedOut = until != null && until.isBefore(now);
        Instant end = timedOut ? until : now;
        double seconds = Math.max(0, Duration.between(since, end).toNanos() / 1e9);
        position = new Position(clamp(position.pan() + velocity.pan() * seconds),
                clamp(position.tilt() + velocity.tilt() * seconds), Math.max(0, clamp(position.zoom() + velocity.zoom() * seconds)));
        since = end;
        if (timedOut) {
            velocity = null;
        }
    }

    private static double clamp(double v) {
        return Math.max(-1, Math.min(1, v));
    }
}
