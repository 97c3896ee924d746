package org.sharpeyes.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.sharpeyes.gateway.registry.CredentialCipher;
import org.sharpeyes.gateway.registry.CsvImport;
import org.sharpeyes.storage.JdbcCameraRepository;
import org.sharpeyes.storage.testing.TestOrgTree;

/**
 * Camera CSV import end to end: UTF-8 decoding, parsing, validation, grid and duplicate look-ups,
 * AES-GCM sealing of the logins and the bulk insert, into an embedded PostgreSQL whose camera
 * table is emptied before each run. The file has N valid rows with Chinese names (half of them
 * with a login in the URL) and a few bad rows of each kind.
 *
 * <p>Usage: {@code CsvImportBench [rows=10000] [rounds=3]}
 */
public final class CsvImportBench {
    private static final String HEADER = "name,org_unit_code,grid_code,site_type,lat,lon,main_url,sub_url,vendor,model,plates,faces,fps";
    private static final String[] PLACES = {"解放碑", "朝天门", "较场口", "七星岗", "两路口", "上清寺", "牛角沱", "大坪", "杨家坪", "观音桥"};
    private static final String[] SPOTS = {"步行街", "小巷", "菜市场", "小区东门", "公交站", "十字路口", "学校门口", "广场"};
    private static final String[] SITES = {"ALLEY", "BUILDING", "PERIMETER", "MARKET", "CRIME_PRONE", "CROWDED", "ROAD", "OTHER"};
    private static final int BAD_PER_KIND = 5;

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path work = Files.createTempDirectory("sharpeyes-csvbench");
        try (BenchDb db = BenchDb.start(work.resolve("pg"))) {
            TestOrgTree tree = TestOrgTree.seed(db.database.dataSource(), 9, 20);
            byte[] file = generate(rows, tree);
            int bad = 4 * BAD_PER_KIND;
            System.out.printf("rows=%d valid + %d bad, file %d KiB, rounds=%d%n", rows, bad, file.length >> 10, rounds);
            CsvImport importer = new CsvImport(new JdbcCameraRepository(db.database.dataSource()),
                    CredentialCipher.of(List.of(CredentialCipher.newKeySpec("bench")), null));
            double[] seconds = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                db.execute("TRUNCATE camera", "CHECKPOINT");
                long t0 = System.nanoTime();
                CsvImport.Report report = importer.run(file);
                seconds[r] = (System.nanoTime() - t0) / 1e9;
                if (report.stored() != rows || report.errors().size() != bad || db.queryLong("SELECT count(*) FROM camera") != rows) {
                    throw new IllegalStateException("expected " + rows + " stored and " + bad + " refused, got " + report.stored()
                            + " and " + report.errors().size());
                }
                System.out.printf("round %d: %.2f s (%,.0f rows/s)%n", r + 1, seconds[r], rows / seconds[r]);
            }
            double median = Percentiles.of(seconds).median();
            System.out.println();
            System.out.println("| valid rows | bad rows | median s | target < 10 s |");
            System.out.println("|---:|---:|---:|:---:|");
            System.out.printf("| %,d | %d | %.2f | %s |%n", rows, bad, median, median < 10 ? "met" : "MISSED");
        } finally {
            BenchDb.deleteTree(work);
        }
    }

    /** Valid rows spread over every grid, then bad rows: bad URL, unknown grid, duplicate name, latitude out of range. */
    private static byte[] generate(int rows, TestOrgTree tree) {
        SplittableRandom random = new SplittableRandom(42);
        StringBuilder sb = new StringBuilder("\uFEFF").append(HEADER).append("\r\n");
        for (int i = 0; i < rows; i++) {
            int g = i % tree.grids().size();
            String district = String.format("5001%02d", g / 20 + 1);
            String name = "重庆市" + PLACES[i % PLACES.length] + SPOTS[(i / PLACES.length) % SPOTS.length] + (i + 1) + "号";
            String host = "10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255);
            String login = i % 2 == 0 ? "admin:Pa55-" + i + "@" : "";
            sb.append('"').append(name).append("\",").append(i % 3 == 0 ? district : "").append(',')
                    .append(tree.grids().get(g)).append(',').append(SITES[i % SITES.length]).append(',')
                    .append(29.4 + random.nextDouble() * 0.3).append(',').append(106.4 + random.nextDouble() * 0.3).append(',')
                    .append("rtsp://").append(login).append(host).append(":554/Streaming/Channels/101,")
                    .append("rtsp://").append(login).append(host).append("/Streaming/Channels/102,")
                    .append("海康威视,DS-2CD2T47G2-L,是,否,").append(5 + i % 4).append("\r\n");
        }
        for (int k = 0; k < BAD_PER_KIND; k++) {
            String grid = tree.grids().get(k);
            sb.append("坏地址").append(k).append(",,").append(grid).append(",ROAD,29.5,106.5,rtsp//10.250.0.").append(k).append("/x,,,,,,\r\n");
            sb.append("无网格").append(k).append(",,G-NONE-").append(k).append(",ROAD,29.5,106.5,rtsp://10.251.0.").append(k).append("/x,,,,,,\r\n");
            sb.append("\"重庆市解放碑步行街").append(k * 80 + 1).append("号\",,").append(grid).append(",ROAD,29.5,106.5,rtsp://10.252.0.")
                    .append(k).append("/x,,,,,,\r\n");
            sb.append("北极").append(k).append(",,").append(grid).append(",ROAD,91.5,106.5,rtsp://10.253.0.").append(k).append("/x,,,,,,\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private CsvImportBench() {
    }
}
