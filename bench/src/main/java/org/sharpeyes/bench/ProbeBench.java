package org.sharpeyes.bench;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.sharpeyes.gateway.rtsp.LightProbe;
import org.sharpeyes.gateway.rtsp.ProbeResult;
import org.sharpeyes.gateway.rtsp.ProbeScheduler;
import org.sharpeyes.gateway.rtsp.ProbeSettings;
import org.sharpeyes.gateway.testing.RtspCamera;

/**
 * Light-probe schedule at city scale: N cameras (spread over the mounts of real GStreamer RTSP
 * servers serving a small pre-encoded MP4, so serving costs no encoding) probed once per interval
 * by one ProbeScheduler on a 2-thread Netty group, for a number of intervals. Reports whether
 * every camera got its probe every interval (none skipped, none failed), the achieved rate, the
 * latency percentiles, the peak in flight and the JVM's CPU per probe.
 *
 * <pre>bench/run ProbeBench [cameras=10000] [intervalSeconds=60] [rounds=2] [describe|options] [maxInFlight=200] [servers=2] [mounts=50]</pre>
 */
public final class ProbeBench {
    public static void main(String[] args) throws Exception {
        int cameras = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int intervalSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        boolean describe = args.length <= 3 || args[3].equals("describe");
        int maxInFlight = args.length > 4 ? Integer.parseInt(args[4]) : 200;
        int servers = args.length > 5 ? Integer.parseInt(args[5]) : 2;
        int mounts = args.length > 6 ? Integer.parseInt(args[6]) : 50;

        Path mp4 = Files.createTempFile("probebench", ".mp4");
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-y", "-loglevel", "error", "-f", "lavfi", "-i",
                "testsrc=size=320x240:rate=25", "-t", "4", "-c:v", "libx264", "-g", "25", "-pix_fmt", "yuv420p",
                mp4.toString()).inheritIO().start();
        if (!ffmpeg.waitFor(60, TimeUnit.SECONDS) || ffmpeg.exitValue() != 0) {
            throw new IllegalStateException("ffmpeg could not write the test clip");
        }
        List<RtspCamera> started = new ArrayList<>();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        ProbeSettings settings = new ProbeSettings(Duration.ofSeconds(intervalSeconds), maxInFlight, Duration.ofSeconds(3),
                Duration.ofSeconds(5), describe);
        try (LightProbe probe = new LightProbe(group, settings)) {
            for (int s = 0; s < servers; s++) {
                started.add(RtspCamera.start(RtspCamera.Options.h264().file(mp4).mounts(mounts)));
            }
            List<ProbeScheduler.Target> targets = new ArrayList<>();
            for (int i = 0; i < cameras; i++) {
                RtspCamera server = started.get(i % servers);
                targets.add(new ProbeScheduler.Target(UUID.randomUUID(), server.url((i / servers) % mounts), null, null));
            }
            List<Double> latencyMs = new ArrayList<>(cameras * rounds);
            Map<String, Integer> errors = new TreeMap<>();
            Map<UUID, Integer> okPerCamera = new HashMap<>();
            int[] ok = new int[1];
            EventLoop loop = group.next();
            ProbeScheduler scheduler = new ProbeScheduler(probe, settings, loop, (t, r) -> {
                // Runs on the scheduler's one event loop: no locking needed.
                latencyMs.add(r.latency().toNanos() / 1e6);
                if (r.ok()) {
                    ok[0]++;
                    okPerCamera.merge(t.cameraId(), 1, Integer::sum);
                } else {
                    errors.merge(category(r), 1, Integer::sum);
                }
            });
            scheduler.setTargets(targets);
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            scheduler.start();
            int peak = 0;
            long end = t0 + TimeUnit.SECONDS.toNanos((long) intervalSeconds * rounds);
            while (System.nanoTime() < end) {
                peak = Math.max(peak, scheduler.stats().get(5, TimeUnit.SECONDS).inFlight());
                Thread.sleep(50);
            }
            scheduler.close();
            ProbeScheduler.Stats stats;
            long drainEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            do {
                Thread.sleep(50);
                stats = scheduler.stats().get(5, TimeUnit.SECONDS);
            } while ((stats.inFlight() > 0 || stats.queued() > 0) && System.nanoTime() < drainEnd);
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = (cpuNanos() - cpu0) / 1e9;

            double[] lat = loop.submit(() -> latencyMs.stream().mapToDouble(Double::doubleValue).toArray())
                    .get(5, TimeUnit.SECONDS);
            Percentiles p = Percentiles.of(lat);
            long expected = (long) cameras * rounds;
            System.out.printf("ProbeBench mode=%s cameras=%d interval=%ds rounds=%d maxInFlight=%d servers=%d mounts=%d%n",
                    describe ? "OPTIONS+DESCRIBE" : "OPTIONS", cameras, intervalSeconds, rounds, maxInFlight, servers, mounts);
            System.out.printf("expected probes %d, started %d, completed %d, ok %d, skipped %d, errors %s%n", expected,
                    stats.started(), stats.completed(), ok[0], stats.skipped(), errors);
            System.out.printf("rate %.1f probes/s (target %.1f/s), peak in flight %d%n", stats.completed() / wall,
                    cameras / (double) intervalSeconds, peak);
            System.out.printf("latency ms p50 %.2f p95 %.2f p99 %.2f max %.2f%n", p.median(), p.at(95), p.at(99), p.max());
            System.out.printf("JVM CPU %.1f s over %.1f s wall = %.1f%% of one core; %.0f us CPU per probe%n", cpu, wall,
                    100 * cpu / wall, cpu * 1e6 / Math.max(1, stats.completed()));
            long shortfall = loop.submit(() -> targets.stream().filter(t -> okPerCamera.getOrDefault(t.cameraId(), 0) < rounds).count())
                    .get(5, TimeUnit.SECONDS);
            System.out.printf("cameras with fewer than %d good probes: %d%n", rounds, shortfall);
            // The ticker may start a few of the next round's probes before it stops: more is fine, fewer is not.
            boolean sustained = shortfall == 0 && errors.isEmpty() && stats.skipped() == 0;
            System.out.println(sustained ? "RESULT sustained: every camera probed once per interval"
                    : "RESULT NOT sustained");
        } finally {
            started.forEach(RtspCamera::close);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            Files.deleteIfExists(mp4);
        }
    }

    private static String category(ProbeResult r) {
        String e = r.error() == null ? "status " + r.status() : r.error();
        int colon = e.indexOf(':');
        return colon > 0 ? e.substring(0, colon) : e;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
