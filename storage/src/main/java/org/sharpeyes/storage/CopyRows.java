package org.sharpeyes.storage;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.sharpeyes.common.Box;
import org.sharpeyes.common.Detection;
import org.sharpeyes.common.PlateColor;

/**
 * Detections as PostgreSQL COPY text rows. The same bytes go to the database and, while it is
 * unreachable, to the journal, so a replay writes exactly what a direct write would have.
 * Public only so the ingest benchmark can hand psql byte-identical rows.
 */
public final class CopyRows {
    /** Column order of every row; matches detection_template. */
    public static final String COLUMNS = "ts, id, kind, camera_id, city_code, district_code, street_code, community_code,"
            + " grid_code, site_type, plate_text, plate_norm, plate_color, confidence, box_x, box_y, box_w, box_h,"
            + " track_id, snapshot_key, crop_key, attributes";

    private CopyRows() {
    }

    public static byte[] encode(List<Detection> batch) {
        StringBuilder sb = new StringBuilder(batch.size() * 256);
        for (Detection d : batch) {
            append(sb, d);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void append(StringBuilder sb, Detection d) {
        var p = d.placement();
        Box box = d.box();
        sb.append(d.time()).append('\t').append(d.id()).append('\t').append(d.kind().name()).append('\t')
                .append(d.cameraId()).append('\t');
        text(sb, p.cityCode()).append('\t');
        text(sb, p.districtCode()).append('\t');
        text(sb, p.streetCode()).append('\t');
        text(sb, p.communityCode()).append('\t');
        text(sb, p.gridCode()).append('\t');
        sb.append(p.siteType().name()).append('\t');
        text(sb, d.plateText()).append('\t');
        text(sb, d.plateNorm()).append('\t');
        PlateColor color = d.plateColor();
        text(sb, color == null ? null : color.name()).append('\t');
        sb.append(d.confidence()).append('\t');
        if (box == null) {
            sb.append("\\N\t\\N\t\\N\t\\N\t");
        } else {
            sb.append(box.x()).append('\t').append(box.y()).append('\t').append(box.width()).append('\t')
                    .append(box.height()).append('\t');
        }
        sb.append(d.trackId()).append('\t');
        text(sb, d.snapshotKey()).append('\t');
        text(sb, d.cropKey()).append('\t');
        text(sb, json(d.attributes())).append('\n');
    }

    /** COPY text escaping: backslash, tab, newline and carriage return; null is \N. */
    static StringBuilder text(StringBuilder sb, String s) {
        if (s == null) {
            return sb.append("\\N");
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(ch);
            }
        }
        return sb;
    }

    static String json(Map<String, String> map) {
        StringBuilder sb = new StringBuilder("{");
        map.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (sb.length() > 1) {
                sb.append(',');
            }
            jsonString(sb, e.getKey()).append(':');
            jsonString(sb, e.getValue());
        });
        return sb.append('}').toString();
    }

    static StringBuilder jsonString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"' || ch == '\\') {
                sb.append('\\').append(ch);
            } else if (ch < 0x20) {
                sb.append(String.format("\\u%04x", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.append('"');
    }

}
