package org.sharpeyes.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.common.AnalyticsSettings;
import org.sharpeyes.common.Camera;
import org.sharpeyes.common.CameraKeys;
import org.sharpeyes.common.CameraRepository;
import org.sharpeyes.common.GridCell;
import org.sharpeyes.common.Placement;
import org.sharpeyes.common.SealedCredentials;
import org.sharpeyes.common.SiteType;
import org.sharpeyes.storage.testing.EmbeddedDb;
import org.sharpeyes.storage.testing.TestOrgTree;

class JdbcCameraRepositoryTest {
    @TempDir
    static Path dir;
    static EmbeddedDb db;
    static Database database;
    static TestOrgTree tree;
    JdbcCameraRepository repository;

    @BeforeAll
    static void start() {
        db = new EmbeddedDb(dir.resolve("pg"));
        database = Database.open(db.settings(), Retention.DEFAULTS, Duration.ofDays(3));
        tree = TestOrgTree.seed(database.dataSource(), 3, 2);
    }

    @AfterAll
    static void stop() throws Exception {
        database.close();
        db.close();
    }

    @BeforeEach
    void emptyRegistry() throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM camera");
        }
        repository = new JdbcCameraRepository(database.dataSource());
    }

    @Test
    void everyFieldRoundTripsIncludingChineseNamesAndTheRoi() {
        Camera full = new Camera(UUID.randomUUID(), "解放碑步行街东口 1号", tree.communities().get(0), tree.grids().get(0),
                SiteType.CROWDED, 29.5577, 106.5779, "rtsp://10.1.2.3/Streaming/Channels/101", "rtsp://10.1.2.3/Streaming/Channels/102",
                "http://10.1.2.3/onvif/device_service", "海康威视", "DS-2CD2T47", "V5.7.3", "50010300001320000001",
                new AnalyticsSettings(false, true, 12.5f, List.of(new AnalyticsSettings.Point(0.1, 0.2),
                        new AnalyticsSettings.Point(0.9, 0.2), new AnalyticsSettings.Point(0.5, 0.95))),
                true, new SealedCredentials("k1", new byte[] {1, 2, 3, 0, -1}));
        Camera bare = new Camera(UUID.randomUUID(), "小巷", tree.communities().get(1), tree.grids().get(2), SiteType.ALLEY,
                null, null, "rtsp://cam.local/live", null, null, null, null, null, null, AnalyticsSettings.DEFAULTS, false, null);

        assertThat(repository.insertAll(List.of(full, bare))).containsExactlyInAnyOrder(full.id(), bare.id());

        assertThat(repository.find(full.id())).contains(full);
        assertThat(repository.find(bare.id())).contains(bare);
        assertThat(repository.find(UUID.randomUUID())).isEmpty();
    }

    @Test
    void insertSkipsRowsWhoseKeysAreTakenAndStoresTheRest() {
        Camera first = camera("东门", "rtsp://10.0.0.1/a", "50010300001320000001");
        repository.insertAll(List.of(first));
        Camera sameName = camera("东门", "rtsp://10.0.0.2/a", null);
        Camera sameUrl = camera("西门", "rtsp://10.0.0.1/a", null);
        Camera sameGb = camera("南门", "rtsp://10.0.0.3/a", "50010300001320000001");
        Camera fine = camera("北门", "rtsp://10.0.0.4/a", null);
        Camera twinOfFine = camera("北门", "rtsp://10.0.0.5/a", null);

        Set<UUID> stored = repository.insertAll(List.of(sameName, sameUrl, sameGb, fine, twinOfFine));

        assertThat(stored).containsExactly(fine.id());
        assertThat(repository.list(List.of(), CameraRepository.Order.NAME, null, 10)).extracting(Camera::name)
                .containsExactlyInAnyOrder("东门", "北门");
    }

    @Test
    void takenReportsOnlyKeysOfOtherCameras() {
        Camera a = camera("甲", "rtsp://10.0.0.1/a", "50010300001320000001");
        repository.insertAll(List.of(a, camera("乙", "rtsp://10.0.0.2/a", null)));
        CameraKeys asked = new CameraKeys(Set.of("甲", "乙", "丙"), Set.of("rtsp://10.0.0.1/a", "rtsp://10.0.0.9/a"),
                Set.of("50010300001320000001"));

        CameraKeys byAnyone = repository.taken(asked, null);
        CameraKeys byOthersThanA = repository.taken(asked, a.id());

        assertThat(byAnyone.names()).containsExactlyInAnyOrder("甲", "乙");
        assertThat(byAnyone.mainUrls()).containsExactly("rtsp://10.0.0.1/a");
        assertThat(byAnyone.gbDeviceIds()).containsExactly("50010300001320000001");
        assertThat(byOthersThanA.names()).containsExactly("乙");
        assertThat(byOthersThanA.mainUrls()).isEmpty();
        assertThat(byOthersThanA.gbDeviceIds()).isEmpty();
    }

    @Test
    void updateReplacesFieldsAndNamesTheFieldOfAConflict() {
        Camera a = camera("甲", "rtsp://10.0.0.1/a", null);
        Camera b = camera("乙", "rtsp://10.0.0.2/a", null);
        repository.insertAll(List.of(a, b));
        Camera moved = new Camera(a.id(), "甲二", tree.communities().get(2), tree.grids().get(4), SiteType.MARKET, 29.0, 106.0,
                "rtsp://10.0.0.7/a", null, null, "大华", null, null, null, AnalyticsSettings.DEFAULTS, false, null);

        assertThat(repository.update(moved)).isTrue();
        assertThat(repository.find(a.id())).contains(moved);
        assertThat(repository.update(camera("无", "rtsp://10.0.0.8/a", null))).isFalse();

        Camera urlClash = new Camera(b.id(), "乙", b.orgUnitId(), b.gridCode(), b.siteType(), null, null, "rtsp://10.0.0.7/a",
                null, null, null, null, null, null, AnalyticsSettings.DEFAULTS, true, null);
        assertThatThrownBy(() -> repository.update(urlClash)).isInstanceOfSatisfying(CameraRepository.Conflict.class,
                e -> assertThat(e.field()).isEqualTo("mainUrl"));
        Camera nameClash = new Camera(b.id(), "甲二", b.orgUnitId(), b.gridCode(), b.siteType(), null, null, b.mainUrl(),
                null, null, null, null, null, null, AnalyticsSettings.DEFAULTS, true, null);
        assertThatThrownBy(() -> repository.update(nameClash)).isInstanceOfSatisfying(CameraRepository.Conflict.class,
                e -> assertThat(e.field()).isEqualTo("name"));
    }

    @Test
    void enableDisableAndDeleteSayWhetherTheCameraExisted() {
        Camera a = camera("甲", "rtsp://10.0.0.1/a", null);
        repository.insertAll(List.of(a));

        assertThat(repository.setEnabled(a.id(), false)).isTrue();
        assertThat(repository.find(a.id()).orElseThrow().enabled()).isFalse();
        assertThat(repository.setEnabled(a.id(), true)).isTrue();
        assertThat(repository.find(a.id()).orElseThrow().enabled()).isTrue();
        assertThat(repository.delete(a.id())).isTrue();
        assertThat(repository.delete(a.id())).isFalse();
        assertThat(repository.setEnabled(a.id(), true)).isFalse();
    }

    @Test
    void listPagesByNameOrIdWithinAnOrgSubtree() {
        List<Camera> all = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int d = i % 3;
            all.add(new Camera(UUID.randomUUID(), "摄像机" + (char) ('甲' + i), tree.communities().get(d), tree.grids().get(d * 2),
                    SiteType.ROAD, null, null, "rtsp://10.0.1." + i + "/live", null, null, null, null, null, null,
                    AnalyticsSettings.DEFAULTS, true, null));
        }
        repository.insertAll(all);

        List<String> byName = new ArrayList<>();
        String after = null;
        for (List<Camera> page; !(page = repository.list(List.of(), CameraRepository.Order.NAME, after, 7)).isEmpty(); ) {
            page.forEach(c -> byName.add(c.name()));
            after = page.get(page.size() - 1).name();
        }
        assertThat(byName).hasSize(30).isSorted();

        List<UUID> byId = new ArrayList<>();
        after = null;
        for (List<Camera> page; !(page = repository.list(List.of(tree.districts().get(1)), CameraRepository.Order.ID, after, 4)).isEmpty(); ) {
            page.forEach(c -> byId.add(c.id()));
            after = page.get(page.size() - 1).id().toString();
        }
        assertThat(byId).containsExactlyInAnyOrderElementsOf(
                all.stream().filter(c -> c.orgUnitId() == tree.communities().get(1)).map(Camera::id).toList());
        assertThat(byId.stream().map(UUID::toString).toList()).isSorted();

        assertThat(repository.list(List.of(tree.city()), CameraRepository.Order.NAME, null, 100)).hasSize(30);
        assertThat(repository.list(List.of(tree.communities().get(0), tree.communities().get(2)), CameraRepository.Order.NAME, null, 100))
                .hasSize(20);
    }

    @Test
    void gridCellsCarryTheirOrgPathUpToTheCity() {
        var cells = repository.gridCells(List.of(tree.grids().get(3), "G-NOPE"));

        assertThat(cells).containsOnlyKeys(tree.grids().get(3));
        GridCell cell = cells.get(tree.grids().get(3));
        assertThat(cell.orgUnitId()).isEqualTo(tree.communities().get(1));
        assertThat(cell.orgPath()).hasSize(4).startsWith(tree.communities().get(1)).endsWith(tree.city())
                .contains(tree.districts().get(1));
        assertThat(cell.within(tree.districts().get(0))).isFalse();
        assertThat(repository.orgUnitIds(List.of("500102", "999"))).containsOnlyKeys("500102")
                .containsValue(tree.districts().get(1));
    }

    @Test
    void placementCarriesTheTierCodesUpToTheCityWithGridAndSiteType() {
        Camera c = new Camera(UUID.randomUUID(), "江北口", tree.communities().get(2), tree.grids().get(4), SiteType.MARKET,
                null, null, "rtsp://cam.local/p", null, null, null, null, null, null, AnalyticsSettings.DEFAULTS, true, null);
        repository.insertAll(List.of(c));

        assertThat(repository.placement(c.id())).contains(
                new Placement("5001", "500103", "500103001", "500103001001", tree.grids().get(4), SiteType.MARKET));
        assertThat(repository.placement(UUID.randomUUID())).isEmpty();
    }

    @Test
    void credentialsAreReplacedOnlyWhenUnchangedSinceRead() {
        Camera a = camera("甲", "rtsp://10.0.0.1/a", null).withCredentials(new SealedCredentials("old", new byte[] {1, 2}));
        Camera b = camera("乙", "rtsp://10.0.0.2/a", null).withCredentials(new SealedCredentials("new", new byte[] {3}));
        repository.insertAll(List.of(a, b, camera("丙", "rtsp://10.0.0.3/a", null)));

        var notUnderNew = repository.credentialsNotUnder("new", 10);
        assertThat(notUnderNew).containsOnlyKeys(a.id());
        SealedCredentials fresh = new SealedCredentials("new", new byte[] {9, 9});
        assertThat(repository.replaceCredentials(a.id(), new SealedCredentials("old", new byte[] {7}), fresh)).isFalse();
        assertThat(repository.replaceCredentials(a.id(), notUnderNew.get(a.id()), fresh)).isTrue();
        assertThat(repository.find(a.id()).orElseThrow().credentials()).isEqualTo(fresh);
        assertThat(repository.credentialsNotUnder("new", 10)).isEmpty();
    }

    private Camera camera(String name, String url, String gbId) {
        return new Camera(UUID.randomUUID(), name, tree.communities().get(0), tree.grids().get(0), SiteType.OTHER, null, null,
                url, null, null, null, null, null, gbId, AnalyticsSettings.DEFAULTS, true, null);
    }
}
