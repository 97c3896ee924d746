package org.sharpeyes.gateway.rtsp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits an RTSP-over-TCP byte stream (RFC 2326 §10.12) into {@code $}-interleaved binary frames and
 * RTSP messages. Frames go straight to {@link FrameSink} while still in the network buffer (no
 * object per RTP packet); RTSP responses are passed on as {@link RtspResponse}. Requests the
 * server sends us (rare: ANNOUNCE, SET_PARAMETER, ...) are skipped. Reads as many frames as each
 * read brought in one go, which is the point: one syscall per network read, not per RTP packet.
 */
final class InterleavedDecoder extends ByteToMessageDecoder {
    /** Receives interleaved frames; {@code buf} is valid only during the call. */
    interface FrameSink {
        void frame(int channel, ByteBuf buf, int index, int length);
    }

    /** Header block limit: a server that sends more is not speaking RTSP. */
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int MAX_BODY_BYTES = 256 * 1024;

    private final FrameSink frames;

    InterleavedDecoder(FrameSink frames) {
        this.frames = frames;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int start = in.readerIndex();
            if (in.getByte(start) == '$') {
                if (in.readableBytes() < 4) {
                    return;
                }
                int length = in.getUnsignedShort(start + 2);
                if (in.readableBytes() < 4 + length) {
                    return;
                }
                frames.frame(in.getUnsignedByte(start + 1), in, start + 4, length);
                in.readerIndex(start + 4 + length);
            } else {
                int bodyStart = bodyStart(in, start);
                if (bodyStart < 0) {
                    if (in.readableBytes() > MAX_HEADER_BYTES) {
                        throw new DecoderException("RTSP message header longer than " + MAX_HEADER_BYTES + " bytes");
                    }
                    return;
                }
                String head = in.toString(start, bodyStart - start, StandardCharsets.ISO_8859_1).strip();
                String[] lines = head.split("\r?\n");
                Map<String, String> headers = new LinkedHashMap<>();
                for (int i = 1; i < lines.length; i++) {
                    int colon = lines[i].indexOf(':');
                    if (colon > 0) {
                        headers.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
                    }
                }
                int bodyLength = contentLength(headers);
                if (in.writerIndex() < bodyStart + bodyLength) {
                    return;
                }
                byte[] body = new byte[bodyLength];
                in.getBytes(bodyStart, body);
                in.readerIndex(bodyStart + bodyLength);
                String first = lines[0].trim();
                if (first.startsWith("RTSP/")) {
                    out.add(response(first, headers, body));
                }
            }
        }
    }

    private static RtspResponse response(String statusLine, Map<String, String> headers, byte[] body) {
        String[] f = statusLine.split(" ", 3);
        if (f.length < 2 || f[1].length() != 3 || !f[1].chars().allMatch(Character::isDigit)) {
            throw new DecoderException("not an RTSP status line: '" + clip(statusLine) + "'");
        }
        return new RtspResponse(Integer.parseInt(f[1]), f.length > 2 ? f[2].trim() : "", headers, body);
    }

    private static int contentLength(Map<String, String> headers) {
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase("Content-Length")) {
                String v = h.getValue();
                if (v.isEmpty() || v.length() > 7 || !v.chars().allMatch(Character::isDigit) || Integer.parseInt(v) > MAX_BODY_BYTES) {
                    throw new DecoderException("Content-Length: not a number up to " + MAX_BODY_BYTES + ": '" + clip(v) + "'");
                }
                return Integer.parseInt(v);
            }
        }
        return 0;
    }

    /** Index just past the blank line ending the headers (CRLF CRLF, or LF LF), or -1 while incomplete. */
    private static int bodyStart(ByteBuf in, int from) {
        int end = in.writerIndex();
        for (int i = in.indexOf(from, end, (byte) '\n'); i >= 0 && i + 1 < end; i = in.indexOf(i + 1, end, (byte) '\n')) {
            if (in.getByte(i + 1) == '\n') {
                return i + 2;
            }
            if (in.getByte(i + 1) == '\r' && i + 2 < end && in.getByte(i + 2) == '\n') {
                return i + 3;
            }
        }
        return -1;
    }

    private static String clip(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
