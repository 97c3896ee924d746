package org.sharpeyes.gateway.rtsp;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.sharpeyes.common.Urls;
import org.sharpeyes.gateway.hub.Packet;
import org.sharpeyes.gateway.quality.QualityDiagnosis;
import org.sharpeyes.gateway.quality.QualityReport;
import org.sharpeyes.gateway.quality.QualityThresholds;

/**
 * {@code probe RTSP_URL [--seconds N]}: pulls a stream for N seconds (default 5) and prints one
 * JSON object with what a camera really delivers. Errors (unreachable, credentials refused,
 * timeout, ...) print one line on stderr and exit non-zero.
 */
public final class ProbeCommand {
    static final int EXIT_STREAM_ERROR = 1;
    static final int EXIT_USAGE = 2;
    private static final String USAGE = "usage: probe RTSP_URL [--seconds N]   (N: 1..600, default 5)";
    private static final Duration IO_TIMEOUT = Duration.ofSeconds(5);
    /** Frames diagnosed: about one per second, at most this many. */
    private static final int MAX_SAMPLES = 10;
    private static final UUID PROBED = new UUID(0, 0);

    private ProbeCommand() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        String url = null;
        int seconds = 5;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--seconds")) {
                String v = i + 1 < args.size() ? args.get(++i) : "";
                try {
                    seconds = Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    seconds = -1;
                }
                if (seconds < 1 || seconds > 600) {
                    err.println("probe: --seconds must be an integer from 1 to 600, got '" + v + "'");
                    return EXIT_USAGE;
                }
            } else if (url == null && !a.startsWith("--")) {
                url = a;
            } else {
                err.println("probe: unexpected argument '" + (a.startsWith("--") ? a : Urls.mask(a)) + "'; " + USAGE);
                return EXIT_USAGE;
            }
        }
        if (url == null || !url.regionMatches(true, 0, "rtsp://", 0, 7) && !url.regionMatches(true, 0, "rtsps://", 0, 8)) {
            err.println("probe: " + (url == null ? "RTSP_URL missing" : "not an rtsp:// URL: " + Urls.mask(url)) + "; " + USAGE);
            return EXIT_USAGE;
        }
        try {
            out.println(probe(url, seconds).encode());
            return 0;
        } catch (RtspException e) {
            err.println("probe: " + Urls.mask(url) + ": " + e.kind() + ": " + e.getMessage());
            return EXIT_STREAM_ERROR;
        }
    }

    private static JsonObject probe(String url, int seconds) throws RtspException {
        long t0 = System.nanoTime();
        try (RtspSession session = new RtspSession(IO_TIMEOUT)) {
            session.connect(url);
            var info = session.info();
            QualityDiagnosis diagnosis = new QualityDiagnosis(QualityThresholds.DEFAULTS);
            QualityReport[] report = {null};
            int[] diagnosed = {0};
            long[] nextSample = {Long.MIN_VALUE};
            int frames = 0;
            int keyframes = 0;
            long bytes = 0;
            long firstDts = 0;
            long lastDts = 0;
            long firstPacketNanos = 0;
            long end = 0;
            try (FrameDecoder decoder = new FrameDecoder(info)) {
                while (true) {
                    Packet p = session.read();
                    if (frames == 0) {
                        firstPacketNanos = p.receivedNanos();
                        firstDts = p.dts();
                        end = p.receivedNanos() + TimeUnit.SECONDS.toNanos(seconds);
                    }
                    frames++;
                    bytes += p.size();
                    lastDts = p.dts();
                    keyframes += p.keyframe() ? 1 : 0;
                    decoder.decode(p, (bgr, pts) -> {
                        if (diagnosed[0] < MAX_SAMPLES && pts >= nextSample[0]) {
                            report[0] = diagnosis.diagnose(PROBED, bgr, Instant.now());
                            diagnosed[0]++;
                            nextSample[0] = pts + Packet.TIME_BASE;
                        }
                    });
                    if (p.receivedNanos() - end >= 0) {
                        break;
                    }
                }
            }
            double span = (double) (lastDts - firstDts) / Packet.TIME_BASE;
            JsonObject o = new JsonObject()
                    .put("url", Urls.mask(url))
                    .put("status", "ONLINE")
                    .put("codec", info.codec())
                    .put("width", info.width())
                    .put("height", info.height())
                    .put("fps", span > 0 ? round((frames - 1) / span) : null)
                    .put("bitrate_kbps", span > 0 ? round(bytes * 8 / 1000.0 / span) : null)
                    .put("keyframe_interval", keyframes > 1 ? round((double) frames / keyframes) : null)
                    .put("first_packet_ms", TimeUnit.NANOSECONDS.toMillis(firstPacketNanos - t0))
                    .put("frames", frames)
                    .put("seconds", seconds);
            o.put("quality", quality(report[0], diagnosed[0]));
            return o;
        }
    }

    /** The diagnosis of the last sampled frame; it has seen the earlier ones (frozen needs a history). */
    static JsonObject quality(QualityReport report, int framesDiagnosed) {
        JsonObject q = new JsonObject().put("frames_diagnosed", framesDiagnosed);
        if (report == null) {
            return q.put("ok", null);
        }
        JsonObject scores = new JsonObject();
        report.scores().forEach((fault, score) -> scores.put(fault.name(), round(score)));
        JsonArray faults = new JsonArray();
        for (QualityReport.Finding f : report.faults()) {
            faults.add(new JsonObject().put("fault", f.fault().name()).put("score", round(f.score()))
                    .put("threshold", f.threshold()).put("reason", f.reason()));
        }
        return q.put("ok", report.ok()).put("faults", faults).put("scores", scores);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
