package org.sharpeyes.console.live;

import java.util.ArrayList;
import java.util.List;
import org.sharpeyes.gateway.codec.H264Sps;

/** An H.264 track: avc1 sample entry with its AVCDecoderConfigurationRecord (ISO/IEC 14496-15 §5.3.3). */
record AvcFormat(H264Sps sps, List<byte[]> spsNals, List<byte[]> ppsNals) implements TrackFormat {
    AvcFormat {
        spsNals = List.copyOf(spsNals);
        ppsNals = List.copyOf(ppsNals);
    }

    @Override
    public List<byte[]> parameterSets() {
        List<byte[]> all = new ArrayList<>(spsNals);
        all.addAll(ppsNals);
        return all;
    }

    @Override
    public void writeSampleEntry(BoxWriter w) {
        TrackFormat.writeVisualEntryStart(w, "avc1", width(), height());
        w.open("avcC").u8(1).u8(sps.profile()).u8(sps.constraints()).u8(sps.level())
                .u8(0xFC | 3) // lengthSizeMinusOne: 4-byte NAL lengths
                .u8(0xE0 | spsNals.size());
        for (byte[] s : spsNals) {
            w.u16(s.length).bytes(s);
        }
        w.u8(ppsNals.size());
        for (byte[] p : ppsNals) {
            w.u16(p.length).bytes(p);
        }
        if (sps.highProfile()) {
            w.u8(0xFC | sps.chromaFormat()).u8(0xF8 | (sps.bitDepthLuma() - 8)).u8(0xF8 | (sps.bitDepthChroma() - 8))
                    .u8(0); // numOfSequenceParameterSetExt
        }
        w.close().close();
    }
}
