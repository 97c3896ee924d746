package org.sharpeyes.console.events;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.sharpeyes.common.Camera;
import org.sharpeyes.common.Detection;
import org.sharpeyes.common.SnapshotStore;
import org.sharpeyes.console.audit.AuditLog;
import org.sharpeyes.console.auth.Caller;
import org.sharpeyes.console.auth.Role;
import org.sharpeyes.console.http.Api;
import org.sharpeyes.console.http.ApiException;
import org.sharpeyes.console.http.Body;
import org.sharpeyes.console.http.Params;
import org.sharpeyes.storage.EventQuery;
import org.sharpeyes.storage.EventSearch;
import org.sharpeyes.storage.Page;

/**
 * {@code POST /api/exports}: the results of a search as CSV, or as an evidence package: a zip of
 * the events (CSV), their snapshots and crops, and {@code manifest.json} with the SHA-256 of every
 * file, the query, the user, the case reference and the time, so a court can check nothing changed.
 */
public final class ExportRoutes {
    static final int MAX_CSV_ROWS = 100_000;
    static final int MAX_PACKAGE_EVENTS = 2_000;

    private final EventSearch search;
    private final Function<UUID, Camera> cameras;
    private final SnapshotStore snapshots;
    private final AuditLog audit;
    private final Clock clock;

    public ExportRoutes(EventSearch search, Function<UUID, Camera> cameras, SnapshotStore snapshots, AuditLog audit, Clock clock) {
        this.search = search;
        this.cameras = cameras;
        this.snapshots = snapshots;
        this.audit = audit;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.post("/api/exports").handler(this::export);
    }

    private void export(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        ctx.vertx().executeBlocking(() -> {
            caller.require(Role.INVESTIGATOR);
            Body b = Body.of(ctx);
            String format = b.requiredText("format", 8);
            JsonObject query = b.object("query") == null ? new JsonObject() : b.object("query").copy();
            query.put("caseRef", b.text("caseRef", EventFilter.MAX_CASE_REF));
            EventFilter filter = EventFilter.parse(Params.of(query));
            Path file = Files.createTempFile("sharpeyes-export", format.equals("zip") ? ".zip" : ".csv");
            try {
                int count = switch (format) {
                    case "csv" -> writeCsv(file, filter, caller);
                    case "zip" -> writePackage(file, filter, caller);
                    default -> throw ApiException.invalid("format", "csv or zip");
                };
                audit.record(caller.username(), "EXPORT", filter.caseRef(), filter.toJson().put("format", format).put("results", count)
                        .put("sha256", sha256(file)));
                return file;
            } catch (RuntimeException | IOException | java.sql.SQLException e) {
                Files.deleteIfExists(file);
                throw e;
            }
        }, false).onFailure(e -> Api.fail(ctx, e)).onSuccess(file -> {
            boolean zip = file.toString().endsWith(".zip");
            String name = "sharpeyes-" + clock.instant().toString().replace(":", "") + (zip ? ".zip" : ".csv");
            ctx.response().putHeader("Content-Type", zip ? "application/zip" : "text/csv; charset=utf-8")
                    .putHeader("Content-Disposition", "attachment; filename=\"" + name + "\"")
                    .sendFile(file.toString()).onComplete(done -> ctx.vertx().executeBlocking(() -> Files.deleteIfExists(file), false));
        });
    }

    private int writeCsv(Path file, EventFilter filter, Caller caller) throws IOException, java.sql.SQLException {
        try (Writer w = new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8)) {
            w.write('\ufeff'); // spreadsheets need the BOM to read UTF-8 Chinese text
            w.write(EventCsv.HEADER);
            return forEach(filter, caller, MAX_CSV_ROWS, (d, c) -> EventCsv.write(w, d, c));
        }
    }

    private int writePackage(Path file, EventFilter filter, Caller caller) throws IOException, java.sql.SQLException {
        JsonArray files = new JsonArray();
        Set<String> keys = new LinkedHashSet<>();
        int count;
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("events.csv"));
            MessageDigest md = sha();
            Writer w = new OutputStreamWriter(new DigestOutputStream(new NonClosing(zip), md), StandardCharsets.UTF_8);
            w.write(EventCsv.HEADER);
            count = forEach(filter, caller, MAX_PACKAGE_EVENTS, (d, c) -> {
                EventCsv.write(w, d, c);
                if (d.snapshotKey() != null) {
                    keys.add(d.snapshotKey());
                }
                if (d.cropKey() != null) {
                    keys.add(d.cropKey());
                }
            });
            w.flush();
            zip.closeEntry();
            files.add(new JsonObject().put("name", "events.csv").put("sha256", HexFormat.of().formatHex(md.digest())));
            for (String key : keys) {
                byte[] jpeg;
                try {
                    jpeg = snapshots.read(key);
                } catch (NoSuchFileException e) {
                    files.add(new JsonObject().put("name", "images/" + key + ".jpg").put("missing", true));
                    continue;
                }
                zip.putNextEntry(new ZipEntry("images/" + key + ".jpg"));
                zip.write(jpeg);
                zip.closeEntry();
                files.add(new JsonObject().put("name", "images/" + key + ".jpg").put("sha256", HexFormat.of().formatHex(sha().digest(jpeg))));
            }
            JsonObject manifest = new JsonObject().put("caseRef", filter.caseRef()).put("user", caller.username())
                    .put("exportedAt", clock.instant().toString()).put("query", filter.toJson()).put("events", count)
                    .put("truncated", count >= MAX_PACKAGE_EVENTS).put("files", files);
            zip.putNextEntry(new ZipEntry("manifest.json"));
            zip.write(manifest.encodePrettily().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return count;
    }

    private interface Row {
        void accept(Detection d, Camera c) throws IOException;
    }

    /** Walks the search's pages (newest first) up to {@code max} events. */
    private int forEach(EventFilter filter, Caller caller, int max, Row row) throws IOException, java.sql.SQLException {
        int n = 0;
        String cursor = null;
        do {
            Page<Detection> page = search.search(filter.query(caller, Math.min(EventQuery.MAX_LIMIT, max - n), cursor));
            for (Detection d : page.items()) {
                row.accept(d, cameras.apply(d.cameraId()));
                n++;
            }
            cursor = page.next();
        } while (cursor != null && n < max);
        return n;
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest md = sha();
        try (var in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0; ) {
                md.update(buf, 0, r);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lets a writer flush into the current zip entry without closing the zip. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
