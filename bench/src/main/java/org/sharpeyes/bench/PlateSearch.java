package org.sharpeyes.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.sharpeyes.storage.EventQuery;
import org.sharpeyes.storage.PlateMatch;
import org.sharpeyes.storage.TierCode;

/**
 * One plate search of ApiBench, asked the same way over HTTP and in-process.
 *
 * @param kind index into {@link #KINDS}
 */
record PlateSearch(int kind, PlateMatch match, Instant from, Instant to) {
    static final String CASE_REF = "BENCH-API-1";

    /** Match mode by window length: exact, wildcard, fuzzy over 1 and over 7 days. */
    static final List<String> KINDS = List.of("exact 1 d", "wildcard 1 d", "fuzzy 1 d", "exact 7 d", "wildcard 7 d", "fuzzy 7 d");

    /** Searches for SearchBench's sampled (time, plate) pairs, the kinds taken in turn; seeded. */
    static List<PlateSearch> of(List<SearchBench.Sample> samples) {
        SplittableRandom random = new SplittableRandom(11);
        List<PlateSearch> out = new ArrayList<>(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            SearchBench.Sample s = samples.get(i);
            int kind = i % KINDS.size();
            PlateMatch match = switch (kind % 3) {
                case 0 -> PlateMatch.exact(s.plate());
                case 1 -> PlateMatch.wildcard(SearchBench.wildcard(s.plate()));
                default -> PlateMatch.fuzzy(SearchBench.confuse(s.plate()));
            };
            Duration length = Duration.ofDays(kind < 3 ? 1 : 7);
            Instant from = SearchBench.windowStart(s.ts(), length, random);
            out.add(new PlateSearch(kind, match, from, from.plus(length)));
        }
        return out;
    }

    /** The storage query the console builds for this search; {@code scope} null for the whole tree. */
    EventQuery query(TierCode scope) {
        EventQuery.Builder q = EventQuery.between(from, to).plate(match).limit(SearchBench.PAGE);
        if (scope != null) {
            q.tier(scope);
        }
        return q.build();
    }

    String uri() {
        return "/api/events?from=" + from + "&to=" + to + "&plate=" + URLEncoder.encode(match.text(), StandardCharsets.UTF_8)
                + "&match=" + match.mode().name().toLowerCase() + "&limit=" + SearchBench.PAGE + "&caseRef=" + CASE_REF;
    }
}
