package org.sharpeyes.gateway.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.sharpeyes.gateway.hub.Packet;
import org.sharpeyes.gateway.hub.StreamInfo;
import org.sharpeyes.gateway.hub.Subscriber;

/** A subscriber that keeps what it receives, optionally pausing on each packet to play a slow client. */
public class Recorder implements Subscriber {
    public final List<StreamInfo> streams = new CopyOnWriteArrayList<>();
    public final List<Packet> packets = new CopyOnWriteArrayList<>();
    public final AtomicLong droppedTold = new AtomicLong();
    /** Everything in arrival order: StreamInfo, Packet, or Long (a drop notice). */
    public final List<Object> events = new CopyOnWriteArrayList<>();
    private final long delayMillis;

    public Recorder() {
        this(0);
    }

    public Recorder(long delayMillis) {
        this.delayMillis = delayMillis;
    }

    @Override
    public void onStream(StreamInfo info) {
        streams.add(info);
        events.add(info);
    }

    @Override
    public void onPacket(Packet packet) {
        packets.add(packet);
        events.add(packet);
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void onDropped(long count) {
        droppedTold.addAndGet(count);
        events.add(count);
    }
}
