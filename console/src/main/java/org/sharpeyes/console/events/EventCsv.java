package org.sharpeyes.console.events;

import java.io.IOException;
import java.io.Writer;
import org.sharpeyes.common.Camera;
import org.sharpeyes.common.Detection;

/** Events as CSV rows (RFC 4180), safe to open in a spreadsheet. */
final class EventCsv {
    static final String HEADER = "time,kind,plate,plate_color,confidence,camera,camera_id,grid,site_type,lat,lon,snapshot,crop\r\n";

    private EventCsv() {
    }

    static void write(Writer w, Detection d, Camera c) throws IOException {
        String[] cells = {d.time().toString(), d.kind().name(), d.plateText(), d.plateColor() == null ? null : d.plateColor().json(),
                Float.toString(d.confidence()), c == null ? null : c.name(), d.cameraId().toString(), d.placement().gridCode(),
                d.placement().siteType().name(), c == null || c.lat() == null ? null : c.lat().toString(),
                c == null || c.lon() == null ? null : c.lon().toString(), d.snapshotKey(), d.cropKey()};
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(cell(cells[i]));
        }
        w.write("\r\n");
    }

    /** Quotes where needed; a leading = + - @ would run as a formula in a spreadsheet, so it gets a quote mark first. */
    static String cell(String v) {
        if (v == null) {
            return "";
        }
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
