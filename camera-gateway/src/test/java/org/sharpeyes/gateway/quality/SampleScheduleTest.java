package org.sharpeyes.gateway.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The schedule is driven tick by tick here: the tick count is the clock. */
class SampleScheduleTest {
    private static List<UUID> cameras(int n) {
        return IntStream.range(0, n).mapToObj(i -> new UUID(0, i)).toList();
    }

    @Test
    void visitsAreSpreadEvenlyOverTheInterval() {
        List<UUID> cams = cameras(10);
        SampleSchedule s = new SampleSchedule(100, 100);
        s.setTargets(cams);
        Map<UUID, Integer> startTick = new HashMap<>();
        for (int t = 0; t < 100; t++) {
            for (UUID id : s.tick()) {
                startTick.put(id, t);
                s.done(id);
            }
        }
        for (int i = 0; i < 10; i++) {
            assertThat(startTick.get(cams.get(i))).as("camera %d", i).isEqualTo(10 * i);
        }
        // The next interval repeats the same slots.
        List<Integer> second = new ArrayList<>();
        for (int t = 100; t < 200; t++) {
            if (!s.tick().isEmpty()) {
                second.add(t);
            }
            cams.forEach(s::done);
        }
        assertThat(second).containsExactly(100, 110, 120, 130, 140, 150, 160, 170, 180, 190);
    }

    @Test
    void tenThousandCamerasOverFiveMinutesNeverBurst() {
        long ticks = 5 * 60 * 1000 / QualitySampler.TICK_MS;
        SampleSchedule s = new SampleSchedule(ticks, 10_000);
        s.setTargets(cameras(10_000));
        int most = 0;
        int total = 0;
        for (long t = 0; t < ticks; t++) {
            List<UUID> started = s.tick();
            most = Math.max(most, started.size());
            total += started.size();
            started.forEach(s::done);
        }
        assertThat(total).isEqualTo(10_000);
        assertThat(most).isEqualTo((int) Math.ceil(10_000.0 / ticks));
    }

    @Test
    void dueVisitsBeyondTheCapWaitForARunningOneToEnd() {
        List<UUID> cams = cameras(5);
        SampleSchedule s = new SampleSchedule(5, 2);
        s.setTargets(cams);
        List<UUID> started = new ArrayList<>();
        for (int t = 0; t < 5; t++) {
            started.addAll(s.tick());
        }
        assertThat(started).containsExactly(cams.get(0), cams.get(1));
        assertThat(s.counts().queued()).isEqualTo(3);
        assertThat(s.done(cams.get(0))).containsExactly(cams.get(2));
        assertThat(s.done(cams.get(2))).containsExactly(cams.get(3));
        assertThat(s.counts().inFlight()).isEqualTo(2);
        assertThat(s.counts().peakInFlight()).isEqualTo(2);
    }

    @Test
    void aCameraStillBeingVisitedSkipsItsNextTurn() {
        UUID cam = new UUID(0, 1);
        SampleSchedule s = new SampleSchedule(2, 4);
        s.setTargets(List.of(cam));
        assertThat(s.tick()).containsExactly(cam);
        s.tick();
        assertThat(s.tick()).as("previous visit not done").isEmpty();
        assertThat(s.counts().skipped()).isEqualTo(1);
        s.done(cam);
        s.tick();
        assertThat(s.tick()).containsExactly(cam);
        assertThat(s.counts().started()).isEqualTo(2);
    }

    @Test
    void queuedVisitsOfCamerasNoLongerTargetedAreDropped() {
        List<UUID> cams = cameras(3);
        SampleSchedule s = new SampleSchedule(1, 1);
        s.setTargets(cams);
        assertThat(s.tick()).containsExactly(cams.get(0));
        s.setTargets(List.of(cams.get(0), cams.get(2)));
        assertThat(s.done(cams.get(0))).containsExactly(cams.get(2));
        assertThat(s.counts().targets()).isEqualTo(2);
    }
}
