package org.sharpeyes.gateway.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.common.AnalyticsSettings;
import org.sharpeyes.common.Camera;
import org.sharpeyes.common.CameraRepository;
import org.sharpeyes.common.SiteType;
import org.slf4j.LoggerFactory;

class CameraRegistryTest {
    static final String PASSWORD = "Zq7!pa@ss:w0rd";
    static final String K1 = CredentialCipher.newKeySpec("k1");
    static final String K2 = CredentialCipher.newKeySpec("k2");

    @TempDir
    static Path dir;
    static RegistryDb db;
    CameraRegistry registry;
    ListAppender<ILoggingEvent> logs;

    @BeforeAll
    static void start() {
        db = new RegistryDb(dir.resolve("pg"));
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
    }

    @BeforeEach
    void fresh() throws Exception {
        db.clearCameras();
        registry = new CameraRegistry(db.repository, CredentialCipher.of(List.of(K1), null));
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger("org.sharpeyes")).addAppender(logs);
    }

    @AfterEach
    void noSecretWasLogged() {
        ((Logger) LoggerFactory.getLogger("org.sharpeyes")).detachAppender(logs);
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(m -> m.contains(PASSWORD) || m.contains("pa%40ss"));
    }

    CameraSpec.Builder spec(String name) {
        return CameraSpec.builder().name(name).gridCode(db.tree.grids().get(0)).siteType("crowded")
                .mainUrl("rtsp://10.1.2.3/Streaming/Channels/101");
    }

    @Test
    void createStoresEveryFieldAndMovesUserinfoIntoSealedCredentials() throws Exception {
        Camera camera = registry.create(spec("解放碑步行街东口").orgUnitId(db.tree.districts().get(0)).position(29.5577, 106.5779)
                .mainUrl("RTSP://admin:" + PASSWORD + "@CAM-1.Local:554/Streaming/Channels/101?transport=tcp")
                .subUrl("rtsp://cam-1.local/Streaming/Channels/102").onvifUrl("http://cam-1.local:80/onvif/device_service")
                .vendor("海康威视").model("DS-2CD2T47").firmware("V5.7.3").gbDeviceId("50010300001320000001")
                .plates(false).fps(12.5f).roi(List.of(new AnalyticsSettings.Point(0, 0), new AnalyticsSettings.Point(1, 0),
                        new AnalyticsSettings.Point(0.5, 1))).build());

        assertThat(camera.mainUrl()).isEqualTo("rtsp://cam-1.local/Streaming/Channels/101?transport=tcp");
        assertThat(camera.onvifUrl()).isEqualTo("http://cam-1.local/onvif/device_service");
        assertThat(camera.orgUnitId()).isEqualTo(db.tree.districts().get(0));
        assertThat(camera.siteType()).isEqualTo(SiteType.CROWDED);
        assertThat(camera.analytics()).isEqualTo(new AnalyticsSettings(false, true, 12.5f, camera.analytics().roi()));
        assertThat(camera.credentials().keyId()).isEqualTo("k1");
        assertThat(registry.get(camera.id())).contains(camera);
        assertThat(camera.toString()).doesNotContain(PASSWORD).doesNotContain("admin");
        assertThat(registry.list(List.of(), CameraRepository.Order.NAME, null, 10).toString()).doesNotContain(PASSWORD);
        assertThat(db.rawCameraTable()).contains("解放碑步行街东口").doesNotContain(PASSWORD).doesNotContain("admin");

        assertThat(registry.streamUrl(camera.id(), CameraRegistry.StreamKind.MAIN)).contains(
                "rtsp://admin:Zq7%21pa%40ss%3Aw0rd@cam-1.local/Streaming/Channels/101?transport=tcp");
        assertThat(registry.streamUrl(camera.id(), CameraRegistry.StreamKind.SUB)).contains(
                "rtsp://admin:Zq7%21pa%40ss%3Aw0rd@cam-1.local/Streaming/Channels/102");
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.startsWith("camera created id=" + camera.id()) && m.contains("mainUrl=rtsp://cam-1.local/"));
    }

    @Test
    void everyBadFieldIsReportedByNameInOneException() {
        CameraSpec bad = CameraSpec.builder().name(" ").gridCode("G-NOWHERE").siteType("PARK").position(95.0, -181.0)
                .mainUrl("http://10.0.0.1/live").subUrl("rtsp://10.0.0.1:70000/sub").onvifUrl("not a url")
                .login(null, "secret").gbDeviceId("12345").fps(0f).vendor("x".repeat(300))
                .roi(List.of(new AnalyticsSettings.Point(0.1, 0.1), new AnalyticsSettings.Point(1.5, 0.1))).build();

        assertThat(bad.toString()).doesNotContain("secret");
        assertThatThrownBy(() -> registry.create(bad)).isInstanceOfSatisfying(CameraValidationException.class, e -> {
            assertThat(e.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("name", "gridCode", "siteType",
                    "lat", "lon", "mainUrl", "subUrl", "onvifUrl", "username", "vendor", "gbDeviceId", "fps", "roi", "roi");
            assertThat(e.getMessage()).contains("gridCode: unknown grid cell 'G-NOWHERE'", "mainUrl: scheme must be rtsp or rtsps",
                    "subUrl: port must be a number from 1 to 65535", "lat: out of range", "siteType: unknown site type 'PARK'")
                    .doesNotContain("secret");
        });
        assertThat(registry.list(List.of(), CameraRepository.Order.ID, null, 10).items()).isEmpty();
    }

    @Test
    void gridMustLieInTheCamerasOrgUnitOrBelowIt() {
        CameraSpec foreign = spec("错区").orgUnitId(db.tree.districts().get(1)).build(); // grid 0 is in district 0

        assertThatThrownBy(() -> registry.create(foreign)).isInstanceOfSatisfying(CameraValidationException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("orgUnitId"));
        assertThat(registry.create(spec("市级").orgUnitId(db.tree.city()).build()).orgUnitId()).isEqualTo(db.tree.city());
        assertThat(registry.create(spec("默认").mainUrl("rtsp://10.9.9.9/x").build()).orgUnitId())
                .isEqualTo(db.tree.communities().get(0));
    }

    @Test
    void duplicateNameOrAddressIsRefusedEvenWhenSpelledDifferently() {
        registry.create(spec("东门").mainUrl("rtsp://cam.local/live").gbDeviceId("50010300001320000001").build());

        assertThatThrownBy(() -> registry.create(spec("东门").mainUrl("rtsp://other/live").build()))
                .isInstanceOfSatisfying(CameraValidationException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("name"));
        assertThatThrownBy(() -> registry.create(spec("西门").mainUrl("RTSP://u:p@CAM.local:554/live")
                .gbDeviceId("50010300001320000001").build()))
                .isInstanceOfSatisfying(CameraValidationException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("mainUrl", "gbDeviceId"));
    }

    @Test
    void updateReplacesSettingsKeepsCredentialsAndEnabledStateAndChecksDuplicates() {
        Camera a = registry.create(spec("甲").mainUrl("rtsp://admin:" + PASSWORD + "@10.0.0.1/a").build());
        registry.create(spec("乙").mainUrl("rtsp://10.0.0.2/a").build());
        registry.disable(a.id());

        Camera moved = registry.update(a.id(), spec("甲二").gridCode(db.tree.grids().get(5)).siteType("MARKET")
                .mainUrl("rtsp://10.0.0.1/a2").build()).orElseThrow();

        assertThat(moved.name()).isEqualTo("甲二");
        assertThat(moved.orgUnitId()).isEqualTo(db.tree.communities().get(2));
        assertThat(moved.enabled()).isFalse();
        assertThat(registry.streamUrl(a.id(), CameraRegistry.StreamKind.MAIN)).contains("rtsp://admin:Zq7%21pa%40ss%3Aw0rd@10.0.0.1/a2");
        assertThat(registry.update(UUID.randomUUID(), spec("丙").build())).isEmpty();
        assertThatThrownBy(() -> registry.update(a.id(), spec("乙").mainUrl("rtsp://10.0.0.1/a2").build()))
                .isInstanceOfSatisfying(CameraValidationException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("name"));

        registry.update(a.id(), spec("甲二").mainUrl("rtsp://10.0.0.1/a2").login("viewer", "other").build());
        assertThat(registry.streamUrl(a.id(), CameraRegistry.StreamKind.MAIN)).contains("rtsp://viewer:other@10.0.0.1/a2");
        assertThat(registry.streamUrl(a.id(), CameraRegistry.StreamKind.SUB)).isEmpty();
    }

    @Test
    void conflictingCredentialSourcesAreRefused() {
        CameraSpec twoLogins = spec("甲").mainUrl("rtsp://admin:one@10.0.0.1/a").subUrl("rtsp://admin:two@10.0.0.1/b").build();
        CameraSpec fieldAndUrl = spec("乙").mainUrl("rtsp://admin:one@10.0.0.1/a").login("admin", "two").build();

        assertThatThrownBy(() -> registry.create(twoLogins)).isInstanceOfSatisfying(CameraValidationException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("subUrl"));
        assertThatThrownBy(() -> registry.create(fieldAndUrl)).isInstanceOfSatisfying(CameraValidationException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("mainUrl"));
    }

    @Test
    void disableEnableDeleteAndListByOrgSubtreeInPages() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int d = i % 3;
            ids.add(registry.create(spec("摄像机" + (char) ('甲' + i)).gridCode(db.tree.grids().get(d * 2))
                    .mainUrl("rtsp://10.0.2." + i + "/live").build()).id());
        }
        assertThat(registry.disable(ids.get(0))).isTrue();
        assertThat(registry.get(ids.get(0)).orElseThrow().enabled()).isFalse();
        assertThat(registry.enable(ids.get(0))).isTrue();
        assertThat(registry.delete(ids.get(1))).isTrue();
        assertThat(registry.delete(ids.get(1))).isFalse();
        assertThat(registry.disable(ids.get(1))).isFalse();

        List<String> names = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            CameraPage page = registry.list(List.of(), CameraRepository.Order.NAME, cursor, 5);
            page.items().forEach(c -> names.add(c.name()));
            cursor = page.next();
            pages++;
        } while (cursor != null);
        assertThat(names).hasSize(11).isSorted().doesNotHaveDuplicates();
        assertThat(pages).isEqualTo(3);

        CameraPage district0 = registry.list(List.of(db.tree.districts().get(0)), CameraRepository.Order.ID, null, 100);
        assertThat(district0.items()).hasSize(4).allMatch(c -> c.orgUnitId() == db.tree.communities().get(0));
        assertThat(district0.next()).isNull();
        String nameCursor = registry.list(List.of(), CameraRepository.Order.NAME, null, 2).next();
        assertThatThrownBy(() -> registry.list(List.of(), CameraRepository.Order.ID, nameCursor, 2))
                .isInstanceOfSatisfying(CameraValidationException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("cursor"));
        assertThatThrownBy(() -> registry.list(List.of(), CameraRepository.Order.ID, null, 0))
                .isInstanceOf(CameraValidationException.class).hasMessageContaining("limit");
    }

    @Test
    void rotationReSealsUnderTheActiveKeySoTheOldKeyCanBeDropped() throws Exception {
        Camera a = registry.create(spec("甲").mainUrl("rtsp://admin:" + PASSWORD + "@10.0.0.1/a").build());
        Camera b = registry.create(spec("乙").mainUrl("rtsp://10.0.0.2/a").login("op", "二号密码").build());
        registry.create(spec("丙").mainUrl("rtsp://10.0.0.3/a").build());

        CameraRegistry both = new CameraRegistry(db.repository, CredentialCipher.of(List.of(K1, K2), "k2"));
        assertThat(both.rotateCredentials()).isEqualTo(2);
        assertThat(both.rotateCredentials()).isZero();

        CameraRegistry onlyNew = new CameraRegistry(db.repository, CredentialCipher.of(List.of(K2), null));
        assertThat(onlyNew.get(a.id()).orElseThrow().credentials().keyId()).isEqualTo("k2");
        assertThat(onlyNew.streamUrl(a.id(), CameraRegistry.StreamKind.MAIN)).contains("rtsp://admin:Zq7%21pa%40ss%3Aw0rd@10.0.0.1/a");
        assertThat(onlyNew.streamUrl(b.id(), CameraRegistry.StreamKind.MAIN)).contains(
                "rtsp://op:%E4%BA%8C%E5%8F%B7%E5%AF%86%E7%A0%81@10.0.0.2/a");
        assertThat(db.rawCameraTable()).doesNotContain(PASSWORD).doesNotContain("二号密码");

        assertThatThrownBy(() -> registry.streamUrl(a.id(), CameraRegistry.StreamKind.MAIN))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sealed with key id 'k2', which is not configured");
    }

    @Test
    void withoutAKeyCamerasWithoutLoginStillRegisterAndLoginsAreRefusedClearly() {
        CameraRegistry keyless = new CameraRegistry(db.repository, CredentialCipher.of(List.of(), null));

        assertThat(keyless.create(spec("无密码").build()).credentials()).isNull();
        assertThatThrownBy(() -> keyless.create(spec("有密码").mainUrl("rtsp://a:b@10.0.0.5/x").build()))
                .isInstanceOfSatisfying(CameraValidationException.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("password", "cannot store camera credentials: no credential key is configured"
                                + " (set gateway.credentialKeys and gateway.activeKeyId)")));
    }
}
