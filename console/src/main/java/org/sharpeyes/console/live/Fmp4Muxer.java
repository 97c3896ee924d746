package org.sharpeyes.console.live;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.sharpeyes.gateway.codec.MalformedNalException;
import org.sharpeyes.gateway.codec.NalUnits;
import org.sharpeyes.gateway.hub.Packet;
import org.sharpeyes.gateway.hub.StreamInfo;

/**
 * Remuxes a hub's Annex B H.264/H.265 access units into fragmented MP4 for Media Source
 * Extensions, without decoding: an init segment (ftyp + moov) per decoder configuration, then one
 * media segment (moof + mdat) per access unit, so a picture leaves as soon as it arrived.
 *
 * <p>Samples are AVCC (4-byte lengths). Parameter sets and access unit delimiters are taken out of
 * samples: hvc1 (the H.265 entry Safari plays) forbids in-band parameter sets, avc1 prefers them in
 * the sample entry, and a keyframe whose parameter sets differ from the current ones starts a new
 * init segment instead, which is what the browser needs to reconfigure its decoder anyway.
 *
 * <p>Time: 90 kHz throughout. Decode times are the packets' dts relative to the first packet, kept
 * strictly increasing (RTP gives dts = pts, so with B-frames they would go backwards). After a
 * reconnect or a timestamp jump the timeline continues by the wall-clock gap from the packets'
 * arrival times, so a browser that follows the live edge keeps working across reconnects. A
 * sample's duration is the decode-time step from the previous sample (the first one's from the
 * nominal frame rate): waiting for the next packet to learn the exact one would add a frame of
 * latency, and the next fragment's tfdt corrects any error at once. Confined to one thread.
 */
final class Fmp4Muxer {
    /** What one access unit became: a new init segment when the configuration changed (else both null), then its media segment. */
    record Fragment(TrackFormat format, byte[] init, byte[] segment) {
    }

    static final int TIMESCALE = Packet.TIME_BASE;
    private static final int TRACK_ID = 1;
    private static final long MAX_STEP = 10L * TIMESCALE;
    private static final int SYNC = 0x02000000; // sample_depends_on = 2: an I picture
    private static final int NON_SYNC = 0x01010000; // depends on others, sample_is_non_sync_sample

    private boolean hevc;
    private List<byte[]> streamSets; // null before stream()
    private long defaultDuration = TIMESCALE / 25;
    private TrackFormat format;
    private int sequence;

    private boolean started;
    private boolean discontinuity;
    private long origin;
    private long lastDts;
    private long lastDecode;
    private long lastNanos;
    private long duration;

    static boolean supports(String codec) {
        return "h264".equals(codec) || "hevc".equals(codec);
    }

    /**
     * A (new) connection to the stream: its codec and out-of-band parameter sets. The next fragment
     * must start at a keyframe; the timeline goes on from where it was.
     *
     * @throws IllegalArgumentException for a codec other than H.264 and H.265
     */
    void stream(StreamInfo info) {
        if (!supports(info.codec())) {
            throw new IllegalArgumentException("codec " + info.codec() + " cannot be carried to browsers (H.264 or H.265 only)");
        }
        boolean h = "hevc".equals(info.codec());
        List<byte[]> sets = new ArrayList<>();
        if (info.extradata().length > 0) {
            try {
                for (NalUnits.Nal n : NalUnits.split(info.extradata())) {
                    if (TrackFormat.isParameterSet(h, n.type(h))) {
                        sets.add(n.copy());
                    }
                }
            } catch (IllegalArgumentException e) {
                sets.clear(); // not Annex B: rely on the in-band parameter sets of the first keyframe
            }
        }
        if (h != hevc) {
            format = null;
        }
        hevc = h;
        streamSets = sets;
        if (info.fps() > 0) {
            defaultDuration = Math.round(TIMESCALE / info.fps());
        }
        discontinuity = started;
    }

    /** The current decoder configuration; null before the first keyframe. */
    TrackFormat format() {
        return format;
    }

    /**
     * @return null for a packet that cannot start the stream (not a keyframe while there is no
     *         configuration yet, or one with no picture data)
     * @throws MalformedNalException when a keyframe's parameter sets are missing or unreadable
     * @throws IllegalStateException before {@link #stream}
     */
    Fragment mux(Packet p) {
        if (streamSets == null) {
            throw new IllegalStateException("stream(info) first");
        }
        List<NalUnits.Nal> nals = NalUnits.split(p.data());
        int size = 0;
        for (NalUnits.Nal n : nals) {
            size += inSample(n) ? 4 + n.length() : 0;
        }
        if (size == 0 || !p.keyframe() && format == null) {
            return null;
        }
        byte[] init = null;
        TrackFormat changed = null;
        if (p.keyframe()) {
            TrackFormat f = TrackFormat.of(hevc, keyframeSets(nals));
            if (format == null || !f.sameAs(format)) {
                format = f;
                changed = f;
                init = init(f);
            }
        }
        long decode = decodeTime(p);
        long cto = (p.pts() - origin) - decode;
        return new Fragment(changed, init, segment(nals, size, decode, cto, p.keyframe()));
    }

    /** In-band parameter sets win; the connection's fill in what the keyframe lacks. */
    private List<byte[]> keyframeSets(List<NalUnits.Nal> nals) {
        List<byte[]> sets = new ArrayList<>();
        boolean[] have = new boolean[64];
        for (NalUnits.Nal n : nals) {
            if (TrackFormat.isParameterSet(hevc, n.type(hevc))) {
                sets.add(n.copy());
                have[n.type(hevc)] = true;
            }
        }
        for (byte[] s : streamSets) {
            int type = hevc ? (s[0] >> 1) & 0x3F : s[0] & 0x1F;
            if (!have[type]) {
                sets.add(s);
            }
        }
        return sets;
    }

    private boolean inSample(NalUnits.Nal n) {
        int type = n.type(hevc);
        return !TrackFormat.isParameterSet(hevc, type) && type != (hevc ? 35 : 9); // 35 / 9: access unit delimiter
    }

    private long decodeTime(Packet p) {
        long decode;
        if (!started) {
            started = true;
            origin = p.dts();
            decode = 0;
            duration = defaultDuration;
        } else {
            long step = p.dts() - lastDts;
            if (discontinuity || step > MAX_STEP || step < -MAX_STEP) {
                long wall = TimeUnit.NANOSECONDS.toMicros(p.receivedNanos() - lastNanos) * TIMESCALE / 1_000_000;
                decode = lastDecode + Math.max(duration, wall);
                origin = p.dts() - decode;
                discontinuity = false;
            } else {
                decode = Math.max(p.dts() - origin, lastDecode + 1);
                long d = decode - lastDecode;
                if (step > 0 && d == step) {
                    duration = d;
                }
            }
        }
        lastDts = p.dts();
        lastDecode = decode;
        lastNanos = p.receivedNanos();
        return decode;
    }

    private byte[] segment(List<NalUnits.Nal> nals, int sampleSize, long decode, long cto, boolean sync) {
        BoxWriter w = new BoxWriter(sampleSize + 128);
        w.open("moof");
        w.open("mfhd", 0, 0).u32(++sequence).close();
        w.open("traf");
        w.open("tfhd", 0, 0x020000).u32(TRACK_ID).close(); // default-base-is-moof
        w.open("tfdt", 1, 0).u64(decode).close();
        // data-offset, sample duration, size, flags and (signed, version 1) composition offset present
        w.open("trun", 1, 0x000F01).u32(1);
        int dataOffset = w.size();
        w.u32(0).u32(duration).u32(sampleSize).u32(sync ? SYNC : NON_SYNC).u32(cto);
        w.close().close().close();
        w.patch32(dataOffset, w.size() + 8);
        w.open("mdat");
        for (NalUnits.Nal n : nals) {
            if (inSample(n)) {
                w.u32(n.length()).bytes(n.data(), n.offset(), n.length());
            }
        }
        return w.close().toByteArray();
    }

    private static byte[] init(TrackFormat f) {
        BoxWriter w = new BoxWriter(1024);
        w.open("ftyp").bytes(ascii("isom")).u32(0x200).bytes(ascii("isomiso5iso6mp41")).close();
        w.open("moov");
        w.open("mvhd", 0, 0).u32(0).u32(0).u32(1000).u32(0) // times, timescale, duration unknown
                .u32(0x00010000).u16(0x0100).zeros(10); // rate 1.0, volume 1.0, reserved
        matrix(w);
        w.zeros(24).u32(TRACK_ID + 1).close();
        w.open("trak");
        w.open("tkhd", 0, 3).u32(0).u32(0).u32(TRACK_ID).u32(0).u32(0) // enabled, in movie
                .zeros(8).u16(0).u16(0).u16(0).u16(0); // reserved, layer, alternate_group, volume, reserved
        matrix(w);
        w.u32((long) f.width() << 16).u32((long) f.height() << 16).close();
        w.open("mdia");
        w.open("mdhd", 0, 0).u32(0).u32(0).u32(TIMESCALE).u32(0).u16(0x55C4).u16(0).close(); // language "und"
        w.open("hdlr", 0, 0).u32(0).bytes(ascii("vide")).zeros(12).bytes(ascii("VideoHandler")).u8(0).close();
        w.open("minf");
        w.open("vmhd", 0, 1).zeros(8).close();
        w.open("dinf").open("dref", 0, 0).u32(1).open("url ", 0, 1).close().close().close();
        w.open("stbl");
        w.open("stsd", 0, 0).u32(1);
        f.writeSampleEntry(w);
        w.close();
        w.open("stts", 0, 0).u32(0).close();
        w.open("stsc", 0, 0).u32(0).close();
        w.open("stsz", 0, 0).u32(0).u32(0).close();
        w.open("stco", 0, 0).u32(0).close();
        w.close().close().close().close(); // stbl, minf, mdia, trak
        w.open("mvex").open("trex", 0, 0).u32(TRACK_ID).u32(1).u32(0).u32(0).u32(0).close().close();
        return w.close().toByteArray();
    }

    private static void matrix(BoxWriter w) {
        w.u32(0x00010000).u32(0).u32(0).u32(0).u32(0x00010000).u32(0).u32(0).u32(0).u32(0x40000000);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
