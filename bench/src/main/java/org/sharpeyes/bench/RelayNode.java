package org.sharpeyes.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.javacpp.Loader;
import org.sharpeyes.gateway.hub.HubSettings;
import org.sharpeyes.gateway.hub.Packet;
import org.sharpeyes.gateway.hub.StreamHubs;
import org.sharpeyes.gateway.hub.StreamInfo;
import org.sharpeyes.gateway.hub.StreamKey;
import org.sharpeyes.gateway.hub.StreamSource;
import org.sharpeyes.gateway.hub.Subscriber;
import org.sharpeyes.gateway.rtsp.NettyRtspSource;
import org.sharpeyes.gateway.rtsp.RtspPuller;
import org.sharpeyes.gateway.rtsp.RtspSettings;

/**
 * The gateway side of {@link RelayBench}, run in its own JVM so that its CPU time and resident
 * memory are the relay's alone: one {@code StreamHubs} pulling every URL in the file, one counting
 * subscriber per stream (no decoding). Prints, on stdout, one line per checkpoint:
 * {@code IDLE|START|END cpuNanos rssKiB pssKiB packets bytes minStreamPackets reconnects}.
 * IDLE is taken before any stream is opened but with FFmpeg's native libraries already loaded.
 * The RTSP client is FFmpeg's demuxer ({@code RtspPuller}, the default) or our own on Netty
 * ({@code NettyRtspSource}).
 *
 * <pre>java ... RelayNode urlsFile warmupSeconds measureSeconds [ffmpeg|netty]</pre>
 */
public final class RelayNode {
    /** Counts what one stream delivered; written by one delivery thread at a time, read at checkpoints. */
    private static final class Counter implements Subscriber {
        final AtomicLong packets = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();

        @Override
        public void onStream(StreamInfo info) {
        }

        @Override
        public void onPacket(Packet packet) {
            packets.lazySet(packets.get() + 1);
            bytes.lazySet(bytes.get() + packet.size());
        }
    }

    public static void main(String[] args) throws Exception {
        List<String> urls = Files.readAllLines(Path.of(args[0])).stream().filter(s -> !s.isBlank()).toList();
        long warmupMs = TimeUnit.SECONDS.toMillis(Long.parseLong(args[1]));
        long measureMs = TimeUnit.SECONDS.toMillis(Long.parseLong(args[2]));
        String client = args.length > 3 ? args[3] : "ffmpeg";
        Function<StreamKey, String> urlOf = key -> urls.get(Integer.parseInt(key.cameraId()));
        BiFunction<StreamKey, Subscriber, StreamSource> opener = switch (client) {
            case "ffmpeg" -> RtspPuller.opener(urlOf, RtspSettings.defaults());
            case "netty" -> NettyRtspSource.opener(urlOf, RtspSettings.defaults());
            default -> throw new IllegalArgumentException("client: expected ffmpeg or netty, got " + client);
        };

        Loader.load(avformat.class);
        System.gc();
        Thread.sleep(1000);
        List<Counter> counters = new ArrayList<>();
        checkpoint("IDLE", counters, null, null);

        // Subscribers are called on a small shared pool, as production subscribers share event loops.
        ExecutorService delivery = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "delivery");
            t.setDaemon(true);
            return t;
        });
        StreamHubs hubs = new StreamHubs(opener, HubSettings.defaults());
        try {
            for (int i = 0; i < urls.size(); i++) {
                Counter c = new Counter();
                counters.add(c);
                hubs.subscribe(new StreamKey(Integer.toString(i), StreamKey.Profile.MAIN), c, delivery);
            }
            Thread.sleep(warmupMs);
            long[] atStart = checkpoint("START", counters, hubs, null);
            Thread.sleep(measureMs);
            checkpoint("END", counters, hubs, atStart);
            // The bench counts the bytes of our established sockets when it reads END: keep them open meanwhile.
            Thread.sleep(2000);
        } finally {
            hubs.close();
            delivery.shutdownNow();
        }
    }

    /** Prints one checkpoint line; returns each stream's packet count so far. */
    private static long[] checkpoint(String label, List<Counter> counters, StreamHubs hubs, long[] since) throws IOException {
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        long packets = 0;
        long bytes = 0;
        long[] now = new long[counters.size()];
        for (int i = 0; i < now.length; i++) {
            now[i] = counters.get(i).packets.get();
            packets += now[i];
            bytes += counters.get(i).bytes.get();
        }
        // Fewest packets one stream received since the last checkpoint: a starved stream would hide in the total.
        long minStream = Long.MAX_VALUE;
        for (int i = 0; i < now.length; i++) {
            minStream = Math.min(minStream, now[i] - (since == null ? 0 : since[i]));
        }
        minStream = now.length == 0 ? 0 : minStream;
        int reconnects = hubs == null ? 0 : hubs.stats().values().stream().mapToInt(s -> s.reconnects()).sum();
        System.out.printf("%s %d %d %d %d %d %d %d%n", label, cpu, ProcStats.kib("/proc/self/status", "VmRSS:"),
                ProcStats.kib("/proc/self/smaps_rollup", "Pss:"), packets, bytes, minStream, reconnects);
        System.out.flush();
        return now;
    }
}
