package org.sharpeyes.gateway.codec;

/**
 * Reads the RBSP of one NAL unit bit by bit (H.264 §7.2, H.265 §7.2): emulation prevention bytes
 * (the 03 in 00 00 03) are skipped. Running past the end is a {@link MalformedNalException}.
 */
final class BitReader {
    private final byte[] d;
    private final String what;
    private int pos;
    private int bit;
    private int zeros;

    /** @param start the first byte after the NAL header */
    BitReader(byte[] nal, int start, String what) {
        this.d = nal;
        this.pos = start;
        this.what = what;
    }

    int u(int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 1) | bit();
        }
        return v;
    }

    long u64(int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 1) | bit();
        }
        return v;
    }

    boolean flag() {
        return bit() == 1;
    }

    void skip(int n) {
        for (int i = 0; i < n; i++) {
            bit();
        }
    }

    /** Unsigned exp-Golomb; values beyond 2^31 - 2 are malformed for every field read here. */
    int ue() {
        int lead = 0;
        while (bit() == 0) {
            if (++lead > 30) {
                throw new MalformedNalException(what + ": exp-Golomb code longer than 31 bits");
            }
        }
        return lead == 0 ? 0 : (1 << lead) - 1 + u(lead);
    }

    int se() {
        int k = ue();
        return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
    }

    /** ue() that must not exceed {@code max}. */
    int ue(String field, int max) {
        int v = ue();
        if (v > max) {
            throw new MalformedNalException(what + ": " + field + " = " + v + " exceeds " + max);
        }
        return v;
    }

    private int bit() {
        if (pos >= d.length) {
            throw new MalformedNalException(what + ": truncated (" + d.length + " bytes)");
        }
        if (bit == 0 && zeros >= 2 && d[pos] == 3) {
            pos++;
            zeros = 0;
            if (pos >= d.length) {
                throw new MalformedNalException(what + ": truncated (" + d.length + " bytes)");
            }
        }
        int v = (d[pos] >> (7 - bit)) & 1;
        if (++bit == 8) {
            zeros = d[pos] == 0 ? zeros + 1 : 0;
            bit = 0;
            pos++;
        }
        return v;
    }
}
