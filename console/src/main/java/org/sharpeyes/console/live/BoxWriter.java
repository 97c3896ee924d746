package org.sharpeyes.console.live;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes ISO BMFF (MP4) boxes big-endian into a growing array: {@link #open} a box, write its
 * fields and children, {@link #close} it, and its 32-bit size is filled in then.
 */
final class BoxWriter {
    private byte[] buf;
    private int len;
    private int[] open = new int[8];
    private int depth;

    BoxWriter(int capacity) {
        buf = new byte[Math.max(capacity, 64)];
    }

    BoxWriter open(String type) {
        if (type.length() != 4) {
            throw new IllegalArgumentException("box type must have 4 characters: " + type);
        }
        if (depth == open.length) {
            open = Arrays.copyOf(open, depth * 2);
        }
        open[depth++] = len;
        u32(0); // size, set by close
        return bytes(type.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A full box: type, then version and 24 bits of flags. */
    BoxWriter open(String type, int version, int flags) {
        return open(type).u8(version).u24(flags);
    }

    BoxWriter close() {
        if (depth == 0) {
            throw new IllegalStateException("no open box");
        }
        int start = open[--depth];
        int size = len - start;
        put(start, size);
        return this;
    }

    BoxWriter u8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
        return this;
    }

    BoxWriter u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    BoxWriter u24(int v) {
        return u8(v >>> 16).u16(v);
    }

    BoxWriter u32(long v) {
        ensure(4);
        put(len, (int) v);
        len += 4;
        return this;
    }

    BoxWriter u64(long v) {
        return u32(v >>> 32).u32(v);
    }

    BoxWriter zeros(int n) {
        ensure(n);
        len += n; // the array is zero beyond len: it only grows, and bytes are never removed
        return this;
    }

    BoxWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    BoxWriter bytes(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    /** Bytes written so far. */
    int size() {
        return len;
    }

    /** Overwrites a 32-bit field written earlier at {@code offset}, e.g. an offset known only later. */
    void patch32(int offset, int v) {
        if (offset < 0 || offset + 4 > len) {
            throw new IndexOutOfBoundsException("patch at " + offset + " of " + len + " bytes");
        }
        put(offset, v);
    }

    byte[] toByteArray() {
        if (depth != 0) {
            throw new IllegalStateException(depth + " boxes still open");
        }
        return Arrays.copyOf(buf, len);
    }

    private void put(int at, int v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }
}
