package org.sharpeyes.storage;

import java.util.List;
import java.util.Map;
import org.sharpeyes.common.HealthSample;

/** Health samples as COPY text rows of {@code camera_health}. */
final class HealthRows {
    static final String COLUMNS = "ts, camera_id, status, reason, fps, bitrate_kbps, width, height, codec, reconnects, quality";

    private HealthRows() {
    }

    static byte[] encode(List<HealthSample> samples) {
        StringBuilder sb = new StringBuilder(samples.size() * 200);
        for (HealthSample s : samples) {
            sb.append(s.time()).append('\t').append(s.cameraId()).append('\t').append(s.status().name()).append('\t');
            CopyRows.text(sb, s.reason()).append('\t');
            value(sb, s.fps()).append('\t');
            value(sb, s.bitrateKbps()).append('\t');
            value(sb, s.width()).append('\t');
            value(sb, s.height()).append('\t');
            CopyRows.text(sb, s.codec()).append('\t');
            value(sb, s.reconnects()).append('\t');
            CopyRows.text(sb, quality(s)).append('\n');
        }
        return sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** {"scores":{"BLUR":0.4,...},"faults":["BLUR"]}; null when nothing was diagnosed. */
    static String quality(HealthSample s) {
        if (s.qualityScores().isEmpty() && s.pictureFaults().isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder("{\"scores\":{");
        boolean first = true;
        for (Map.Entry<String, Double> e : s.qualityScores().entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            CopyRows.jsonString(sb, e.getKey()).append(':');
            double v = e.getValue();
            sb.append(Double.isFinite(v) ? Double.toString(v) : "null");
        }
        sb.append("},\"faults\":[");
        for (int i = 0; i < s.pictureFaults().size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            CopyRows.jsonString(sb, s.pictureFaults().get(i));
        }
        return sb.append("]}").toString();
    }

    private static StringBuilder value(StringBuilder sb, Number n) {
        if (n == null || (n instanceof Double d && !Double.isFinite(d))) {
            return sb.append("\\N");
        }
        return sb.append(n);
    }
}
