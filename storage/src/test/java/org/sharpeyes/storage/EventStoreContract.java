package org.sharpeyes.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sharpeyes.storage.testing.TestEvents.CENTRE;
import static org.sharpeyes.storage.testing.TestEvents.NORTH;
import static org.sharpeyes.storage.testing.TestEvents.face;
import static org.sharpeyes.storage.testing.TestEvents.plate;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sharpeyes.common.Detection;
import org.sharpeyes.common.DetectionKind;
import org.sharpeyes.common.Tier;

/**
 * Writes one small, hand-placed data set and pins every kind of search on it. Run against both
 * flavours (plain PostgreSQL and TimescaleDB), which must give the same answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EventStoreContract {
    static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(2)).plus(Duration.ofHours(8));
    static final UUID CAM_A = new UUID(1, 1);
    static final UUID CAM_B = new UUID(1, 2);

    Database database;
    EventSearch search;
    final List<Detection> all = new ArrayList<>();

    abstract DbSettings settings();

    abstract Flavor expectedFlavor();

    @BeforeAll
    void writeDataSet() throws Exception {
        database = Database.open(settings(), Retention.DEFAULTS, Duration.ofDays(3));
        search = new EventSearch(database, Duration.ofDays(31), 1000);
        all.addAll(List.of(
                plate(T0, "渝A12345", CENTRE, CAM_A),
                plate(T0.plus(Duration.ofMinutes(60)), "渝A·12345", NORTH, CAM_B),
                plate(T0.plus(Duration.ofDays(1)), "渝a12345", CENTRE, CAM_A),
                plate(T0.plus(Duration.ofMinutes(10)), "渝AD8Z51", CENTRE, CAM_A),
                plate(T0.plus(Duration.ofMinutes(20)), "渝B77789", NORTH, CAM_B),
                plate(T0.plus(Duration.ofMinutes(30)), "川A12385", CENTRE, CAM_A),
                plate(T0.plus(Duration.ofMinutes(40)), "渝A5K88X", NORTH, CAM_B),
                plate(T0.plus(Duration.ofMinutes(50)), "渝A00081", CENTRE, CAM_A),
                face(T0.plus(Duration.ofMinutes(5)), CENTRE, CAM_A),
                face(T0.plus(Duration.ofMinutes(15)), NORTH, CAM_B),
                face(T0.plus(Duration.ofMinutes(25)), CENTRE, CAM_A)));
        try (EventWriter writer = new EventWriter(database, WriterSettings.defaults(Files.createTempDirectory("journal")))) {
            for (Detection d : all) {
                writer.accept(d);
            }
        }
    }

    @AfterAll
    void closeDatabase() {
        database.close();
    }

    @Test
    void picksTheExpectedFlavour() {
        assertThat(database.flavor()).isEqualTo(expectedFlavor());
    }

    @Test
    void exactPlateMatchesNormalisedTextNewestFirst() throws Exception {
        var page = search.search(EventQuery.between(T0, T0.plus(Duration.ofDays(2))).plate(PlateMatch.exact("渝a 12345")).build());
        assertThat(page.items()).extracting(Detection::time)
                .containsExactly(T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofMinutes(60)), T0);
        assertThat(page.items().get(0)).usingRecursiveComparison().isEqualTo(find(T0.plus(Duration.ofDays(1))));
    }

    @Test
    void timeRangeBoundsTheSearch() throws Exception {
        var page = search.search(EventQuery.between(T0, T0.plus(Duration.ofHours(1))).plate(PlateMatch.exact("渝A12345")).build());
        assertThat(page.items()).extracting(Detection::time).containsExactly(T0);
    }

    @Test
    void prefixWildcardAndFuzzyMatchTheirPlatesWhetherByPrefixRangeOrPlateTable() throws Exception {
        assertThat(plates(PlateMatch.prefix("渝A"))).containsExactlyInAnyOrder(
                "渝A12345", "渝A·12345", "渝AD8Z51", "渝A5K88X", "渝A00081");
        assertThat(plates(PlateMatch.wildcard("渝A*8?"))).containsExactlyInAnyOrder("渝A5K88X", "渝A00081");
        assertThat(plates(PlateMatch.wildcard("*123?5"))).containsExactlyInAnyOrder("渝A12345", "渝A·12345", "川A12385");
        assertThat(plates(PlateMatch.fuzzy("渝A0B2S1"))).containsExactly("渝AD8Z51");
        assertThat(plates(PlateMatch.fuzzy("渝AQ8?51"))).containsExactly("渝AD8Z51");
        assertThat(plates(PlateMatch.exact("渝A0B2S1"))).isEmpty();
        assertThat(plates(PlateMatch.wildcard("贵*"))).isEmpty();
        assertThat(plates(PlateMatch.wildcard("渝A12345"))).isNotEmpty().isEqualTo(plates(PlateMatch.exact("渝A12345")));
    }

    @Test
    void scopedPatternSearchKeepsOnlyInScopePlates() throws Exception {
        for (PlateMatch m : List.of(PlateMatch.prefix("渝"), PlateMatch.wildcard("渝A*8?"), PlateMatch.wildcard("*123?5"))) {
            TierCode north = new TierCode(Tier.DISTRICT, NORTH.districtCode());
            List<Detection> all = search.search(day().plate(m).build()).items();
            List<Detection> inScope = all.stream().filter(d -> d.placement().districtCode().equals(north.code())).toList();
            assertThat(search.search(day().plate(m).tier(north).build()).items()).containsExactlyElementsOf(inScope).isNotEmpty();
            assertThat(allPages(day().plate(m).tier(north).limit(1).build())).containsExactlyElementsOf(inScope);
            // a scope and a place filter on the same tier
            assertThat(search.search(day().plate(m).tier(north).tier(north).build()).items()).containsExactlyElementsOf(inScope);
            // with a camera filter too: planned with its values
            UUID camera = inScope.get(0).cameraId();
            assertThat(search.search(day().plate(m).tier(north).camera(camera).build()).items())
                    .containsExactlyElementsOf(inScope.stream().filter(d -> d.cameraId().equals(camera)).toList());
        }
    }

    @Test
    void prefixPatternPagesReadBackNewestFirstWithoutGapsOrRepeats() throws Exception {
        // '渝*' walks day slices of the prefix range, '渝A*' and a region prefix read the region index
        for (PlateMatch m : List.of(PlateMatch.wildcard("渝*"), PlateMatch.wildcard("渝A*"), PlateMatch.prefix("渝A"))) {
            EventQuery.Builder week = EventQuery.between(T0.minus(Duration.ofDays(3)), T0.plus(Duration.ofDays(4))).plate(m);
            List<Detection> whole = search.search(week.limit(EventQuery.MAX_LIMIT).build()).items();
            assertThat(whole).extracting(Detection::time).isSortedAccordingTo(Comparator.reverseOrder())
                    .contains(T0, T0.plus(Duration.ofDays(1))); // sightings in different days
            assertThat(whole).extracting(Detection::plateText).allMatch(t -> t.startsWith("渝"));
            assertThat(allPages(week.limit(2).build())).containsExactlyElementsOf(whole);
        }
    }

    @Test
    void tooManyCandidatesFallsBackToTheSamePredicateOnEvents() throws Exception {
        EventSearch narrow = new EventSearch(database, Duration.ofDays(31), 1);
        for (PlateMatch m : List.of(PlateMatch.wildcard("*123?5"), PlateMatch.wildcard("*8?"), PlateMatch.fuzzy("渝A0B2S1"))) {
            assertThat(narrow.search(day().plate(m).build()).items())
                    .containsExactlyElementsOf(search.search(day().plate(m).build()).items());
        }
    }

    @Test
    void tierGridCameraAndKindFiltersAreEqualityTests() throws Exception {
        assertThat(search.search(day().tier(new TierCode(Tier.DISTRICT, "500104")).build()).items())
                .allMatch(d -> d.cameraId().equals(CAM_B)).hasSize(4);
        assertThat(search.search(day().kind(DetectionKind.FACE).grid(CENTRE.gridCode()).build()).items()).hasSize(2);
        assertThat(search.search(day().camera(CAM_A).kind(DetectionKind.PLATE).build()).items()).hasSize(4);
        assertThat(search.search(day().tier(new TierCode(Tier.COMMUNITY, CENTRE.communityCode()))
                .tier(new TierCode(Tier.DISTRICT, NORTH.districtCode())).build()).items()).isEmpty();
    }

    @Test
    void keysetPagesCoverEveryEventOnceInOrder() throws Exception {
        List<Detection> seen = allPages(EventQuery.between(T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(3))).limit(3).build());
        assertThat(seen).extracting(Detection::id).doesNotHaveDuplicates()
                .containsExactlyElementsOf(all.stream()
                        .sorted(Comparator.comparing(Detection::time).thenComparing(Detection::id).reversed())
                        .map(Detection::id).toList());
    }

    @Test
    void heatMapCountsPerGridAndKind() throws Exception {
        var counts = search.gridCounts(new CountQuery(T0, T0.plus(Duration.ofHours(2)), null, null));
        assertThat(counts).containsExactlyInAnyOrder(
                new GridCount(null, CENTRE.gridCode(), DetectionKind.FACE, 2),
                new GridCount(null, CENTRE.gridCode(), DetectionKind.PLATE, 4),
                new GridCount(null, NORTH.gridCode(), DetectionKind.FACE, 1),
                new GridCount(null, NORTH.gridCode(), DetectionKind.PLATE, 3));
        var hourly = search.hourlyCounts(new CountQuery(T0, T0.plus(Duration.ofHours(2)), DetectionKind.PLATE,
                List.of(new TierCode(Tier.DISTRICT, NORTH.districtCode()))));
        assertThat(hourly).containsExactly(
                new GridCount(T0, NORTH.gridCode(), DetectionKind.PLATE, 2),
                new GridCount(T0.plus(Duration.ofHours(1)), NORTH.gridCode(), DetectionKind.PLATE, 1));
    }

    @Test
    void badQueriesNameTheField() {
        assertThatThrownBy(() -> search.search(EventQuery.between(T0, T0.plus(Duration.ofDays(40))).build()))
                .isInstanceOf(QueryException.class).extracting("field").isEqualTo("to");
        assertThatThrownBy(() -> search.search(day().cursor("not-a-cursor").build()))
                .isInstanceOf(QueryException.class).extracting("field").isEqualTo("cursor");
        assertThatThrownBy(() -> PlateMatch.exact("渝A*1")).isInstanceOf(QueryException.class).extracting("field").isEqualTo("plate");
        assertThatThrownBy(() -> PlateMatch.wildcard("*?*")).isInstanceOf(QueryException.class);
        assertThatThrownBy(() -> day().limit(0).build()).isInstanceOf(QueryException.class).extracting("field").isEqualTo("limit");
    }

    private List<Detection> allPages(EventQuery first) throws Exception {
        List<Detection> seen = new ArrayList<>();
        EventQuery q = first;
        String next;
        do {
            Page<Detection> page = search.search(q);
            seen.addAll(page.items());
            next = page.next();
            q = q.after(next);
        } while (next != null);
        return seen;
    }

    private EventQuery.Builder day() {
        return EventQuery.between(T0.minus(Duration.ofHours(1)), T0.plus(Duration.ofHours(23)));
    }

    private List<String> plates(PlateMatch match) throws Exception {
        return search.search(day().plate(match).build()).items().stream().map(Detection::plateText).toList();
    }

    private Detection find(Instant time) {
        return all.stream().filter(d -> d.time().equals(time)).findFirst().orElseThrow();
    }
}
