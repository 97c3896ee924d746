package org.sharpeyes.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.sharpeyes.common.Detection;
import org.sharpeyes.console.audit.AuditLog;
import org.sharpeyes.console.cameras.CameraCache;

/**
 * The console's plate search under load: {@code GET /api/events} with a session, {@code concurrency}
 * requests in flight, on SearchBench's month of 10M events, side by side with the same searches
 * in-process (straight through {@code EventSearch}, then adding what the route adds: the audit
 * append, the camera look-ups). Phases alternate order from round to round; ratios are per round.
 *
 * <p>Usage: {@code ApiBench [requests=1200] [concurrency=32] [rounds=3] [poolSize=10] [dataDir=/tmp/sharpeyes-searchbench] [rows=10000000]}
 */
public final class ApiBench {
    static final int WARM_UP = 120;
    static final double TARGET_P95_MS = 100;

    /** A phase and the phase it is compared with (itself for the references). */
    record Measured(LoadPhase phase, String reference) {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 1200;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int poolSize = args.length > 3 ? Integer.parseInt(args[3]) : 10; // db.poolSize in defaults.yaml
        Path dataDir = Path.of(args.length > 4 ? args[4] : "/tmp/sharpeyes-searchbench");
        long rows = args.length > 5 ? Long.parseLong(args[5]) : 10_000_000L;
        Files.createDirectories(dataDir);
        Vertx clientVertx = Vertx.vertx();
        try (BenchDb db = BenchDb.start(dataDir, poolSize); BenchConsole console = new BenchConsole(db)) {
            SearchBench.prepare(db, rows, dataDir);
            List<PlateSearch> all = PlateSearch.of(SearchBench.samples(db, requests + WARM_UP));
            List<PlateSearch> warmUp = all.subList(requests, all.size());
            List<PlateSearch> searches = all.subList(0, requests);
            HttpClientAgent client = clientVertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                    new PoolOptions().setHttp1MaxSize(concurrency));
            AuditLog audit = new AuditLog(db.database.dataSource(), Clock.systemUTC());
            CameraCache labels = new CameraCache(console.registry, CameraCache.AGE); // as the route's
            String inProcess = "in-process search";
            String inProcessScoped = "in-process search, district scope";
            List<Measured> phases = List.of(
                    new Measured(LoadPhase.inProcess(inProcess, s -> console.search.search(s.query(null))), inProcess),
                    new Measured(LoadPhase.inProcess("in-process search + audit", s -> searchAndAudit(console, audit, s)), inProcess),
                    new Measured(LoadPhase.inProcess("in-process search + audit + camera look-ups", s -> {
                        for (UUID camera : cameras(searchAndAudit(console, audit, s))) {
                            labels.apply(camera); // EventRoutes.toJson: one look-up per distinct camera of the page
                        }
                    }), inProcess),
                    new Measured(LoadPhase.http("HTTP admin", client, console.server.port(), console.login(client, BenchConsole.ADMIN)),
                            inProcess),
                    new Measured(LoadPhase.inProcess(inProcessScoped, s -> console.search.search(s.query(BenchConsole.DISTRICT_SCOPE))),
                            inProcessScoped),
                    new Measured(LoadPhase.http("HTTP district investigator", client, console.server.port(),
                            console.login(client, BenchConsole.INVESTIGATOR)), inProcessScoped));
            System.out.printf("%n%,d searches per phase after %d warm-up, %d in flight, pool %d, %d rounds%n%n",
                    requests, WARM_UP, concurrency, poolSize, rounds);
            System.out.println("| round | phase | req/s | p50 ms | p95 ms | p99 ms | errors | JVM cores | postgres cores | machine busy | load avg |");
            System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            Map<String, List<PhaseStats>> byPhase = new LinkedHashMap<>();
            for (int r = 1; r <= rounds; r++) {
                List<Measured> order = new ArrayList<>(phases);
                if (r % 2 == 0) {
                    Collections.reverse(order);
                }
                for (Measured m : order) {
                    m.phase().run(warmUp, concurrency);
                    PhaseStats s = PhaseStats.measure(m.phase(), searches, concurrency, db.server.dataDir());
                    byPhase.computeIfAbsent(m.phase().name(), k -> new ArrayList<>()).add(s);
                    System.out.println(s.row(r));
                }
            }
            PhaseStats.report(byPhase, phases.stream().collect(LinkedHashMap::new,
                    (map, m) -> map.put(m.phase().name(), m.reference()), Map::putAll), searches, TARGET_P95_MS);
        } finally {
            clientVertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    /** The search and the audit entry the route appends for it (the same fields as EventFilter.toJson). */
    private static List<Detection> searchAndAudit(BenchConsole console, AuditLog audit, PlateSearch s) throws Exception {
        List<Detection> items = console.search.search(s.query(null)).items();
        audit.record(BenchConsole.ADMIN, "SEARCH", PlateSearch.CASE_REF, new JsonObject().put("from", s.from().toString())
                .put("to", s.to().toString()).putNull("kind").put("plate", s.match().text()).put("match", s.match().mode().name())
                .putNull("grid").putNull("cameraId").putNull("siteType").putNull("orgUnitId").put("results", items.size()));
        return items;
    }

    private static Set<UUID> cameras(List<Detection> items) {
        Set<UUID> out = new HashSet<>();
        items.forEach(d -> out.add(d.cameraId()));
        return out;
    }

    private ApiBench() {
    }
}
