package org.sharpeyes.storage;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.sharpeyes.common.Box;
import org.sharpeyes.common.Detection;

/**
 * Detections in PostgreSQL's binary COPY format, columns as {@link CopyRows#COLUMNS}: the
 * writer's fast path. The server takes timestamps, uuids, numbers and jsonb as they are instead
 * of parsing text, which is most of what COPY costs it. The journal keeps the text form, which is
 * readable and needs no header; both store the same values (times are already whole microseconds).
 */
final class BinaryRows {
    static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    static final byte[] TRAILER = {(byte) 0xff, (byte) 0xff};

    private static final short FIELDS = 22;
    /** 2000-01-01T00:00:00Z, PostgreSQL's timestamp epoch, in microseconds since 1970. */
    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;
    private static final byte JSONB_VERSION = 1;

    private byte[] buf = new byte[1 << 16];
    private int len;

    /** The rows' tuples (no header or trailer); valid until the next call. */
    byte[] encode(List<Detection> rows) {
        len = 0;
        for (Detection d : rows) {
            tuple(d);
        }
        return Arrays.copyOf(buf, len);
    }

    private void tuple(Detection d) {
        var p = d.placement();
        Box box = d.box();
        short16(FIELDS);
        int64Field(micros(d.time()));
        uuidField(d.id());
        text(d.kind().name());
        uuidField(d.cameraId());
        text(p.cityCode());
        text(p.districtCode());
        text(p.streetCode());
        text(p.communityCode());
        text(p.gridCode());
        text(p.siteType().name());
        text(d.plateText());
        text(d.plateNorm());
        text(d.plateColor() == null ? null : d.plateColor().name());
        int32(4);
        int32(Float.floatToIntBits(d.confidence()));
        if (box == null) {
            for (int i = 0; i < 4; i++) {
                int32(-1);
            }
        } else {
            int32Field(box.x());
            int32Field(box.y());
            int32Field(box.width());
            int32Field(box.height());
        }
        int64Field(d.trackId());
        text(d.snapshotKey());
        text(d.cropKey());
        byte[] json = CopyRows.json(d.attributes()).getBytes(StandardCharsets.UTF_8);
        int32(json.length + 1);
        ensure(1);
        buf[len++] = JSONB_VERSION;
        bytes(json);
    }

    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000) - PG_EPOCH_MICROS;
    }

    private void text(String s) {
        if (s == null) {
            int32(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int32(b.length);
        bytes(b);
    }

    private void uuidField(UUID u) {
        int32(16);
        int64(u.getMostSignificantBits());
        int64(u.getLeastSignificantBits());
    }

    private void int32Field(int v) {
        int32(4);
        int32(v);
    }

    private void int64Field(long v) {
        int32(8);
        int64(v);
    }

    private void short16(short v) {
        ensure(2);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
    }

    private void int32(int v) {
        ensure(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
    }

    private void int64(long v) {
        int32((int) (v >>> 32));
        int32((int) v);
    }

    private void bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }
}
