package org.sharpeyes.gateway.codec;

/** A sequence parameter set of either codec, for what needs only the picture size. */
public sealed interface Sps permits H264Sps, H265Sps {
    /** Luma samples, cropping (H.264) or the conformance window (H.265) applied. */
    int width();

    int height();

    /** The RFC 6381 codec string ({@code avc1.64001f}, {@code hvc1.1.6.L93.B0}) a browser's MSE is asked about. */
    String codecString();

    /**
     * @param nal one SPS NAL unit with its header, without start code
     * @throws MalformedNalException when it is not an SPS, truncated or a field is out of range
     */
    static Sps parse(byte[] nal, boolean hevc) {
        return hevc ? H265Sps.parse(nal) : H264Sps.parse(nal);
    }
}
