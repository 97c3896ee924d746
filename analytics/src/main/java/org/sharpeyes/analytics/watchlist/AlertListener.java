package org.sharpeyes.analytics.watchlist;

/**
 * Receives watchlist alerts. Called on the camera's analysis thread: hand the alert on (a
 * queue, an event bus) and return; an exception is logged and does not stop analysis.
 */
@FunctionalInterface
public interface AlertListener {
    void onAlert(Alert alert);
}
