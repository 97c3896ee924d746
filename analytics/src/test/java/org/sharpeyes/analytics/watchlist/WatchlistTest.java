package org.sharpeyes.analytics.watchlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class WatchlistTest {
    static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

    static WatchEntry entry(String pattern, Instant expires) {
        return new WatchEntry(UUID.randomUUID(), pattern, "reason", "CASE-1", expires);
    }

    @Test
    void exactAndWildcardEntriesMatchNormalisedPlates() {
        Watchlist list = new Watchlist();
        WatchEntry exact = entry("渝a·12345", null);
        WatchEntry star = entry("渝A*5", null);
        WatchEntry one = entry("川B?2345", null);
        list.replaceAll(List.of(exact, star, one));

        assertThat(exact.pattern()).isEqualTo("渝A12345");
        assertThat(list.match("渝A12345", NOW)).containsExactly(exact, star);
        assertThat(list.match("渝A-12345", NOW)).containsExactly(exact, star);
        assertThat(list.match("渝A99995", NOW)).containsExactly(star);
        assertThat(list.match("川BX2345", NOW)).containsExactly(one);
        assertThat(list.match("川BXY2345", NOW)).isEmpty();
        assertThat(list.match("渝A12346", NOW)).isEmpty();
    }

    @Test
    void entriesStopMatchingAtTheirExpiry() {
        Watchlist list = new Watchlist();
        WatchEntry exact = entry("渝A12345", NOW);
        WatchEntry wildcard = entry("渝A*", NOW.plusSeconds(60));
        list.add(exact);
        list.add(wildcard);

        assertThat(list.match("渝A12345", NOW.minusMillis(1))).containsExactly(exact, wildcard);
        assertThat(list.match("渝A12345", NOW)).containsExactly(wildcard);
        assertThat(list.match("渝A12345", NOW.plusSeconds(60))).isEmpty();
        assertThat(list.entries()).containsExactly(exact, wildcard); // expired entries stay until removed
    }

    @Test
    void addReplacesTheEntryWithTheSameIdAndRemoveTakesItOut() {
        Watchlist list = new Watchlist();
        WatchEntry first = entry("渝A12345", null);
        list.add(first);
        WatchEntry edited = new WatchEntry(first.id(), "渝A1234?", "edited", null, null);
        list.add(edited);

        assertThat(list.entries()).containsExactly(edited);
        assertThat(list.match("渝A12349", NOW)).containsExactly(edited);
        assertThat(list.remove(first.id())).isTrue();
        assertThat(list.remove(first.id())).isFalse();
        assertThat(list.match("渝A12345", NOW)).isEmpty();
    }

    @Test
    void patternsThatWouldMatchEveryPlateAreRefused() {
        assertThatThrownBy(() -> entry("*", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> entry("?*·?", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> entry("渝A" + "1".repeat(20), null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readersSeeWholeListsWhileWritersEditIt() throws Exception {
        Watchlist list = new Watchlist();
        WatchEntry always = entry("渝A*", null);
        list.add(always);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch done = new CountDownLatch(1);
        try {
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < 5_000; i++) {
                    WatchEntry e = entry("渝A" + (10_000 + i), null);
                    list.add(e);
                    list.remove(e.id());
                }
                done.countDown();
            });
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    do {
                        assertThat(list.match("渝A12345", NOW)).contains(always);
                    } while (done.getCount() > 0);
                }));
            }
            writer.get();
            for (Future<?> reader : readers) {
                reader.get(); // rethrows a reader's failed assertion
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(list.entries()).containsExactly(always);
    }
}
