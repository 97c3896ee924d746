package org.sharpeyes.analytics.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Protocol Buffers wire format, as far as editing an ONNX file needs it: a message is its
 * fields in file order, each a varint, a fixed 32- or 64-bit value, or a length-delimited byte
 * string (a nested message, a string or packed numbers) that the caller parses again where it
 * knows the schema. Writing the parsed fields gives back the bytes they came from, since encoders
 * write varints in their shortest form.
 */
public final class Wire {
    public static final int VARINT = 0;
    public static final int FIXED64 = 1;
    public static final int BYTES = 2;
    public static final int FIXED32 = 5;

    /** One field: {@code value} for the numeric wire types, {@code bytes} for {@link #BYTES}. */
    public record Field(int number, int type, long value, byte[] bytes) {
        public Field {
            if (number < 1 || number > (1 << 29) - 1) {
                throw new IllegalArgumentException("field number " + number + " is outside 1.." + ((1 << 29) - 1));
            }
            if (type != VARINT && type != FIXED64 && type != BYTES && type != FIXED32) {
                throw new IllegalArgumentException("wire type " + type + " of field " + number + " is not 0, 1, 2 or 5");
            }
            if ((type == BYTES) != (bytes != null)) {
                throw new IllegalArgumentException("field " + number + ": bytes go with wire type 2 and only with it");
            }
        }

        public static Field varint(int number, long value) {
            return new Field(number, VARINT, value, null);
        }

        public static Field bytes(int number, byte[] bytes) {
            return new Field(number, BYTES, 0, bytes);
        }

        public static Field string(int number, String text) {
            return bytes(number, text.getBytes(StandardCharsets.UTF_8));
        }

        public static Field message(int number, List<Field> fields) {
            return bytes(number, write(fields));
        }

        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public List<Field> fields() {
            return parse(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Field f && number == f.number && type == f.type && value == f.value
                    && Arrays.equals(bytes, f.bytes);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * (31 * number + type) + Long.hashCode(value)) + Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "#" + number + (type == BYTES ? "[" + bytes.length + " bytes]" : "=" + value);
        }
    }

    private Wire() {
    }

    /** The fields of a message; a truncated or malformed one is an IllegalArgumentException saying where. */
    public static List<Field> parse(byte[] message) {
        List<Field> fields = new ArrayList<>();
        int[] at = {0};
        while (at[0] < message.length) {
            int start = at[0];
            long tag = varint(message, at);
            if (tag >>> 3 == 0 || tag >>> 3 > (1 << 29) - 1) {
                throw new IllegalArgumentException("bad field number " + (tag >>> 3) + " at byte " + start);
            }
            int number = (int) (tag >>> 3);
            int type = (int) (tag & 7);
            switch (type) {
                case VARINT -> fields.add(Field.varint(number, varint(message, at)));
                case FIXED64 -> fields.add(new Field(number, type, fixed(message, at, 8), null));
                case FIXED32 -> fields.add(new Field(number, type, fixed(message, at, 4), null));
                case BYTES -> {
                    long length = varint(message, at);
                    if (length < 0 || length > message.length - at[0]) {
                        throw new IllegalArgumentException("field " + number + " at byte " + start + " claims " + length
                                + " bytes, " + (message.length - at[0]) + " remain");
                    }
                    fields.add(Field.bytes(number, Arrays.copyOfRange(message, at[0], at[0] + (int) length)));
                    at[0] += (int) length;
                }
                default -> throw new IllegalArgumentException("field " + number + " at byte " + start + " has wire type "
                        + type + " (groups and unknown types are not read)");
            }
        }
        return fields;
    }

    public static byte[] write(List<Field> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Field f : fields) {
            putVarint(out, (long) f.number() << 3 | f.type());
            switch (f.type()) {
                case VARINT -> putVarint(out, f.value());
                case FIXED64, FIXED32 -> {
                    for (int i = 0; i < (f.type() == FIXED64 ? 8 : 4); i++) {
                        out.write((int) (f.value() >>> 8 * i));
                    }
                }
                default -> {
                    putVarint(out, f.bytes().length);
                    out.writeBytes(f.bytes());
                }
            }
        }
        return out.toByteArray();
    }

    /** Packed varints ({@code repeated int64} in proto3 files and ONNX's packed fields). */
    public static long[] packedVarints(byte[] bytes) {
        long[] values = new long[bytes.length];
        int n = 0;
        int[] at = {0};
        while (at[0] < bytes.length) {
            values[n++] = varint(bytes, at);
        }
        return Arrays.copyOf(values, n);
    }

    private static long varint(byte[] b, int[] at) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at[0] >= b.length) {
                throw new IllegalArgumentException("varint runs past the end at byte " + at[0]);
            }
            int x = b[at[0]++];
            value |= (long) (x & 0x7f) << shift;
            if (x >= 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint longer than 10 bytes before byte " + at[0]);
    }

    private static long fixed(byte[] b, int[] at, int size) {
        if (b.length - at[0] < size) {
            throw new IllegalArgumentException(size * 8 + "-bit value runs past the end at byte " + at[0]);
        }
        long value = 0;
        for (int i = 0; i < size; i++) {
            value |= (b[at[0]++] & 0xffL) << 8 * i;
        }
        return value;
    }

    private static void putVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) (value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }
}
