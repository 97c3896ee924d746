package org.sharpeyes.server;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.sharpeyes.analytics.AnalyzeImageCommand;
import org.sharpeyes.analytics.AnalyzeVideoCommand;
import org.sharpeyes.analytics.synth.GenerateScenesCommand;
import org.sharpeyes.gateway.onvif.OnvifDiscoverCommand;
import org.sharpeyes.gateway.registry.CredentialCipher;
import org.sharpeyes.gateway.rtsp.ProbeCommand;
import org.sharpeyes.gateway.onvif.OnvifInfoCommand;
import org.sharpeyes.console.audit.AuditLog;
import org.sharpeyes.storage.Database;
import org.sharpeyes.storage.DbSettings;
import org.sharpeyes.storage.LocalSnapshotStore;
import org.sharpeyes.storage.Retention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Command line: {@code demo} and {@code server}; see {@link #USAGE}. */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);
    private static final String USAGE = """
            usage: sharpeyes <command> [options]
              demo   [--set key=value ...]                  one node, all roles, embedded database, http://localhost:8080
              server [--config FILE] [--set key=value ...]  a production node
              probe RTSP_URL [--seconds N]                  pull a stream N s (default 5): codec, size, fps, bitrate,
                                                            keyframe interval, first packet, picture diagnosis (JSON)
              onvif-info DEVICE_SERVICE_URL [--user U --password P] [--timeout S]
                                                            device, clock skew, profiles, stream URIs, PTZ (JSON)
              onvif-discover [--host H | --interface IF] [--seconds N]
                                                            one JSON line per ONVIF device that answered
              analyze-image FILE|DIR [--device cpu|cuda]    plates and faces of each image, one JSON line per image
              generate-scenes OUT_DIR [--seconds N] [--width W --height H] [--fps F] [--seed S] [--stills N]
                                                            synthetic street video (H.264) and stills with ground truth
              analyze-video FILE|RTSP_URL [--fps F] [--seconds N] [--snapshots DIR] [--device cpu|cuda]
                                                            motion-gated analysis and tracking, one JSON line per event
              audit-verify [--config FILE] [--set key=value ...]
                                                            recompute the audit log's hash chain; exit 1 when broken
                                                            (embedded database: stop the node first)
              help                                          this text
            Configuration keys, defaults and the environment variables that override them:
            server/src/main/resources/org/sharpeyes/server/defaults.yaml""";

    private Main() {
    }

    public static void main(String[] args) {
        // JSON output is UTF-8 whatever the locale (a C locale would print Chinese plates as '?')
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        try {
            return switch (args[0]) {
                case "demo" -> serve(demoConfig(args), true, out);
                case "server" -> serve(serverConfig(args), false, out);
                case "probe" -> ProbeCommand.run(rest(args), out, err);
                case "onvif-info" -> OnvifInfoCommand.run(rest(args), out, err);
                case "onvif-discover" -> OnvifDiscoverCommand.run(rest(args), out, err);
                case "analyze-image" -> AnalyzeImageCommand.run(rest(args), out, err);
                case "generate-scenes" -> GenerateScenesCommand.run(rest(args), out, err);
                case "analyze-video" -> AnalyzeVideoCommand.run(rest(args), out, err, LocalSnapshotStore::new);
                case "audit-verify" -> auditVerify(serverConfig(args), out);
                default -> {
                    err.println("unknown command '" + args[0] + "'\n" + USAGE);
                    yield 2;
                }
            };
        } catch (ConfigException | UsageException e) {
            err.println(e.getMessage());
            return 2;
        } catch (Exception e) {
            log.error("start failed", e);
            err.println("start failed: " + e.getMessage());
            return 1;
        }
    }

    private static Config serverConfig(String[] args) {
        Path file = null;
        List<String> sets = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> file = Path.of(value(args, ++i, "--config"));
                case "--set" -> sets.add(value(args, ++i, "--set"));
                default -> throw new UsageException("unknown option '" + args[i] + "'\n" + USAGE);
            }
        }
        return Config.load(file, System.getenv(), sets);
    }

    /** Prints {"ok":…,"entries":…[,"brokenAt":seq]}; the database is the node's (its embedded one when no URL is set). */
    private static int auditVerify(Config config, PrintStream out) throws Exception {
        String url = config.text("db.url");
        String user = config.text("db.user");
        EmbeddedDatabase embedded = null;
        if (url == null) {
            embedded = EmbeddedDatabase.start(Path.of(config.text("node.dataDir")).toAbsolutePath().resolve("postgres"));
            url = embedded.url();
            user = "postgres";
        }
        try (EmbeddedDatabase pg = embedded; Database db = Database.open(new DbSettings(url, user, config.text("db.password"), 2,
                config.duration("db.connectTimeout"), DbSettings.Timescale.valueOf(config.text("db.timescale").toUpperCase(java.util.Locale.ROOT))),
                Retention.DEFAULTS, config.duration("storage.columnstoreAfter"))) {
            AuditLog.Verification v = new AuditLog(db.dataSource(), java.time.Clock.systemUTC()).verify();
            out.println(v.toJson().encode());
            return v.ok() ? 0 : 1;
        }
    }

    /** The demo keeps its data in the checkout (.demo/), so it survives restarts and is easy to wipe. */
    private static Config demoConfig(String[] args) throws IOException {
        List<String> sets = new ArrayList<>(List.of("node.dataDir=" + demoHome().resolve("data"),
                "gateway.credentialKeys=" + demoSecret("credential-key", () -> CredentialCipher.newKeySpec("demo"))));
        for (int i = 1; i < args.length; i++) {
            if (!args[i].equals("--set")) {
                throw new UsageException("unknown option '" + args[i] + "'\n" + USAGE);
            }
            sets.add(value(args, ++i, "--set"));
        }
        return Config.load(null, System.getenv(), sets);
    }

    private static int serve(Config config, boolean demo, PrintStream out) throws Exception {
        Node node = Node.start(config);
        DemoCameras cameras = null;
        try {
            cameras = demo && node.gateway() != null
                    ? DemoCameras.start(demoHome().getParent(), node.database().dataSource(), node.gateway()) : null;
            node.camerasChanged();
        } catch (Exception e) {
            node.close();
            throw e;
        }
        DemoCameras demoCameras = cameras;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (demoCameras != null) {
                demoCameras.close();
            }
            node.close();
            stopped.countDown();
        }, "shutdown"));
        String url = "http://" + (config.text("http.host").equals("0.0.0.0") ? "localhost" : config.text("http.host"))
                + ":" + node.httpPort();
        String admin = config.text("console.adminUser");
        String password = demo ? demoPassword(node) : node.firstAdminPassword().orElse(null);
        out.println();
        out.println("Sharp Eyes " + (demo ? "demo" : "node") + " is running.");
        if (node.httpPort() > 0) {
            out.println("  Console: " + url.replace("127.0.0.1", "localhost"));
            out.println("  Health:  " + url.replace("127.0.0.1", "localhost") + "/api/health");
        }
        if (password != null) {
            out.println("  Admin:   " + admin + " / " + password + (demo ? "" : "   (shown once: store it now)"));
        }
        if (demoCameras != null) {
            out.println("  Cameras: 4 simulated (RTSP rtsp://admin:demo-cam@127.0.0.1:8554/cam0..cam3,"
                    + " ONVIF http://127.0.0.1:18080..18083/onvif/device_service)");
        }
        out.println("Press Ctrl-C to stop.");
        out.flush();
        stopped.await();
        return 0;
    }

    /** The demo remembers its generated password so every run can print it. */
    private static String demoPassword(Node node) throws IOException {
        Path file = demoHome().resolve("admin-password");
        if (node.firstAdminPassword().isPresent()) {
            writeSecret(file, node.firstAdminPassword().get());
        }
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : null;
    }

    /** A secret the demo generates once and keeps in .demo/ (mode 0600). */
    private static String demoSecret(String name, Supplier<String> generate) throws IOException {
        Path file = demoHome().resolve(name);
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            writeSecret(file, generate.get());
        }
        return Files.readString(file, StandardCharsets.UTF_8).trim();
    }

    private static void writeSecret(Path file, String secret) throws IOException {
        Files.writeString(file, "", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(file, secret, StandardCharsets.UTF_8);
    }

    private static Path demoHome() {
        String home = System.getenv("SHARPEYES_HOME");
        return Path.of(home == null ? "." : home, ".demo").toAbsolutePath();
    }

    private static List<String> rest(String[] args) {
        return List.of(args).subList(1, args.length);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
