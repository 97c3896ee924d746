package org.sharpeyes.gateway.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.sharpeyes.common.Processes;
import org.sharpeyes.storage.testing.Repo;

/**
 * A real RTSP camera: GStreamer's RTSP server ({@code tools/rtsp/rtsp-server.py}, run by the
 * Debian python3) on 127.0.0.1, serving {@code /cam0 .. /cam{N-1}}. It can be killed and started
 * again on the same port to simulate a camera that drops off the network. The server also exits
 * when this JVM closes its stdin.
 */
public final class RtspCamera implements AutoCloseable {
    /** What to serve; the defaults are a small live H.264 stream. */
    public record Options(String codec, int mounts, Path file, boolean loop, int width, int height, int fps, int gop,
                          int bitrateKbps, String user, String password, String pattern) {
        public static Options h264() {
            return new Options("h264", 1, null, false, 320, 240, 25, 25, 500, null, null, "ball");
        }

        public Options codec(String c) {
            return new Options(c, mounts, file, loop, width, height, fps, gop, bitrateKbps, user, password, pattern);
        }

        public Options mounts(int n) {
            return new Options(codec, n, file, loop, width, height, fps, gop, bitrateKbps, user, password, pattern);
        }

        /** Serves a pre-encoded MP4/MKV (its codec must match {@link #codec}) instead of encoding live. */
        public Options file(Path f) {
            return new Options(codec, mounts, f, loop, width, height, fps, gop, bitrateKbps, user, password, pattern);
        }

        /** Plays the file forever, time running on across the loop. */
        public Options looped() {
            return new Options(codec, mounts, file, true, width, height, fps, gop, bitrateKbps, user, password, pattern);
        }

        public Options size(int w, int h) {
            return new Options(codec, mounts, file, loop, w, h, fps, gop, bitrateKbps, user, password, pattern);
        }

        public Options digest(String u, String p) {
            return new Options(codec, mounts, file, loop, width, height, fps, gop, bitrateKbps, u, p, pattern);
        }

        /** A GStreamer videotestsrc pattern for live encoding: ball, black, smpte, snow, ... */
        public Options pattern(String name) {
            return new Options(codec, mounts, file, loop, width, height, fps, gop, bitrateKbps, user, password, name);
        }
    }

    private final Options options;
    private final int port;
    private Process process;

    private RtspCamera(Options options, int port) {
        this.options = options;
        this.port = port;
    }

    public static RtspCamera start(Options options) throws IOException {
        RtspCamera camera = new RtspCamera(options, freePort());
        camera.start();
        return camera;
    }

    /** (Re)starts the server on the same port. */
    public synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", Repo.root().resolve("tools/rtsp/rtsp-server.py").toString(),
                "--port", Integer.toString(port), "--mounts", Integer.toString(options.mounts()), "--codec", options.codec(),
                "--width", Integer.toString(options.width()), "--height", Integer.toString(options.height()),
                "--fps", Integer.toString(options.fps()), "--gop", Integer.toString(options.gop()),
                "--bitrate", Integer.toString(options.bitrateKbps()), "--pattern", options.pattern()));
        if (options.file() != null) {
            cmd.addAll(List.of("--file", options.file().toString()));
        }
        if (options.loop()) {
            cmd.add("--loop");
        }
        if (options.user() != null) {
            cmd.addAll(List.of("--user", options.user(), "--password", options.password()));
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String ready;
        try {
            ready = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return null;
                }
            }).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IOException("RTSP server did not become ready within 30 s", e);
        }
        if (ready == null || !ready.startsWith("READY ")) {
            p.destroyForcibly();
            throw new IOException("RTSP server failed to start (needs /usr/bin/python3 with gi and GStreamer's RTSP server;"
                    + " ./sharpeyes test installs them): " + ready);
        }
        process = p;
    }

    /** SIGKILL: the camera vanishes mid-stream, as when it loses power. */
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    public int port() {
        return port;
    }

    /** URL of mount {@code i} without credentials. */
    public String url(int mount) {
        return "rtsp://127.0.0.1:" + port + "/cam" + mount;
    }

    public String url() {
        return url(0);
    }

    /** URL of mount 0 with the configured user and password in the userinfo. */
    public String urlWithCredentials() {
        return "rtsp://" + options.user() + ":" + options.password() + "@127.0.0.1:" + port + "/cam0";
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            Processes.stop(process, Duration.ofSeconds(10));
            process = null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

}
