package org.sharpeyes.server;

import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.sharpeyes.common.Camera;
import org.sharpeyes.common.Processes;
import org.sharpeyes.gateway.Gateway;
import org.sharpeyes.gateway.onvif.sim.OnvifSimulator;
import org.sharpeyes.gateway.onvif.sim.SimulatorConfig;
import org.sharpeyes.gateway.onvif.sim.StreamSpec;
import org.sharpeyes.gateway.registry.CameraRegistry;
import org.sharpeyes.gateway.registry.CameraSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's simulated cameras: GStreamer's RTSP server ({@code tools/rtsp/rtsp-server.py})
 * looping generated street videos ({@link DemoScenes}; test patterns when they cannot be made)
 * at real-time pace, each mount behind an ONVIF device simulator, registered once in a small demo
 * org tree (重庆市 / 渝中区 / 解放碑街道 / 较场口社区). Everything listens on 127.0.0.1 only.
 */
final class DemoCameras implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DemoCameras.class);
    private static final int CAMERAS = 4;
    private static final int RTSP_PORT = 8554;
    private static final String USER = "admin";
    private static final String PASSWORD = "demo-cam";
    private static final String[] NAMES = {"解放碑步行街北口", "较场口农贸市场", "临江门小巷", "洪崖洞停车场入口"};
    private static final String[] SITES = {"CROWDED", "MARKET", "ALLEY", "PERIMETER"};

    private final Process rtsp;
    private final Vertx vertx = Vertx.vertx();
    private final List<OnvifSimulator> simulators = new ArrayList<>();

    private DemoCameras(Process rtsp) {
        this.rtsp = rtsp;
    }

    /** Starts the cameras, or returns null with a warning when GStreamer is not installed. */
    static DemoCameras start(Path home, DataSource db, Gateway gateway) throws Exception {
        CameraRegistry registry = gateway.registry();
        Path script = home.resolve("tools/rtsp/rtsp-server.py");
        if (!Files.isExecutable(Path.of("/usr/bin/python3")) || !Files.exists(script)) {
            log.warn("demo runs without simulated cameras: needs /usr/bin/python3 with GStreamer's RTSP server"
                    + " (./sharpeyes demo installs it when run as root)");
            return null;
        }
        List<DemoScenes.Scene> scenes = DemoScenes.ensure(home.resolve(".demo/scenes"));
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), "--port", Integer.toString(RTSP_PORT),
                "--mounts", Integer.toString(CAMERAS), "--user", USER, "--password", PASSWORD));
        if (scenes.isEmpty()) {
            cmd.addAll(List.of("--width", "640", "--height", "360", "--bitrate", "800"));
        } else {
            scenes.forEach(s -> cmd.addAll(List.of("--file", s.video().toString())));
            cmd.add("--loop");
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String ready = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (ready == null || !ready.startsWith("READY")) {
            p.destroyForcibly();
            log.warn("demo runs without simulated cameras: the RTSP test server did not start ({})", ready);
            return null;
        }
        DemoCameras cams = new DemoCameras(p);
        try {
            long community = demoOrgUnit(db);
            for (int i = 0; i < CAMERAS; i++) {
                String url = "rtsp://127.0.0.1:" + RTSP_PORT + "/cam" + i;
                StreamSpec stream = scenes.isEmpty() ? new StreamSpec(url, 640, 360, 25)
                        : new StreamSpec(url, scenes.get(i).width(), scenes.get(i).height(), 25);
                OnvifSimulator sim = OnvifSimulator.start(cams.vertx, SimulatorConfig.loopback(USER, PASSWORD, stream, null, null)
                        .withHttpPort(18080 + i))
                        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                cams.simulators.add(sim);
                if (!registered(registry, NAMES[i])) {
                    registry.create(CameraSpec.builder().name(NAMES[i]).orgUnitId(community).gridCode("DEMO-G" + (i % 2 + 1))
                            .siteType(SITES[i]).position(29.557 + i * 0.002, 106.577 + i * 0.002)
                            .mainUrl("rtsp://" + USER + ":" + PASSWORD + "@127.0.0.1:" + RTSP_PORT + "/cam" + i)
                            .onvifUrl("http://127.0.0.1:" + (18080 + i) + "/onvif/device_service")
                            .vendor("SharpEyes").model("SIM-PTZ-1").build());
                }
            }
        } catch (Exception e) {
            cams.close();
            throw e;
        }
        gateway.camerasChanged();
        log.info("demo cameras started count={} rtsp=rtsp://127.0.0.1:{}/cam0..cam{} onvif=http://127.0.0.1:18080..{}",
                CAMERAS, RTSP_PORT, CAMERAS - 1, 18080 + CAMERAS - 1);
        return cams;
    }

    private static boolean registered(CameraRegistry registry, String name) {
        return registry.list(List.of(), org.sharpeyes.common.CameraRepository.Order.NAME, null, CameraRegistry.MAX_PAGE)
                .items().stream().map(Camera::name).anyMatch(name::equals);
    }

    /** The demo org tree and two grid cells, created once; returns the community's id. */
    private static long demoOrgUnit(DataSource db) throws SQLException {
        try (Connection c = db.getConnection()) {
            Long parent = null;
            String[][] tiers = {{"CITY", "500000", "重庆市"}, {"DISTRICT", "500103", "渝中区"},
                    {"STREET", "500103001", "解放碑街道"}, {"COMMUNITY", "500103001001", "较场口社区"}};
            for (String[] t : tiers) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO org_unit (parent_id, tier, code, name) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (code) DO UPDATE SET name = excluded.name RETURNING id")) {
                    ps.setObject(1, parent);
                    ps.setString(2, t[0]);
                    ps.setString(3, t[1]);
                    ps.setString(4, t[2]);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        parent = rs.getLong(1);
                    }
                }
            }
            for (int g = 1; g <= 2; g++) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO grid_cell (code, org_unit_id, name) VALUES (?, ?, ?)"
                        + " ON CONFLICT (code) DO NOTHING")) {
                    ps.setString(1, "DEMO-G" + g);
                    ps.setLong(2, parent);
                    ps.setString(3, "较场口第" + g + "网格");
                    ps.executeUpdate();
                }
            }
            return parent;
        }
    }

    @Override
    public void close() {
        simulators.forEach(OnvifSimulator::close);
        vertx.close();
        Processes.stop(rtsp, Duration.ofSeconds(5));
    }
}
