package org.sharpeyes.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.common.CameraStatus;
import org.sharpeyes.gateway.health.CameraHealth;
import org.sharpeyes.gateway.hub.Packet;
import org.sharpeyes.gateway.hub.StreamInfo;
import org.sharpeyes.gateway.hub.StreamKey;
import org.sharpeyes.gateway.hub.Subscriber;
import org.sharpeyes.gateway.hub.Subscription;
import org.sharpeyes.gateway.registry.CameraSpec;
import org.sharpeyes.gateway.registry.CredentialCipher;
import org.sharpeyes.gateway.testing.RtspCamera;
import org.sharpeyes.storage.testing.TestOrgTree;

/** A gateway node against a real camera: probed while idle, pulled when watched, health stored. */
class GatewayNodeTest {
    @TempDir
    Path dataDir;

    @Test
    void aRegisteredCameraIsProbedWhileIdlePulledWhenWatchedAndItsHealthIsStored() throws Exception {
        Config config = Config.load(null, Map.of("SHARPEYES_GATEWAY_CREDENTIALKEYS", CredentialCipher.newKeySpec("k1")),
                List.of("node.dataDir=" + dataDir, "http.port=0", "node.roles=gateway,storage",
                        "gateway.probe.interval=1s", "gateway.health.sampleInterval=1s", "storage.health.flushInterval=500ms"));
        try (RtspCamera cam = RtspCamera.start(RtspCamera.Options.h264().digest("admin", "pa55"));
             Node node = Node.start(config)) {
            TestOrgTree org = TestOrgTree.seed(node.database().dataSource(), 1, 1);
            UUID id = node.registry().create(CameraSpec.builder().name("解放碑1号").orgUnitId(org.communities().get(0))
                    .gridCode(org.grids().get(0)).siteType("CROWDED").mainUrl(cam.urlWithCredentials()).build()).id();

            await().atMost(Duration.ofSeconds(20)).until(() -> status(node, id, CameraHealth.Source.PROBE) == CameraStatus.ONLINE);

            AtomicLong packets = new AtomicLong();
            try (Subscription s = node.gateway().hubs().subscribe(new StreamKey(id.toString(), StreamKey.Profile.MAIN),
                    new Subscriber() {
                        @Override
                        public void onStream(StreamInfo info) {
                        }

                        @Override
                        public void onPacket(Packet packet) {
                            packets.incrementAndGet();
                        }
                    }, Executors.newSingleThreadExecutor())) {
                await().atMost(Duration.ofSeconds(20)).until(() -> packets.get() > 25
                        && status(node, id, CameraHealth.Source.STREAM) == CameraStatus.ONLINE);
                cam.kill();
                await().atMost(Duration.ofSeconds(15)).until(() -> status(node, id, CameraHealth.Source.STREAM) == CameraStatus.OFFLINE);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> stored(node, id, "ONLINE") > 0 && stored(node, id, "OFFLINE") > 0);
        }
    }

    private static CameraStatus status(Node node, UUID id, CameraHealth.Source source) {
        return node.gateway().health().current(id).filter(h -> h.source() == source).map(CameraHealth::status).orElse(null);
    }

    private static long stored(Node node, UUID id, String status) throws Exception {
        try (Connection c = node.database().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM camera_health WHERE camera_id = ? AND status = ?")) {
            ps.setObject(1, id);
            ps.setString(2, status);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
