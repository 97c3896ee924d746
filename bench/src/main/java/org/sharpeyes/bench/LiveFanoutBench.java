package org.sharpeyes.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.sharpeyes.gateway.testing.RtspCamera;

/**
 * Live view fan-out cost: one 720p H.264 camera (RelayBench's 2 Mbit/s clip, looped by GStreamer on
 * 127.0.0.1) watched by N WebSocket viewers at once on loopback. The node ({@link LiveFanoutNode},
 * its own JVM) pulls the camera and remuxes to fMP4 per viewer; the viewers are Vert.x WebSocket
 * clients in this JVM that count bytes and note their first media segment. For each N: connect all
 * viewers together (first-picture time = connect call to first media segment, p50/p95; two
 * throwaway viewers warm the JIT first), warm up,
 * then measure the node's CPU over a window and its resident memory; N = 0 is the baseline (the
 * camera pulled, no viewer), and "per viewer" figures are above it.
 *
 * <pre>bench/run LiveFanoutBench [N...=1 10 50 100] [--seconds S=20] [--warmup W=5]</pre>
 */
public final class LiveFanoutBench {
    /** One viewer's counters, written on its event loop, read between windows. */
    private static final class Viewer {
        final long connectNanos = System.nanoTime();
        final AtomicLong bytes = new AtomicLong();
        final AtomicLong segments = new AtomicLong();
        volatile long firstSegmentNanos;
        WebSocket ws;
    }

    private record Stat(long cpuNanos, long rssKib, int viewers) {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> ns = new ArrayList<>();
        int seconds = 20;
        int warmup = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default -> ns.add(Integer.parseInt(args[i]));
            }
        }
        if (ns.isEmpty()) {
            ns = List.of(1, 10, 50, 100);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly)));
        Path clip = RelayBench.clip(110); // the length RelayBench's default run encodes and caches; looped here
        Vertx vertx = Vertx.vertx();
        try (RtspCamera cam = RtspCamera.start(RtspCamera.Options.h264().file(clip).looped())) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process node = new ProcessBuilder(java, "-Xms512m", "-Xmx512m", "-Dlogback.configurationFile=bench/src/main/resources/logback.xml",
                    "-cp", System.getProperty("java.class.path"), LiveFanoutNode.class.getName(), cam.url())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
            PrintWriter in = new PrintWriter(node.getOutputStream(), true, StandardCharsets.UTF_8);
            String ready = out.readLine();
            if (ready == null || !ready.startsWith("READY ")) {
                throw new IllegalStateException("LiveFanoutNode did not start: " + ready);
            }
            int port = Integer.parseInt(ready.substring(6));
            WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxMessageSize(64 << 20)
                    .setMaxFrameSize(1 << 20).setMaxConnections(1000));
            System.out.printf("LiveFanoutBench clip=%s window=%d s warmup=%d s%n", clip, seconds, warmup);
            System.out.println("     N  node cores  CPU-s/viewer-min  RSS MiB  RSS KiB/viewer  Mbit/s/viewer  min seg/viewer  first picture p50/p95 ms");
            // JIT and class loading of the WebSocket and remux paths, on both sides, before anything is measured
            List<Viewer> warm = List.of(connect(client, port), connect(client, port));
            Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
            warm.forEach(v -> v.ws.close());
            waitForNoViewers(in, out);
            double baseCores = 0;
            long baseRss = 0;
            List<Integer> rounds = new ArrayList<>(List.of(0));
            rounds.addAll(ns);
            for (int n : rounds) {
                List<Viewer> viewers = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    viewers.add(connect(client, port));
                }
                Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
                Stat a = stat(in, out);
                long[] segAtStart = viewers.stream().mapToLong(v -> v.segments.get()).toArray();
                long bytesAtStart = viewers.stream().mapToLong(v -> v.bytes.get()).sum();
                Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
                Stat b = stat(in, out);
                long bytes = viewers.stream().mapToLong(v -> v.bytes.get()).sum() - bytesAtStart;
                long minSegments = Long.MAX_VALUE;
                for (int i = 0; i < n; i++) {
                    minSegments = Math.min(minSegments, viewers.get(i).segments.get() - segAtStart[i]);
                }
                double cores = (b.cpuNanos() - a.cpuNanos()) / 1e9 / seconds;
                if (n == 0) {
                    baseCores = cores;
                    baseRss = b.rssKib();
                    System.out.printf("%6d  %10.3f  %16s  %7.0f  %14s  %13s  %14s  %s%n", 0, cores, "-", b.rssKib() / 1024.0, "-", "-", "-", "-");
                    continue;
                }
                double[] first = viewers.stream().filter(v -> v.firstSegmentNanos != 0)
                        .mapToDouble(v -> (v.firstSegmentNanos - v.connectNanos) / 1e6).toArray();
                Percentiles p = first.length == 0 ? null : Percentiles.of(first);
                System.out.printf("%6d  %10.3f  %16.3f  %7.0f  %14.0f  %13.2f  %14d  %s (viewers %d, got a picture %d)%n", n, cores,
                        (cores - baseCores) * 60 / n, b.rssKib() / 1024.0, (double) (b.rssKib() - baseRss) / n,
                        bytes * 8 / 1e6 / seconds / n, minSegments,
                        p == null ? "-" : String.format("%.0f/%.0f", p.median(), p.at(95)), b.viewers(), first.length);
                for (Viewer v : viewers) {
                    if (v.ws != null) {
                        v.ws.close();
                    }
                }
                waitForNoViewers(in, out);
            }
            in.close();
            node.waitFor(30, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static Viewer connect(WebSocketClient client, int port) {
        Viewer v = new Viewer();
        client.connect(port, "127.0.0.1", "/api/live/0").onSuccess(ws -> {
            v.ws = ws;
            ws.binaryMessageHandler(b -> {
                v.bytes.addAndGet(b.length());
                boolean init = b.length() > 8 && b.getByte(4) == 'f' && b.getByte(5) == 't' && b.getByte(6) == 'y';
                if (!init && v.segments.getAndIncrement() == 0) {
                    v.firstSegmentNanos = System.nanoTime();
                }
            });
        }).onFailure(e -> System.err.println("viewer could not connect: " + e));
        return v;
    }

    private static void waitForNoViewers(PrintWriter in, BufferedReader out) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (stat(in, out).viewers() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    private static Stat stat(PrintWriter in, BufferedReader out) throws Exception {
        in.println("STAT");
        String[] f = out.readLine().split(" ");
        return new Stat(Long.parseLong(f[1]), Long.parseLong(f[2]), Integer.parseInt(f[3]));
    }
}
