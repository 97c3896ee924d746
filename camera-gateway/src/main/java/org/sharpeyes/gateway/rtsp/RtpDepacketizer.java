package org.sharpeyes.gateway.rtsp;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import org.sharpeyes.gateway.codec.NalUnits;

/**
 * RTP packets of one H.264 (RFC 6184) or H.265 (RFC 7798) video stream to Annex B access units:
 * single NAL unit, aggregation (STAP-A / AP) and fragmentation (FU-A / FU) packets; an access unit
 * ends at the marker bit or when the RTP timestamp changes. After a sequence gap (or a malformed
 * packet) access units are dropped until the next complete keyframe, so a decoder never sees a
 * broken reference chain; a keyframe that does not carry its parameter sets in-band gets the
 * latest known ones (from the SDP or earlier in the stream) in front, so every keyframe decodes
 * on its own. The very first access unit delivered is a keyframe.
 *
 * <p>NAL units are copied from the network buffer into one reused scratch array; the only
 * allocation per access unit is the delivered array. Not supported (the access unit is dropped as
 * broken): STAP-B, MTAP, FU-B, PACI, and H.265 DONL fields (sprop-max-don-diff &gt; 0), which
 * cameras do not send. Confined to one thread.
 */
final class RtpDepacketizer {
    /** Receives each complete access unit. */
    interface Sink {
        /**
         * @param pts            RTP timestamp extended to 64 bits (90 kHz for video)
         * @param annexB         owned by the sink from now on
         * @param receivedNanos  {@link System#nanoTime()} when the access unit's last packet arrived
         */
        void accessUnit(long pts, boolean keyframe, byte[] annexB, long receivedNanos);
    }

    private static final byte[] START = {0, 0, 0, 1};
    /** Larger access units are dropped: no camera frame comes near this, a corrupt stream might. */
    private static final int MAX_AU_BYTES = 32 << 20;

    private final boolean hevc;
    private final int payloadType;
    private final Sink sink;
    /** The latest parameter sets by slot (VPS, SPS, PPS); null while unknown. */
    private final byte[][] sets = new byte[3][];
    /** Bit per slot that an access unit must carry to decode on its own. */
    private final int requiredSets;

    private byte[] au = new byte[64 * 1024]; // grows to the largest access unit seen
    private int auLength;
    private boolean inAu;
    private int auTimestamp;
    private boolean auKeyframe;
    private int auSets;
    private boolean auBroken;
    /** The access unit has a slice already. */
    private boolean auSlice;
    private long auNanos;
    /** Start of the NAL unit a fragmentation unit is filling in {@code au}, or -1 outside one. */
    private int fuStart = -1;

    private int expectedSeq = -1;
    private boolean waitKeyframe = true;
    private boolean haveTimestamp;
    private int lastTimestamp;
    private long extendedTimestamp;
    private long dropped;

    /** @param sdpSets parameter sets from the SDP (each one NAL unit without start code); may be empty */
    RtpDepacketizer(boolean hevc, int payloadType, Iterable<byte[]> sdpSets, Sink sink) {
        this.hevc = hevc;
        this.payloadType = payloadType;
        this.sink = sink;
        this.requiredSets = hevc ? 0b111 : 0b110;
        for (byte[] nal : sdpSets) {
            int slot = nal.length == 0 ? -1 : slot(nal[0], nal.length > 1 ? nal[1] : 0);
            if (slot >= 0) {
                sets[slot] = nal.clone();
            }
        }
    }

    /** The latest parameter sets as Annex B (VPS, SPS, PPS order), what FFmpeg takes as extradata; empty if none. */
    byte[] parameterSetsAnnexB() {
        int n = 0;
        for (byte[] s : sets) {
            n += s == null ? 0 : START.length + s.length;
        }
        byte[] out = new byte[n];
        writeSets(out);
        return out;
    }

    /** The latest SPS NAL unit, or null. */
    byte[] sps() {
        return sets[1];
    }

    /** Access units dropped since creation: broken by loss, or before the first keyframe. */
    long dropped() {
        return dropped;
    }

    /** One RTP packet: {@code length} bytes at {@code index} of {@code buf}; the buffer is only read. */
    void rtp(ByteBuf buf, int index, int length, long nowNanos) {
        if (length < 12 || (buf.getByte(index) & 0xC0) != 0x80) {
            markLoss();
            return;
        }
        int b0 = buf.getByte(index) & 0xFF;
        int b1 = buf.getByte(index + 1) & 0xFF;
        if ((b1 & 0x7F) != payloadType) {
            return; // another payload type on the same channel (e.g. a comfort-noise or FEC type): not ours
        }
        boolean marker = (b1 & 0x80) != 0;
        int seq = buf.getUnsignedShort(index + 2);
        int timestamp = buf.getInt(index + 4);
        int start = index + 12 + 4 * (b0 & 0x0F);
        int end = index + length;
        if ((b0 & 0x10) != 0) { // header extension: 16-bit profile, 16-bit length in words
            if (start + 4 > end) {
                markLoss();
                return;
            }
            start += 4 + 4 * buf.getUnsignedShort(start + 2);
        }
        if ((b0 & 0x20) != 0 && end > index) { // padding: the last byte counts the padding bytes
            end -= buf.getUnsignedByte(end - 1);
        }
        if (start > end) {
            markLoss();
            return;
        }

        boolean gap = false;
        if (expectedSeq >= 0 && seq != expectedSeq) {
            if ((short) (seq - expectedSeq) < 0) {
                return; // a duplicate or a late, reordered packet: its place has passed
            }
            gap = true;
        }
        expectedSeq = (seq + 1) & 0xFFFF;
        if (gap) {
            markLoss(); // the packets lost may have belonged to the access unit in progress
        }
        if (inAu && timestamp != auTimestamp) {
            flush();
        }
        if (!inAu) {
            begin(timestamp);
            auBroken |= gap; // ... or to the start of this one
        }
        auNanos = nowNanos;
        payload(buf, start, end);
        if (marker) {
            flush();
        }
    }

    private void begin(int timestamp) {
        inAu = true;
        auTimestamp = timestamp;
        auLength = 0;
        auKeyframe = false;
        auSets = 0;
        auBroken = false;
        auSlice = false;
        fuStart = -1;
    }

    private void markLoss() {
        waitKeyframe = true;
        if (inAu) {
            auBroken = true;
            fuStart = -1;
        }
    }

    private void payload(ByteBuf buf, int start, int end) {
        int header = hevc ? 2 : 1;
        if (end - start < header) {
            auBroken = true;
            return;
        }
        int b0 = buf.getUnsignedByte(start);
        int type = hevc ? (b0 >> 1) & 0x3F : b0 & 0x1F;
        boolean aggregation = hevc ? type == 48 : type == 24;
        boolean fragment = hevc ? type == 49 : type == 28;
        if (aggregation) {
            for (int i = start + header; i < end; ) {
                if (i + 2 > end) {
                    auBroken = true;
                    return;
                }
                int size = buf.getUnsignedShort(i);
                i += 2;
                if (size == 0 || i + size > end) {
                    auBroken = true;
                    return;
                }
                nal(buf, i, size);
                i += size;
            }
        } else if (fragment) {
            if (end - start < header + 1) {
                auBroken = true;
                return;
            }
            int fu = buf.getUnsignedByte(start + header);
            boolean first = (fu & 0x80) != 0;
            boolean last = (fu & 0x40) != 0;
            int dataStart = start + header + 1;
            if (first) {
                if (!reserve(START.length + header + end - dataStart)) {
                    return;
                }
                appendStart();
                fuStart = auLength;
                if (hevc) {
                    au[auLength++] = (byte) ((b0 & 0x81) | ((fu & 0x3F) << 1));
                    au[auLength++] = buf.getByte(start + 1);
                } else {
                    au[auLength++] = (byte) ((b0 & 0xE0) | (fu & 0x1F));
                }
            } else if (fuStart < 0) {
                auBroken = true; // its start was lost
                return;
            }
            if (!reserve(end - dataStart)) {
                return;
            }
            buf.getBytes(dataStart, au, auLength, end - dataStart);
            auLength += end - dataStart;
            if (last) {
                nalDone(fuStart);
                fuStart = -1;
            }
        } else if (hevc ? type >= 48 : type == 0 || type >= 24) {
            auBroken = true; // STAP-B, MTAP, FU-B, PACI, reserved types
        } else {
            nal(buf, start, end - start);
        }
    }

    private void nal(ByteBuf buf, int index, int size) {
        if (!reserve(START.length + size)) {
            return;
        }
        appendStart();
        int at = auLength;
        buf.getBytes(index, au, auLength, size);
        auLength += size;
        nalDone(at);
    }

    private void appendStart() {
        System.arraycopy(START, 0, au, auLength, START.length);
        auLength += START.length;
    }

    /**
     * A complete NAL unit now sits at {@code at .. auLength} of the scratch array. Parameter sets,
     * delimiters and SEI after the first slice are taken out again: some payloaders (GStreamer's
     * among them) repeat SPS/PPS before every slice of a keyframe, and left mid-frame, parsers would
     * split the access unit into an extra, broken frame.
     */
    private void nalDone(int at) {
        int type = hevc ? (au[at] >> 1) & 0x3F : au[at] & 0x1F;
        auKeyframe |= hevc ? type >= 16 && type <= 21 : type == 5;
        int slot = slot(au[at], auLength - at > 1 ? au[at + 1] : 0);
        if (slot >= 0) {
            byte[] known = sets[slot];
            if (known == null || !Arrays.equals(known, 0, known.length, au, at, auLength)) {
                sets[slot] = Arrays.copyOfRange(au, at, auLength); // parameter sets change rarely: no garbage per frame
            }
        }
        if (auSlice && NalUnits.startsAccessUnit(au[at], hevc)) {
            auLength = at - START.length;
            return;
        }
        if (slot >= 0) {
            auSets |= 1 << slot;
        }
        auSlice |= hevc ? type < 32 : type >= 1 && type <= 5;
    }

    /** Parameter set slot of a NAL unit: 0 VPS, 1 SPS, 2 PPS, -1 other. */
    private int slot(byte h0, byte h1) {
        int type = hevc ? (h0 >> 1) & 0x3F : h0 & 0x1F;
        if (hevc) {
            return type >= 32 && type <= 34 ? type - 32 : -1;
        }
        return type == 7 ? 1 : type == 8 ? 2 : -1;
    }

    private boolean reserve(int more) {
        long need = (long) auLength + more;
        if (need > MAX_AU_BYTES) {
            auBroken = true;
            return false;
        }
        if (need > au.length) {
            au = Arrays.copyOf(au, (int) Math.min(MAX_AU_BYTES, Math.max(need, 2L * au.length)));
        }
        return true;
    }

    private void flush() {
        inAu = false;
        long pts = extend(auTimestamp);
        if (auBroken || auLength == 0 || fuStart >= 0 || waitKeyframe && !auKeyframe) {
            // a fragmentation unit still open at the end is a lost last fragment
            dropped++;
            waitKeyframe = true;
            return;
        }
        waitKeyframe = false;
        int prefix = 0;
        if (auKeyframe && (auSets & requiredSets) != requiredSets) {
            for (byte[] s : sets) {
                prefix += s == null ? 0 : START.length + s.length;
            }
        }
        byte[] out = new byte[prefix + auLength];
        if (prefix > 0) {
            writeSets(out);
        }
        System.arraycopy(au, 0, out, prefix, auLength);
        sink.accessUnit(pts, auKeyframe, out, auNanos);
    }

    private void writeSets(byte[] out) {
        int at = 0;
        for (byte[] s : sets) {
            if (s != null) {
                System.arraycopy(START, 0, out, at, START.length);
                System.arraycopy(s, 0, out, at + START.length, s.length);
                at += START.length + s.length;
            }
        }
    }

    /** 32-bit RTP time to a continuous 64-bit count: each step is the signed 32-bit difference. */
    private long extend(int timestamp) {
        if (!haveTimestamp) {
            haveTimestamp = true;
            extendedTimestamp = Integer.toUnsignedLong(timestamp);
        } else {
            extendedTimestamp += timestamp - lastTimestamp;
        }
        lastTimestamp = timestamp;
        return extendedTimestamp;
    }
}
