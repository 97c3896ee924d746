package org.sharpeyes.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.sharpeyes.gateway.testing.RtspCamera;

/**
 * RTSP relay cost: N concurrent 720p H.264 streams (~2 Mbit/s, 25 fps, GOP 50) served on
 * 127.0.0.1 by GStreamer from a pre-encoded file, relayed to one counting subscriber each (no
 * decoding) by the gateway's {@code StreamHubs} + an RTSP client ({@code RtspPuller} on FFmpeg's
 * demuxer, or our own {@code NettyRtspSource}; {@code --clients ffmpeg,netty} runs both) in a child
 * JVM ({@link RelayNode}), against N processes of
 * {@code ffmpeg -nostdin -loglevel error -rtsp_transport tcp -i URL -c copy -f null -}.
 * Each side runs alone against fresh servers: warm-up, then a measured window; the order
 * alternates between N values. Reports CPU seconds per stream-minute and resident memory per
 * stream, plus what was received, so the comparison is honest.
 *
 * <pre>bench/run RelayBench [N...] [--seconds S] [--warmup W] [--mounts-per-server M] [--clients ffmpeg,netty]</pre>
 */
public final class RelayBench {
    /** Gateway sides are named "gateway/" + the RTSP client. */
    private static final String GATEWAY = "gateway/";
    private static final String FFMPEG = "ffmpeg";

    /**
     * One side's measured window. tcpBytes: received on its RTSP sockets; packets only for the gateway (-1 otherwise).
     * Per-stream figures divide by the streams alive at the end of the window (for ffmpeg: the processes measured).
     */
    private record Side(String name, int n, double seconds, double cpu, long rssKib, long pssKib, long idleRssKib,
                        long tcpBytes, long packets, long minStreamPackets, int alive, int reconnects,
                        double serverCpu, double machineBusy) {
        double cpuPerStreamMinute() {
            return cpu / alive / (seconds / 60);
        }

        double mbitPerStream() {
            return tcpBytes * 8 / 1e6 / alive / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        List<Integer> ns = new ArrayList<>();
        int seconds = 60;
        int warmup = 10;
        int mountsPerServer = 25;
        List<String> clients = List.of("ffmpeg");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--mounts-per-server" -> mountsPerServer = Integer.parseInt(args[++i]);
                case "--clients" -> clients = List.of(args[++i].split(","));
                default -> ns.add(Integer.parseInt(args[i]));
            }
        }
        if (ns.isEmpty()) {
            ns = List.of(50, 100, 200);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly)));

        // Each side gets fresh servers: a shared file media keeps playing until its old sessions time out, so a side
        // that follows on the same servers could join a clip near its end and see it stop mid-window.
        Path clip = clip(warmup + seconds + 60);
        int maxN = ns.stream().mapToInt(Integer::intValue).max().orElseThrow();
        int serverCount = (maxN + mountsPerServer - 1) / mountsPerServer;
        List<Side> results = new ArrayList<>();
        for (int k = 0; k < ns.size(); k++) {
            int n = ns.get(k);
            List<String> order = new ArrayList<>(clients.stream().map(c -> GATEWAY + c).toList());
            order.add(k % 2 == 0 ? order.size() : 0, FFMPEG);
            for (String side : order) {
                List<RtspCamera> servers = new ArrayList<>();
                try {
                    for (int s = 0; s < serverCount; s++) {
                        servers.add(RtspCamera.start(RtspCamera.Options.h264().file(clip).mounts(mountsPerServer)));
                    }
                    List<Long> serverPids = ProcessHandle.current().children()
                            .filter(p -> p.info().commandLine().orElse("").contains("rtsp-server.py")).map(ProcessHandle::pid).toList();
                    if (results.isEmpty()) {
                        String probed = ffprobe(servers.get(0).url(0));
                        System.out.printf("RelayBench clip=%s %d servers x %d mounts (fresh for each side), one mount probes as %s%n",
                                clip, serverCount, mountsPerServer, probed);
                        if (!probed.equals("h264,1280,720")) {
                            throw new IllegalStateException("the served stream is not 720p H.264: " + probed);
                        }
                    }
                    List<String> urls = new ArrayList<>();
                    for (int i = 0; i < n; i++) { // spread the streams over every server
                        urls.add(servers.get(i % serverCount).url(i / serverCount));
                    }
                    Side r = side.startsWith(GATEWAY) ? gateway(urls, warmup, seconds, serverPids, side.substring(GATEWAY.length()))
                            : ffmpeg(urls, warmup, seconds, serverPids);
                    System.out.println(describe(r));
                    results.add(r);
                } finally {
                    servers.forEach(RtspCamera::close);
                }
            }
        }
        System.out.println();
        System.out.println(table(results));
    }

    /** A 720p H.264 clip at ~2 Mbit/s, made once by Debian's ffmpeg and kept in the cache. */
    static Path clip(int durationSeconds) throws IOException, InterruptedException {
        Path dir = Path.of(System.getProperty("user.home"), ".cache", "sharpeyes", "relaybench");
        Files.createDirectories(dir);
        Path clip = dir.resolve("testsrc2-1280x720-25fps-2M-gop50-" + durationSeconds + "s.mp4");
        if (Files.exists(clip)) {
            return clip;
        }
        Path tmp = dir.resolve(clip.getFileName() + ".part.mp4");
        System.out.printf("encoding %s (once)%n", clip);
        Process p = new ProcessBuilder("ffmpeg", "-y", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i",
                "testsrc2=size=1280x720:rate=25", "-t", Integer.toString(durationSeconds), "-c:v", "libx264",
                "-preset", "veryfast", "-b:v", "2M", "-maxrate", "2M", "-bufsize", "4M", "-g", "50", "-keyint_min", "50",
                "-sc_threshold", "0", "-pix_fmt", "yuv420p", "-movflags", "+faststart", tmp.toString()).inheritIO().start();
        if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("ffmpeg could not encode the clip");
        }
        Files.move(tmp, clip, StandardCopyOption.ATOMIC_MOVE);
        return clip;
    }

    private static String ffprobe(String url) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-rtsp_transport", "tcp", "-select_streams", "v:0",
                "-show_entries", "stream=codec_name,width,height", "-of", "csv=p=0", url).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return out;
    }

    /** The relay in its own JVM; see {@link RelayNode} for the lines it prints. */
    private static Side gateway(List<String> urls, int warmup, int seconds, List<Long> serverPids, String client)
            throws Exception {
        Path urlFile = Files.createTempFile("relaybench-urls", ".txt");
        Files.write(urlFile, urls);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process node = new ProcessBuilder(java, "-Xms256m", "-Xmx256m",
                "-Dlogback.configurationFile=bench/src/main/resources/logback.xml",
                "-cp", System.getProperty("java.class.path"), RelayNode.class.getName(), urlFile.toString(),
                Integer.toString(warmup), Integer.toString(seconds), client).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<String, long[]> lines = new HashMap<>();
        double[] serverStart = new double[1];
        long[] tcp = new long[2]; // received bytes at START and END
        long[] machineStart = new long[2];
        try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup + seconds + 120);
            Thread watchdog = new Thread(() -> {
                try {
                    if (!node.waitFor(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                        node.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    node.destroyForcibly();
                }
            });
            watchdog.setDaemon(true);
            watchdog.start();
            String line;
            while (!lines.containsKey("END") && (line = out.readLine()) != null) {
                String[] f = line.trim().split(" ");
                long[] v = new long[f.length - 1];
                for (int i = 1; i < f.length; i++) {
                    v[i - 1] = Long.parseLong(f[i]);
                }
                lines.put(f[0], v);
                if (f[0].equals("END")) {
                    tcp[1] = ProcStats.tcpBytesReceived(List.of(node.pid()));
                }
                if (f[0].equals("START")) {
                    serverStart[0] = cpu(serverPids);
                    tcp[0] = ProcStats.tcpBytesReceived(List.of(node.pid()));
                    System.arraycopy(ProcStats.machineTicks(), 0, machineStart, 0, 2);
                }
            }
        } finally {
            if (!node.waitFor(30, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
            Files.deleteIfExists(urlFile);
        }
        long[] idle = lines.get("IDLE");
        long[] start = lines.get("START");
        long[] end = lines.get("END");
        if (idle == null || start == null || end == null) {
            throw new IllegalStateException("RelayNode stopped before the end of its window (exit " + node.exitValue() + ")");
        }
        double serverCpu = cpu(serverPids) - serverStart[0];
        double wall = seconds; // RelayNode sleeps exactly this long between START and END
        // Fields: cpuNanos rssKiB pssKiB packets bytes minStreamPackets reconnects
        return new Side(GATEWAY + client, urls.size(), wall, (end[0] - start[0]) / 1e9, end[1], end[2], idle[1], tcp[1] - tcp[0],
                end[3] - start[3], end[5], urls.size(), (int) (end[6] - start[6]), serverCpu, busy(machineStart));
    }

    /** N ffmpeg processes, each measured from /proc over the same kind of window. */
    private static Side ffmpeg(List<String> urls, int warmup, int seconds, List<Long> serverPids) throws Exception {
        List<Process> ps = new ArrayList<>();
        try {
            for (String url : urls) {
                ps.add(new ProcessBuilder("ffmpeg", "-nostdin", "-loglevel", "error", "-rtsp_transport", "tcp", "-i", url,
                        "-c", "copy", "-f", "null", "-").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start());
            }
            Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
            Map<Long, Double> cpu0 = new HashMap<>();
            for (Process p : ps) {
                cpu0.put(p.pid(), cpu(List.of(p.pid()))); // 0 for one already gone, which is not counted below
            }
            Map<Long, Long> tcp0 = ProcStats.tcpBytesReceivedByPid();
            double server0 = cpu(serverPids);
            long[] machine0 = ProcStats.machineTicks();
            long t0 = System.nanoTime();
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            // Only processes that relayed the whole window count: on an overloaded machine GStreamer drops clients
            // that fall behind, and an exited (or not yet reaped) ffmpeg has no CPU or memory left to read.
            Map<Long, Long> tcp1 = ProcStats.tcpBytesReceivedByPid();
            double cpu = 0;
            long tcp = 0;
            long rss = 0;
            long pss = 0;
            int alive = 0;
            for (Process p : ps) {
                try {
                    long r = ProcStats.kib("/proc/" + p.pid() + "/status", "VmRSS:");
                    long q = ProcStats.kib("/proc/" + p.pid() + "/smaps_rollup", "Pss:");
                    cpu += ProcStats.cpuSeconds(p.pid()) - cpu0.get(p.pid());
                    tcp += tcp1.getOrDefault(p.pid(), 0L) - tcp0.getOrDefault(p.pid(), 0L);
                    rss += r;
                    pss += q;
                    alive++;
                } catch (IOException exited) {
                    // not counted
                }
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            double serverCpu = cpu(serverPids) - server0;
            double machineBusy = busy(machine0);
            return new Side(FFMPEG, urls.size(), wall, cpu, rss, pss, 0, tcp, -1, -1, alive, 0, serverCpu, machineBusy);
        } finally {
            ps.forEach(Process::destroy);
            for (Process p : ps) {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    /** CPU seconds of the processes still running (an exited one stops counting: ffmpeg's are checked for liveness). */
    private static double cpu(List<Long> pids) {
        double sum = 0;
        for (long pid : pids) {
            try {
                sum += ProcStats.cpuSeconds(pid);
            } catch (IOException gone) {
                // exited
            }
        }
        return sum;
    }

    /** Share of the whole machine (all cores) that was busy since {@code start}. */
    private static double busy(long[] start) throws IOException {
        long[] now = ProcStats.machineTicks();
        return (double) (now[0] - start[0]) / Math.max(1, now[1] - start[1]);
    }

    private static String describe(Side s) {
        return String.format("%s N=%d: cpu %.1f s over %.1f s (%.3f s per stream-minute), rss %.0f MiB, pss %.0f MiB%s,"
                        + " %.2f Mbit/s per stream%s, alive %d/%d, reconnects %d, servers %.1f s cpu, machine %.0f%% busy",
                s.name(), s.n(), s.cpu(), s.seconds(), s.cpuPerStreamMinute(), s.rssKib() / 1024.0, s.pssKib() / 1024.0,
                s.name().startsWith(GATEWAY) ? String.format(" (idle %.0f MiB)", s.idleRssKib() / 1024.0) : "",
                s.mbitPerStream(), s.packets() >= 0 ? String.format(", %.1f fps per stream (slowest stream %.1f)",
                        fps(s), s.minStreamPackets() / s.seconds()) : "",
                s.alive(), s.n(), s.reconnects(), s.serverCpu(), 100 * s.machineBusy());
    }

    private static double fps(Side s) {
        return s.packets() / (double) s.n() / s.seconds();
    }

    /** One row per gateway side, against the ffmpeg side of the same N. */
    private static String table(List<Side> results) {
        StringBuilder out = new StringBuilder();
        out.append("| N | relay RTSP client | CPU s / stream-min gateway | ffmpeg | ratio (target <= 0.5) | RSS MiB / stream gateway (abs.) |"
                + " ffmpeg RSS (PSS) | MiB target <= 5 | gateway fps / stream (slowest) | Mbit/s / stream gateway | ffmpeg |"
                + " ffmpeg alive | GStreamer CPU s gw / ff | machine busy gw / ff |\n");
        out.append("|---:|:---|---:|---:|---:|---:|---:|:---:|---:|---:|---:|---:|---:|---:|\n");
        for (Side g : results) {
            if (!g.name().startsWith(GATEWAY)) {
                continue;
            }
            Side f = results.stream().filter(s -> s.name().equals(FFMPEG) && s.n() == g.n()).findFirst().orElseThrow();
            double ratio = g.cpuPerStreamMinute() / f.cpuPerStreamMinute();
            double gwMib = (g.rssKib() - g.idleRssKib()) / 1024.0 / g.n();
            out.append(String.format("| %d | %s | %.3f | %.3f | %.2f %s | %.2f (%.0f) | %.1f (%.1f) | %s | %.1f (%.1f) | %.2f | %.2f |"
                            + " %d/%d | %.0f / %.0f | %.0f%% / %.0f%% |%n",
                    g.n(), g.name().substring(GATEWAY.length()), g.cpuPerStreamMinute(), f.cpuPerStreamMinute(), ratio,
                    ratio <= 0.5 ? "met" : "**missed**",
                    gwMib, g.rssKib() / 1024.0, f.rssKib() / 1024.0 / f.alive(), f.pssKib() / 1024.0 / f.alive(),
                    gwMib <= 5 ? "met" : "**missed**", fps(g), g.minStreamPackets() / g.seconds(), g.mbitPerStream(),
                    f.mbitPerStream(), f.alive(), f.n(), g.serverCpu(), f.serverCpu(), 100 * g.machineBusy(),
                    100 * f.machineBusy()));
        }
        return out.toString();
    }
}
