package org.sharpeyes.console.live;

import java.util.ArrayList;
import java.util.List;
import org.sharpeyes.gateway.codec.H265Sps;

/**
 * An H.265 track: hvc1 sample entry with its HEVCDecoderConfigurationRecord (ISO/IEC 14496-15
 * §8.3.3). hvc1 rather than hev1 because Safari plays only hvc1; it promises that every parameter
 * set is in the sample entry, so the muxer strips them from samples and starts a new init segment
 * when they change.
 */
record HevcFormat(H265Sps sps, List<byte[]> vpsNals, List<byte[]> spsNals, List<byte[]> ppsNals) implements TrackFormat {
    HevcFormat {
        vpsNals = List.copyOf(vpsNals);
        spsNals = List.copyOf(spsNals);
        ppsNals = List.copyOf(ppsNals);
    }

    @Override
    public List<byte[]> parameterSets() {
        List<byte[]> all = new ArrayList<>(vpsNals);
        all.addAll(spsNals);
        all.addAll(ppsNals);
        return all;
    }

    @Override
    public void writeSampleEntry(BoxWriter w) {
        TrackFormat.writeVisualEntryStart(w, "hvc1", width(), height());
        w.open("hvcC").u8(1)
                .u8(sps.profileSpace() << 6 | (sps.highTier() ? 0x20 : 0) | sps.profile())
                .u32(Integer.toUnsignedLong(sps.compatibility()))
                .u16((int) (sps.constraints() >>> 32)).u32(sps.constraints() & 0xFFFFFFFFL)
                .u8(sps.level())
                .u16(0xF000) // min_spatial_segmentation_idc 0
                .u8(0xFC) // parallelismType 0 (unknown)
                .u8(0xFC | sps.chromaFormat())
                .u8(0xF8 | (sps.bitDepthLuma() - 8))
                .u8(0xF8 | (sps.bitDepthChroma() - 8))
                .u16(0) // avgFrameRate unknown
                .u8(sps.subLayers() << 3 | (sps.temporalIdNested() ? 4 : 0) | 3) // constantFrameRate 0, 4-byte lengths
                .u8(3);
        array(w, 32, vpsNals);
        array(w, 33, spsNals);
        array(w, 34, ppsNals);
        w.close().close();
    }

    private static void array(BoxWriter w, int type, List<byte[]> nals) {
        w.u8(0x80 | type).u16(nals.size()); // array_completeness 1: none in-band
        for (byte[] n : nals) {
            w.u16(n.length).bytes(n);
        }
    }
}
