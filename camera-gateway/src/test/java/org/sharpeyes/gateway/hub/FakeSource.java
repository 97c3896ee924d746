package org.sharpeyes.gateway.hub;

import java.util.ArrayList;
import java.util.List;

/** Hands the hub's sink to the test, which then plays the ingest thread with synthetic packets. */
final class FakeSource implements StreamSource {
    static final StreamInfo INFO = new StreamInfo(27, "h264", 320, 240, new byte[] {0, 0, 0, 1, 0x67}, 25);

    final List<FakeSource> opened;
    final Subscriber sink;
    volatile boolean closed;
    private long dts;

    FakeSource(List<FakeSource> opened, Subscriber sink) {
        this.opened = opened;
        this.sink = sink;
        opened.add(this);
    }

    /** A recorder of opened sources to pass as the hub's opener. */
    static List<FakeSource> registry() {
        return java.util.Collections.synchronizedList(new ArrayList<>());
    }

    void packet(boolean key) {
        dts += 3600;
        sink.onPacket(new Packet(dts, dts, key, new byte[] {(byte) dts}, System.nanoTime()));
    }

    /** {@code n} packets with a keyframe every {@code gop}. */
    void gops(int n, int gop) {
        for (int i = 0; i < n; i++) {
            packet(i % gop == 0);
        }
    }

    @Override
    public StreamStats stats() {
        return new StreamStats(!closed, "h264", 320, 240, 25, 500, null, 0, null, null);
    }

    @Override
    public void close() {
        closed = true;
    }
}
