package org.sharpeyes.common;

/** Where analytics hands finished events. Implementations accept from any thread. */
public interface EventSink {
    /**
     * Takes ownership of the event. Blocks while the sink is full (back-pressure); once this
     * returns the event is accepted and will be stored exactly once.
     *
     * @throws IllegalStateException when the sink is closed
     */
    void accept(Detection detection) throws InterruptedException;
}
