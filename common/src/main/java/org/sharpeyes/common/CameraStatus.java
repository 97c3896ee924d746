package org.sharpeyes.common;

/** A camera's health state, worst last. */
public enum CameraStatus {
    /** Streaming (or answering probes) normally with a good picture. */
    ONLINE,
    /** Video arrives but something is wrong: frame rate far below nominal, or a picture fault. */
    DEGRADED,
    /** No usable video: unreachable, refused, or silent. */
    OFFLINE
}
