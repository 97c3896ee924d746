package org.sharpeyes.gateway.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.gateway.testing.Recorder;

/** Hub logic with synthetic packets: the test thread plays the ingest thread. */
class StreamHubTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final List<FakeSource> opened = FakeSource.registry();

    private StreamHub hub(int queue, Duration idle) {
        return new StreamHub("cam/main", sink -> new FakeSource(opened, sink), new HubSettings(queue, idle, 1 << 20), timer);
    }

    @AfterEach
    void stop() {
        timer.shutdownNow();
        pool.shutdownNow();
    }

    @Test
    void slowSubscriberLosesOnlyItsOwnPacketsAndIsToldWhileAFastOneGetsAll() throws Exception {
        StreamHub hub = hub(16, Duration.ofSeconds(30));
        Recorder fast = new Recorder();
        CountDownLatch release = new CountDownLatch(1);
        Recorder slow = new Recorder() {
            @Override
            public void onPacket(Packet packet) {
                super.onPacket(packet);
                try {
                    release.await(); // stuck until the producer is done
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        Subscription fastSub = hub.subscribe(fast, pool);
        Subscription slowSub = hub.subscribe(slow, pool);
        FakeSource src = opened.get(0);
        src.sink.onStream(FakeSource.INFO);
        src.packet(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> slow.packets.size() == 1); // now stuck in onPacket
        publishKeepingUpWith(fast, src, 1, 500); // returns although the slow one is stuck: the producer never waits
        release.countDown();
        // the one it was stuck on plus a full queue; then it has caught up and gets the next GOPs
        await().atMost(Duration.ofSeconds(5)).until(() -> slow.packets.size() == 17);
        publishKeepingUpWith(fast, src, 500, 520);
        await().atMost(Duration.ofSeconds(5)).until(() -> slow.droppedTold.get() == slowSub.dropped() && slowSub.dropped() > 0);
        assertThat(fastSub.dropped()).isZero();
        assertThat(fast.droppedTold.get()).isZero();
        assertThat(slow.packets.size() + slowSub.dropped()).isEqualTo(520);
        // after every drop notice the slow one resumes on a keyframe
        for (int i = 0; i < slow.events.size() - 1; i++) {
            if (slow.events.get(i) instanceof Long) {
                assertThat(((Packet) slow.events.get(i + 1)).keyframe()).isTrue();
            }
        }
    }

    /** Packets {@code from..to-1} (a keyframe every 10), at the pace of {@code fast}, whose queue holds 16. */
    private static void publishKeepingUpWith(Recorder fast, FakeSource src, int from, int to) {
        for (int i = from; i < to; i++) {
            src.packet(i % 10 == 0);
            if (i % 8 == 0 || i == to - 1) {
                int sent = i + 1;
                await().pollInterval(Duration.ofMillis(2)).atMost(Duration.ofSeconds(5)).until(() -> fast.packets.size() == sent);
            }
        }
    }

    @Test
    void lateSubscriberStartsOnAKeyframeFromTheGopCache() {
        StreamHub hub = hub(64, Duration.ofSeconds(30));
        Recorder first = new Recorder();
        hub.subscribe(first, pool);
        FakeSource src = opened.get(0);
        src.sink.onStream(FakeSource.INFO);
        src.gops(23, 10); // keyframes at 0, 10, 20: the cache holds 20, 21, 22

        Recorder late = new Recorder();
        hub.subscribe(late, pool);
        await().atMost(Duration.ofSeconds(5)).until(() -> late.packets.size() == 3);
        assertThat(late.events.get(0)).isEqualTo(FakeSource.INFO);
        assertThat(late.packets.get(0).keyframe()).isTrue();
        assertThat(late.packets).containsExactlyElementsOf(first.packets.subList(20, 23));
        src.packet(false);
        await().atMost(Duration.ofSeconds(5)).until(() -> late.packets.size() == 4);
    }

    @Test
    void aReconnectTellsSubscribersAndResumesOnTheNewConnectionsFirstKeyframe() {
        StreamHub hub = hub(64, Duration.ofSeconds(30));
        Recorder r = new Recorder();
        hub.subscribe(r, pool);
        FakeSource src = opened.get(0);
        src.sink.onStream(FakeSource.INFO);
        src.gops(5, 10);
        src.sink.onStream(FakeSource.INFO);
        src.packet(false); // undecodable without the new connection's keyframe
        src.packet(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> r.packets.size() == 6);
        assertThat(r.events.get(6)).isEqualTo(FakeSource.INFO);
        assertThat(((Packet) r.events.get(7)).keyframe()).isTrue();
        assertThat(r.droppedTold.get()).isZero();
    }

    @Test
    void startsOnFirstSubscriberAndStopsAfterTheIdleTimeoutWithoutSubscribers() throws Exception {
        StreamHub hub = hub(16, Duration.ofMillis(300));
        assertThat(hub.running()).isFalse();
        assertThat(hub.stats()).isEmpty();
        Subscription a = hub.subscribe(new Recorder(), pool);
        Subscription b = hub.subscribe(new Recorder(), pool);
        assertThat(opened).hasSize(1);
        assertThat(hub.stats()).isPresent();
        a.close();
        b.close();
        assertThat(hub.running()).as("still within the idle timeout").isTrue();
        // a subscriber coming back within the timeout keeps the same pull
        Thread.sleep(100);
        Subscription c = hub.subscribe(new Recorder(), pool);
        Thread.sleep(400);
        assertThat(opened).hasSize(1);
        assertThat(opened.get(0).closed).isFalse();
        c.close();
        await().atMost(Duration.ofSeconds(3)).until(() -> opened.get(0).closed);
        assertThat(hub.running()).isFalse();
        assertThat(hub.stats()).isEmpty();
        // packets of the stopped pull go nowhere; a new subscriber opens a new pull
        Recorder d = new Recorder();
        hub.subscribe(d, pool);
        assertThat(opened).hasSize(2);
        opened.get(0).sink.onStream(FakeSource.INFO);
        opened.get(0).packet(true);
        Thread.sleep(100);
        assertThat(d.events).isEmpty();
    }

    @Test
    void aClosedHubRefusesSubscribersAndStopsItsPull() {
        StreamHub hub = hub(16, Duration.ofSeconds(30));
        hub.subscribe(new Recorder(), pool);
        hub.close();
        assertThat(opened.get(0).closed).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> hub.subscribe(new Recorder(), pool))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cam/main");
    }
}
