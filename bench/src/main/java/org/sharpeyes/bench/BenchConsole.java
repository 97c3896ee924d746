package org.sharpeyes.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sharpeyes.analytics.watchlist.Watchlist;
import org.sharpeyes.common.Tier;
import org.sharpeyes.console.ConsoleServer;
import org.sharpeyes.console.ConsoleServices;
import org.sharpeyes.console.ConsoleSettings;
import org.sharpeyes.console.auth.FirstAdmin;
import org.sharpeyes.console.auth.PasswordHasher;
import org.sharpeyes.console.auth.Role;
import org.sharpeyes.console.auth.Users;
import org.sharpeyes.gateway.registry.CameraRegistry;
import org.sharpeyes.gateway.registry.CredentialCipher;
import org.sharpeyes.gateway.registry.CsvImport;
import org.sharpeyes.storage.EventSearch;
import org.sharpeyes.storage.HealthStats;
import org.sharpeyes.storage.JdbcCameraRepository;
import org.sharpeyes.storage.LocalSnapshotStore;
import org.sharpeyes.storage.TierCode;
import org.sharpeyes.storage.testing.TestOrgTree;

/**
 * A console on the benchmark database, wired as the node wires it (search limits of defaults.yaml),
 * with no gateway. Seeds what it needs once: the org tree of TestEvents.City's twelve districts
 * (5001NN, so a district scope matches a twelfth of the events), the first admin and an
 * investigator scoped to district {@value #DISTRICT}.
 */
final class BenchConsole implements AutoCloseable {
    static final String ADMIN = "admin";
    static final String INVESTIGATOR = "investigator-500101";
    static final String DISTRICT = "500101";
    static final TierCode DISTRICT_SCOPE = new TierCode(Tier.DISTRICT, DISTRICT);
    private static final String PASSWORD = "bench-password-1";

    final Vertx vertx = Vertx.vertx();
    final EventSearch search;
    final CameraRegistry registry;
    final ConsoleServer server;

    BenchConsole(BenchDb db) throws Exception {
        var ds = db.database.dataSource();
        if (db.queryLong("SELECT count(*) FROM org_unit") == 0) {
            TestOrgTree.seed(ds, 12, 1);
        }
        PasswordHasher hasher = new PasswordHasher();
        FirstAdmin.ensure(ds, hasher, ADMIN, PASSWORD);
        long district = db.queryLong("SELECT id FROM org_unit WHERE tier = 'DISTRICT' AND code = '" + DISTRICT + "'");
        new Users(ds).create(INVESTIGATOR, hasher.hash(PASSWORD.toCharArray()), Role.INVESTIGATOR, district); // no-op on a rerun
        CredentialCipher cipher = CredentialCipher.of(List.of(CredentialCipher.newKeySpec("bench")), "bench");
        registry = new CameraRegistry(new JdbcCameraRepository(ds), cipher);
        search = new EventSearch(db.database, Duration.ofDays(190), 1000);
        ConsoleServices services = new ConsoleServices(db.database, registry, new CsvImport(new JdbcCameraRepository(ds), cipher),
                id -> Optional.empty(), () -> { }, null, search, new HealthStats(ds),
                new LocalSnapshotStore(Files.createTempDirectory("sharpeyes-apibench")), new Watchlist(),
                ConsoleSettings.DEFAULTS, Clock.systemUTC());
        server = ConsoleServer.start(vertx, "127.0.0.1", 0, List.of("console"), Map.of(), services);
    }

    /** Logs in over HTTP; returns the {@code Cookie} header value that carries the session. */
    String login(HttpClientAgent client, String username) throws Exception {
        String body = new JsonObject().put("username", username).put("password", PASSWORD).encode();
        return client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(server.port())
                        .setURI("/api/auth/login").putHeader("Content-Type", "application/json"))
                .compose(req -> req.send(body))
                .map(resp -> {
                    if (resp.statusCode() != 200) {
                        throw new IllegalStateException("login " + username + ": HTTP " + resp.statusCode());
                    }
                    return resp.cookies().stream().filter(c -> c.startsWith("SE_SESSION=")).findFirst()
                            .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                            .orElseThrow(() -> new IllegalStateException("no session cookie"));
                })
                .toCompletionStage().toCompletableFuture().get();
    }

    @Override
    public void close() throws Exception {
        server.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }
}
