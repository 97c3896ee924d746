package org.sharpeyes.console.live;

import java.util.ArrayList;
import java.util.List;
import org.sharpeyes.gateway.codec.H264Sps;
import org.sharpeyes.gateway.codec.H265Sps;
import org.sharpeyes.gateway.codec.MalformedNalException;
import org.sharpeyes.gateway.codec.Sps;

/**
 * The codec configuration of the one video track of a live stream: what goes into the init
 * segment's sample entry and what the browser is asked about in {@code MediaSource.isTypeSupported}.
 */
sealed interface TrackFormat permits AvcFormat, HevcFormat {
    /** RFC 6381 codec string, e.g. {@code avc1.64001f}. */
    /** The track's sequence parameter set, whose size and codec string the track announces. */
    Sps sps();

    default String codecString() {
        return sps().codecString();
    }

    default int width() {
        return sps().width();
    }

    default int height() {
        return sps().height();
    }

    /** The parameter set NAL units, in the order they go into the decoder configuration. */
    List<byte[]> parameterSets();

    /** The visual sample entry (avc1 with avcC, or hvc1 with hvcC) for the stsd box. */
    void writeSampleEntry(BoxWriter w);

    default String mime() {
        return "video/mp4; codecs=\"" + codecString() + "\"";
    }

    /** Whether {@code nalType} is a parameter set of this codec (kept in the sample entry, not in samples). */
    static boolean isParameterSet(boolean hevc, int nalType) {
        return hevc ? nalType >= 32 && nalType <= 34 : nalType == 7 || nalType == 8;
    }

    /**
     * @param sets parameter set NAL units (without start codes) in any order; duplicates are ignored
     * @throws MalformedNalException when one the track needs is missing or its SPS cannot be read
     */
    static TrackFormat of(boolean hevc, List<byte[]> sets) {
        List<byte[]> vps = new ArrayList<>();
        List<byte[]> sps = new ArrayList<>();
        List<byte[]> pps = new ArrayList<>();
        for (byte[] nal : sets) {
            if (nal.length == 0) {
                continue;
            }
            int type = hevc ? (nal[0] >> 1) & 0x3F : nal[0] & 0x1F;
            List<byte[]> into = hevc ? (type == 32 ? vps : type == 33 ? sps : type == 34 ? pps : null)
                    : (type == 7 ? sps : type == 8 ? pps : null);
            if (into != null && into.stream().noneMatch(n -> java.util.Arrays.equals(n, nal))) {
                into.add(nal);
            }
        }
        String codec = hevc ? "H.265" : "H.264";
        if (sps.isEmpty() || pps.isEmpty() || hevc && vps.isEmpty()) {
            throw new MalformedNalException(codec + ": parameter sets incomplete (vps=" + vps.size() + " sps=" + sps.size()
                    + " pps=" + pps.size() + ")");
        }
        return hevc ? new HevcFormat(H265Sps.parse(sps.get(0)), vps, sps, pps) : new AvcFormat(H264Sps.parse(sps.get(0)), sps, pps);
    }

    /** Same decoder configuration: the browser can keep its SourceBuffer. */
    default boolean sameAs(TrackFormat other) {
        List<byte[]> a = parameterSets();
        List<byte[]> b = other.parameterSets();
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!java.util.Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** VisualSampleEntry fields (ISO/IEC 14496-12 §12.1.3) up to the codec's configuration box. */
    static void writeVisualEntryStart(BoxWriter w, String type, int width, int height) {
        w.open(type).zeros(6).u16(1) // reserved, data_reference_index
                .zeros(16) // pre_defined, reserved, pre_defined[3]
                .u16(width).u16(height)
                .u32(0x00480000).u32(0x00480000) // 72 dpi
                .u32(0).u16(1) // reserved, frame_count
                .zeros(32) // compressorname
                .u16(0x0018).u16(0xFFFF); // depth, pre_defined = -1
    }
}
