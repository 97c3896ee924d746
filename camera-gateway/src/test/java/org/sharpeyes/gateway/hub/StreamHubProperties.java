package org.sharpeyes.gateway.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import org.sharpeyes.gateway.testing.Recorder;

/** Hub invariants under any interleaving of publishing, reconnects, and subscribers consuming at their own pace. */
class StreamHubProperties {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterProperty
    void stop() {
        timer.shutdownNow();
    }

    /** Ops: 0..9 publish (0 and 1 are keyframes), 10 reconnect, 11..13 let subscriber (op-11) run 3 deliveries. */
    @Provide
    Arbitrary<List<Integer>> ops() {
        return Arbitraries.integers().between(0, 13).list().ofMinSize(1).ofMaxSize(300);
    }

    @Property(tries = 300)
    void everySubscriberGetsAnInOrderSubsequenceStartingOnKeyframesAndNeverBlocksTheProducer(@ForAll("ops") List<Integer> ops) {
        List<FakeSource> opened = FakeSource.registry();
        StreamHub hub = new StreamHub("p", sink -> new FakeSource(opened, sink), new HubSettings(4, Duration.ofHours(1), 1 << 20), timer);
        boolean[] publishing = {false};
        List<ArrayDeque<Runnable>> tasks = new ArrayList<>();
        List<Recorder> recorders = new ArrayList<>();
        List<Subscription> subs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ArrayDeque<Runnable> q = new ArrayDeque<>();
            tasks.add(q);
            Recorder r = new Recorder() {
                @Override
                public void onPacket(Packet packet) {
                    assertThat(publishing[0]).as("subscriber code on the producer's thread").isFalse();
                    super.onPacket(packet);
                }
            };
            recorders.add(r);
            Executor manual = q::add; // runs only when the property says so: any subscriber may be arbitrarily slow
            subs.add(hub.subscribe(r, manual));
        }
        FakeSource src = opened.get(0);
        src.sink.onStream(FakeSource.INFO);
        int published = 0;
        for (int op : ops) {
            publishing[0] = true;
            if (op < 10) {
                src.packet(op < 2);
                published++;
            } else if (op == 10) {
                src.sink.onStream(FakeSource.INFO);
            }
            publishing[0] = false;
            if (op > 10) {
                for (int k = 0; k < 3 && !tasks.get(op - 11).isEmpty(); k++) {
                    tasks.get(op - 11).poll().run();
                }
            }
        }
        for (ArrayDeque<Runnable> q : tasks) {
            while (!q.isEmpty()) {
                q.poll().run();
            }
        }
        for (int i = 0; i < 3; i++) {
            Recorder r = recorders.get(i);
            long lastDts = Long.MIN_VALUE;
            boolean needKey = true;
            for (Object e : r.events) {
                if (e instanceof Packet p) {
                    assertThat(p.dts()).as("in order, no duplicates").isGreaterThan(lastDts);
                    assertThat(!needKey || p.keyframe()).as("starts on a keyframe after a (re)start or a drop").isTrue();
                    lastDts = p.dts();
                    needKey = false;
                } else {
                    needKey = true;
                }
            }
            assertThat(r.packets.size()).isLessThanOrEqualTo(published);
            assertThat(r.droppedTold.get()).isLessThanOrEqualTo(subs.get(i).dropped());
        }
    }
}
