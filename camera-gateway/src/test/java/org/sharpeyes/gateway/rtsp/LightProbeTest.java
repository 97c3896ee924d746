package org.sharpeyes.gateway.rtsp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sharpeyes.gateway.testing.RtspCamera;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LightProbeTest {
    private static final ProbeSettings FAST = new ProbeSettings(Duration.ofSeconds(10), 10, Duration.ofSeconds(2),
            Duration.ofSeconds(2), true);

    private EventLoopGroup group;
    private LightProbe probe;
    private RtspCamera open;
    private RtspCamera locked;

    @BeforeAll
    void start() throws IOException {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        probe = new LightProbe(group, FAST);
        open = RtspCamera.start(RtspCamera.Options.h264());
        locked = RtspCamera.start(RtspCamera.Options.h264().codec("h265").digest("admin", "s3cret!"));
    }

    @AfterAll
    void stop() {
        probe.close();
        open.close();
        locked.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private ProbeResult run(String url, String user, String password) {
        return probe.probe(url, user, password).orTimeout(15, TimeUnit.SECONDS).join();
    }

    @Test
    void openCameraAnswersWithItsCodec() {
        ProbeResult r = run(open.url(), null, null);
        assertThat(r.ok()).as(r.toString()).isTrue();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.codecs()).containsExactly("H264");
        assertThat(r.auth()).isEqualTo(ProbeResult.Auth.NOT_REQUIRED);
        assertThat(r.latency()).isPositive().isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void digestCameraAcceptsTheRightPassword() {
        ProbeResult r = run(locked.url(), "admin", "s3cret!");
        assertThat(r.ok()).as(r.toString()).isTrue();
        assertThat(r.codecs()).containsExactly("H265");
        assertThat(r.auth()).isEqualTo(ProbeResult.Auth.ACCEPTED);
    }

    @Test
    void credentialsInTheUrlAreUsedAndNeverReturned() {
        ProbeResult r = run(locked.urlWithCredentials(), null, null);
        assertThat(r.auth()).as(r.toString()).isEqualTo(ProbeResult.Auth.ACCEPTED);
        assertThat(r.url()).doesNotContain("s3cret").contains("***@");
        assertThat(r.toString()).doesNotContain("s3cret");
    }

    @Test
    void wrongPasswordIsRefused() {
        ProbeResult r = run(locked.url(), "admin", "wrong");
        assertThat(r.reachable()).isTrue();
        assertThat(r.ok()).isFalse();
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.auth()).isEqualTo(ProbeResult.Auth.REFUSED);
        assertThat(r.error()).contains("credentials refused").doesNotContain("wrong");
    }

    @Test
    void missingCredentialsAreReportedAsSuch() {
        ProbeResult r = run(locked.url(), null, null);
        assertThat(r.auth()).isEqualTo(ProbeResult.Auth.NO_CREDENTIALS);
        assertThat(r.error()).contains("requires credentials");
    }

    @Test
    void unknownMountIsReachableButNotOk() {
        ProbeResult r = run("rtsp://127.0.0.1:" + open.port() + "/nope", null, null);
        assertThat(r.reachable()).isTrue();
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.error()).contains("DESCRIBE answered 404");
    }

    @Test
    void nothingListeningIsUnreachable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ProbeResult r = run("rtsp://127.0.0.1:" + port + "/cam0", null, null);
        assertThat(r.reachable()).isFalse();
        assertThat(r.status()).isZero();
        assertThat(r.error()).startsWith("cannot connect");
    }

    @Test
    void serverThatAcceptsAndNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket held = silent.accept()) {
                    held.getInputStream().readAllBytes(); // reads the request, never answers
                } catch (IOException ignored) {
                    // the test closed the server
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long t0 = System.nanoTime();
            ProbeResult r = run("rtsp://127.0.0.1:" + silent.getLocalPort() + "/cam0", null, null);
            assertThat(r.reachable()).isFalse();
            assertThat(r.error()).isEqualTo("no answer to OPTIONS within 2000 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        }
    }

    @Test
    void camerasThatStopAreUnreachableAndComeBack() throws Exception {
        RtspCamera cam = RtspCamera.start(RtspCamera.Options.h264());
        try {
            assertThat(run(cam.url(), null, null).ok()).isTrue();
            cam.kill();
            assertThat(run(cam.url(), null, null).reachable()).isFalse();
            cam.start();
            assertThat(run(cam.url(), null, null).ok()).isTrue();
        } finally {
            cam.close();
        }
    }

    @Test
    void badUrlsAreNamed() {
        ProbeResult r = run("http://127.0.0.1/x", null, null);
        assertThat(r.reachable()).isFalse();
        assertThat(r.error()).startsWith("url: expected rtsp://");
    }
}
