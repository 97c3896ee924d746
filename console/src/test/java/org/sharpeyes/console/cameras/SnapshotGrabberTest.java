package org.sharpeyes.console.cameras;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sharpeyes.gateway.hub.HubSettings;
import org.sharpeyes.gateway.hub.Packet;
import org.sharpeyes.gateway.hub.StreamHubs;
import org.sharpeyes.gateway.hub.StreamInfo;
import org.sharpeyes.gateway.hub.StreamKey;
import org.sharpeyes.gateway.hub.Subscriber;
import org.sharpeyes.gateway.hub.Subscription;
import org.sharpeyes.gateway.rtsp.RtspPuller;
import org.sharpeyes.gateway.rtsp.RtspSettings;
import org.sharpeyes.gateway.testing.RtspCamera;

/** Snapshots of a real GStreamer camera through the hub's GOP cache. */
class SnapshotGrabberTest {
    static final StreamKey KEY = new StreamKey("cam", StreamKey.Profile.MAIN);
    static RtspCamera cam;
    static StreamHubs hubs;
    static Subscription keepPulled;

    @BeforeAll
    static void start() throws Exception {
        cam = RtspCamera.start(RtspCamera.Options.h264().size(640, 360));
        hubs = new StreamHubs(RtspPuller.opener(k -> cam.url(), RtspSettings.defaults()), HubSettings.defaults());
        // a live view holds the stream, so each snapshot starts from the cached GOP at once
        keepPulled = hubs.subscribe(KEY, new Subscriber() {
            @Override
            public void onStream(StreamInfo info) {
            }

            @Override
            public void onPacket(Packet packet) {
            }
        }, Runnable::run);
    }

    @AfterAll
    static void stop() throws Exception {
        keepPulled.close();
        hubs.close();
        cam.close();
    }

    /**
     * The answer completes inside a decode call; the grab that returns then must not free the
     * decoder under that call (it did, on the other decode thread, and the JVM aborted in FFmpeg).
     */
    @Test
    void backToBackSnapshotsAreJpegsAndNeverFreeTheDecoderUnderADecode() throws Exception {
        SnapshotGrabber grabber = new SnapshotGrabber(hubs);
        for (int i = 0; i < 300; i++) {
            byte[] jpeg = grabber.grab(KEY, 10_000);
            assertThat(jpeg).hasSizeGreaterThan(2);
            assertThat(jpeg[0]).isEqualTo((byte) 0xFF);
            assertThat(jpeg[1]).isEqualTo((byte) 0xD8);
        }
    }
}
