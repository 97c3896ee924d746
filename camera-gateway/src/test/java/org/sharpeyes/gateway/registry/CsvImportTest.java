package org.sharpeyes.gateway.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.common.AnalyticsSettings;
import org.sharpeyes.common.Camera;
import org.sharpeyes.common.CameraRepository;
import org.sharpeyes.common.SiteType;

class CsvImportTest {
    static final String KEY = CredentialCipher.newKeySpec("k1");

    @TempDir
    static Path dir;
    static RegistryDb db;
    CredentialCipher cipher;
    CameraRegistry registry;
    CsvImport csv;

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
        cipher = CredentialCipher.of(List.of(KEY), null);
        registry = new CameraRegistry(db.repository, cipher);
        csv = new CsvImport(db.repository, cipher);
    }

    @Test
    void goodRowsAreStoredAndEachBadRowIsReportedWithItsLineAndReason() {
        String g0 = db.tree.grids().get(0);
        String g2 = db.tree.grids().get(2);
        registry.create(CameraSpec.builder().name("已登记").gridCode(g0).siteType("ROAD").mainUrl("rtsp://10.0.9.9/live").build());
        String file = String.join("\n",
                "name,grid_code,site_type,lat,lon,main_url,username,password,vendor,org_unit_code,gb_device_id,plates,fps,roi",
                "解放碑东口," + g0 + ",CROWDED,29.5577,106.5779,rtsp://admin:pw1@10.0.0.1/live,,,海康威视,,,,,",      // 2 good
                "西门," + g0 + ",ROAD,29.5,106.5,http//10.0.0.2/live,,,,,,,,",                                          // 3 bad URL
                "南门,G-NOWHERE,ROAD,29.5,106.5,rtsp://10.0.0.3/live,,,,,,,,",                                         // 4 unknown grid
                "\"朝天门, 北侧\"," + g2 + ",market,29.56,106.58,rtsp://10.0.0.4/ch1,op,\"p,w\",\"大华\n股份\",,,否,12.5,"
                        + "\"0.1 0.1;0.9 0.1;0.5 0.9\"",                                                                 // 5-6 good
                "解放碑东口," + g0 + ",ROAD,29.5,106.5,rtsp://10.0.0.7/live,,,,,,,,",                                    // 7 dup name in file
                "北门," + g0 + ",ROAD,29.5,106.5,RTSP://10.0.0.1:554/live,,,,,,,,",                                     // 8 dup address in file
                "高处," + g0 + ",ROAD,91,106.5,rtsp://10.0.0.9/live,,,,,,,,",                                           // 9 lat out of range
                "短行," + g0 + ",ROAD,29.5",                                                                             // 10 column count
                "公园口," + g0 + ",公园,29.5,106.5,rtsp://10.0.0.11/live,,,,,,,,",                                      // 11 bad site type
                "已登记," + g0 + ",ROAD,29.5,106.5,rtsp://10.0.0.12/live,,,,,,,,",                                     // 12 name taken in DB
                "新名字," + g0 + ",ROAD,29.5,106.5,rtsp://10.0.9.9/live,,,,,,,,",                                       // 13 address taken in DB
                "区级," + g0 + ",OTHER,,,rtsp://10.0.0.14/live,,,,500101,50010300001320000001,yes,,",                   // 14 good
                "错区," + g0 + ",OTHER,,,rtsp://10.0.0.15/live,,,,999999,,,,",                                          // 15 unknown org unit
                "坏坐标," + g0 + ",OTHER,abc,106.5,rtsp://10.0.0.16/live,,,,,,,,",                                      // 16 lat not a number
                "坏开关," + g0 + ",OTHER,,,rtsp://10.0.0.17/live,,,,,,maybe,,",                                         // 17 bad boolean
                "");

        CsvImport.Report report = csv.run(file.getBytes(StandardCharsets.UTF_8));

        assertThat(report.stored()).isEqualTo(3);
        Map<Integer, String> byLine = report.errors().stream().collect(Collectors.toMap(CsvImport.RowError::line,
                e -> e.errors().stream().map(FieldError::toString).collect(Collectors.joining(" | "))));
        assertThat(byLine).containsOnlyKeys(3, 4, 7, 8, 9, 10, 11, 12, 13, 15, 16, 17);
        assertThat(byLine.get(3)).isEqualTo("main_url: not a URL; expected rtsp or rtsps://host[:port]/path");
        assertThat(byLine.get(4)).isEqualTo("grid_code: unknown grid cell 'G-NOWHERE'");
        assertThat(byLine.get(7)).isEqualTo("name: duplicate name: '解放碑东口' is also on line 2");
        assertThat(byLine.get(8)).isEqualTo("main_url: duplicate address: rtsp://10.0.0.1/live is also on line 2");
        assertThat(byLine.get(9)).isEqualTo("lat: out of range: 91.0 is not in [-90, 90]");
        assertThat(byLine.get(10)).isEqualTo("row: has 4 fields; the header has 14");
        assertThat(byLine.get(11)).startsWith("site_type: unknown site type '公园'; one of [ALLEY,");
        assertThat(byLine.get(12)).isEqualTo("name: duplicate name: '已登记' is already used by a registered camera");
        assertThat(byLine.get(13)).isEqualTo("main_url: duplicate address: rtsp://10.0.9.9/live is already used by a registered camera");
        assertThat(byLine.get(15)).isEqualTo("org_unit_code: unknown org unit code '999999'");
        assertThat(byLine.get(16)).isEqualTo("lat: not a number: 'abc'");
        assertThat(byLine.get(17)).isEqualTo("plates: expected true or false, got 'maybe'");
        assertThat(report.errors()).extracting(CsvImport.RowError::line).isSorted();

        Map<String, Camera> stored = registry.list(List.of(), CameraRepository.Order.NAME, null, 100).items().stream()
                .collect(Collectors.toMap(Camera::name, Function.identity()));
        assertThat(stored).containsOnlyKeys("已登记", "解放碑东口", "朝天门, 北侧", "区级");
        Camera chaotianmen = stored.get("朝天门, 北侧");
        assertThat(chaotianmen.vendor()).isEqualTo("大华\n股份");
        assertThat(chaotianmen.siteType()).isEqualTo(SiteType.MARKET);
        assertThat(chaotianmen.orgUnitId()).isEqualTo(db.tree.communities().get(1));
        assertThat(chaotianmen.analytics()).isEqualTo(new AnalyticsSettings(false, true, 12.5f, List.of(
                new AnalyticsSettings.Point(0.1, 0.1), new AnalyticsSettings.Point(0.9, 0.1), new AnalyticsSettings.Point(0.5, 0.9))));
        assertThat(registry.streamUrl(chaotianmen.id(), CameraRegistry.StreamKind.MAIN)).contains("rtsp://op:p%2Cw@10.0.0.4/ch1");
        assertThat(registry.streamUrl(stored.get("解放碑东口").id(), CameraRegistry.StreamKind.MAIN)).contains("rtsp://admin:pw1@10.0.0.1/live");
        assertThat(stored.get("区级").orgUnitId()).isEqualTo(db.tree.districts().get(0));
        assertThat(stored.get("区级").gbDeviceId()).isEqualTo("50010300001320000001");
    }

    @Test
    void excelStyleFileWithBomCrlfAndUpperCaseHeadersImportsChineseNames() throws Exception {
        String g = db.tree.grids().get(1);
        String file = "\uFEFFName,Grid_Code,SITE_TYPE,Main_URL,Username,Password\r\n"
                + "渝中区解放碑步行街３号杆," + g + ",CROWDED,rtsp://10.3.0.1/h264,admin,\"密码,含逗号\"\r\n"
                + "\"较场口\"\"老街\"\"\"," + g + ",ALLEY,rtsp://10.3.0.2/h264,,\r\n";

        CsvImport.Report report = csv.run(file.getBytes(StandardCharsets.UTF_8));

        assertThat(report).isEqualTo(new CsvImport.Report(2, List.of()));
        assertThat(registry.list(List.of(), CameraRepository.Order.NAME, null, 10).items()).extracting(Camera::name)
                .containsExactlyInAnyOrder("渝中区解放碑步行街３号杆", "较场口\"老街\"");
        assertThat(db.rawCameraTable()).contains("渝中区解放碑步行街３号杆").doesNotContain("密码").doesNotContain("含逗号");
    }

    @Test
    void aBadHeaderStopsTheImportBeforeAnyRow() {
        String file = "name,grid,site_type,colour\n东门,G,ROAD,red\n";

        CsvImport.Report report = csv.run(file.getBytes(StandardCharsets.UTF_8));

        assertThat(report.stored()).isZero();
        assertThat(report.errors()).hasSize(1);
        assertThat(report.errors().get(0).line()).isEqualTo(1);
        assertThat(report.errors().get(0).errors()).extracting(FieldError::reason).containsExactly(
                "unknown column 'grid'; known: " + String.join(", ", CsvImport.COLUMNS),
                "unknown column 'colour'; known: " + String.join(", ", CsvImport.COLUMNS),
                "required column 'grid_code' is missing",
                "required column 'main_url' is missing");
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedNamingTheFirstBadLine() throws Exception {
        String g = db.tree.grids().get(0);
        byte[] gbk = ("name,grid_code,site_type,main_url\nA," + g + ",ROAD,rtsp://10.4.0.1/x\n东门," + g + ",ROAD,rtsp://10.4.0.2/x\n")
                .getBytes(Charset.forName("GBK"));

        CsvImport.Report report = csv.run(gbk);

        assertThat(report).isEqualTo(new CsvImport.Report(0, List.of(new CsvImport.RowError(3,
                List.of(new FieldError("file", "not valid UTF-8 on this line; save the file as UTF-8"))))));
        assertThat(db.count("SELECT count(*) FROM camera")).isZero();
    }

    @Test
    void withoutAKeyRowsWithALoginAreRefusedAndTheOthersStored() {
        String g = db.tree.grids().get(0);
        String file = "name,grid_code,site_type,main_url\n"
                + "有密码," + g + ",ROAD,rtsp://u:p@10.5.0.1/x\n"
                + "无密码," + g + ",ROAD,rtsp://10.5.0.2/x\n";

        CsvImport.Report report = new CsvImport(db.repository, CredentialCipher.of(List.of(), null))
                .run(file.getBytes(StandardCharsets.UTF_8));

        assertThat(report.stored()).isEqualTo(1);
        assertThat(report.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.errors()).extracting(FieldError::field).containsExactly("password");
        });
    }
}
