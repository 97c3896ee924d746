package org.sharpeyes.common;

/** Where the gateway hands camera health samples; storage implements it. */
public interface HealthSink {
    /**
     * Takes a sample without blocking (callers may be event loops). Health is periodic telemetry:
     * when the sink is full (the database has been away for long) it refuses rather than blocks.
     *
     * @return true when taken: it will be stored; false when refused: the caller may count or log it
     * @throws IllegalStateException when the sink is closed
     */
    boolean offer(HealthSample sample);
}
