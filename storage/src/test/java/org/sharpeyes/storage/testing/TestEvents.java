package org.sharpeyes.storage.testing;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.sharpeyes.common.Box;
import org.sharpeyes.common.Detection;
import org.sharpeyes.common.DetectionKind;
import org.sharpeyes.common.PlateColor;
import org.sharpeyes.common.Placement;
import org.sharpeyes.common.SiteType;

/** Events for tests and benchmarks: hand-placed ones, and a seeded random city. */
public final class TestEvents {
    public static final Placement CENTRE = new Placement("5001", "500103", "500103001", "500103001001", "G-500103-01", SiteType.ROAD);
    public static final Placement NORTH = new Placement("5001", "500104", "500104002", "500104002003", "G-500104-07", SiteType.ALLEY);

    private static final String PROVINCES = "渝川京沪粤苏浙鲁豫鄂湘";
    private static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String ALNUM = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    private TestEvents() {
    }

    public static Detection plate(Instant time, String plate, Placement where, UUID camera) {
        return new Detection(UUID.randomUUID(), time, camera, where, DetectionKind.PLATE, plate, PlateColor.BLUE, 0.93f,
                new Box(100, 200, 140, 44), 7, "snap/" + plate, "crop/" + plate, Map.of("lane", "2"));
    }

    public static Detection face(Instant time, Placement where, UUID camera) {
        return new Detection(UUID.randomUUID(), time, camera, where, DetectionKind.FACE, null, null, 0.88f,
                new Box(40, 50, 32, 40), 9, "snap/face", "crop/face", Map.of());
    }

    /** A city of cameras spread over districts, streets, communities and grids, seeded. */
    public static final class City {
        private final RandomGenerator random;
        private final UUID[] cameras;
        private final Placement[] placements;
        private final String[] plates;

        public City(long seed, int cameraCount, int distinctPlates) {
            random = new java.util.SplittableRandom(seed);
            cameras = new UUID[cameraCount];
            placements = new Placement[cameraCount];
            for (int i = 0; i < cameraCount; i++) {
                cameras[i] = new UUID(seed, i);
                int district = i % 12;
                int street = (i / 12) % 8;
                int community = (i / 96) % 6;
                String d = "5001" + String.format("%02d", district + 1);
                String s = d + String.format("%03d", street + 1);
                String c = s + String.format("%03d", community + 1);
                placements[i] = new Placement("5001", d, s, c, "G-" + c, SiteType.values()[i % SiteType.values().length]);
            }
            plates = new String[distinctPlates];
            for (int i = 0; i < distinctPlates; i++) {
                plates[i] = randomPlate();
            }
        }

        private String randomPlate() {
            StringBuilder sb = new StringBuilder();
            sb.append(PROVINCES.charAt(random.nextInt(4) == 0 ? random.nextInt(PROVINCES.length()) : 0));
            sb.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
            for (int k = 0; k < 5; k++) {
                sb.append(ALNUM.charAt(random.nextInt(k < 2 ? ALNUM.length() : 10)));
            }
            return sb.toString();
        }

        /** One event at the given time: 4 plates for each face, a plate drawn with a skew. */
        public Detection next(Instant time) {
            int cam = random.nextInt(cameras.length);
            if (random.nextInt(5) == 0) {
                return face(time, placements[cam], cameras[cam]);
            }
            int p = (int) Math.min(plates.length - 1, Math.abs(random.nextGaussian()) * plates.length / 3);
            return TestEvents.plate(time, plates[p], placements[cam], cameras[cam]);
        }

        public String plateAt(int index) {
            return plates[index];
        }

        public UUID camera(int index) {
            return cameras[index];
        }
    }
}
