package org.sharpeyes.gateway.rtsp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random access units, cut into RTP packets in random ways (single NAL, STAP-A/AP, FU-A/FU with
 * random fragment sizes, random CSRCs, header extensions and padding), interleaved with RTSP
 * responses into one TCP byte stream that arrives in random chunks: the same Annex B access units
 * come out, with the 32-bit RTP clock extended across its wrap.
 */
class RtpDepacketizerProperties {
    private static final byte[] START = {0, 0, 0, 1};

    /** One access unit as sent: its NAL units and what the depacketizer must deliver for it. */
    record Au(long pts, boolean keyframe, List<byte[]> nals) {
        byte[] annexB() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] n : nals) {
                out.writeBytes(START);
                out.writeBytes(n);
            }
            return out.toByteArray();
        }
    }

    record Delivered(long pts, boolean keyframe, byte[] data) {
    }

    /** An RTP packet and the index of the access unit it belongs to. */
    record Rtp(byte[] bytes, int au) {
    }

    @Property(tries = 300)
    void randomPacketizationsReassembleToTheSameAccessUnits(@ForAll long seed, @ForAll boolean hevc,
                                                            @ForAll @IntRange(min = 1, max = 12) int aus) {
        Random rnd = new Random(seed);
        List<Au> sent = accessUnits(rnd, hevc, aus);
        List<Rtp> packets = packetize(rnd, hevc, sent);
        List<Object> responses = new ArrayList<>();
        List<Delivered> got = run(rnd, hevc, packets, -1, responses);

        assertThat(got).hasSize(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            assertThat(got.get(i).data()).as("access unit %d", i).isEqualTo(sent.get(i).annexB());
            assertThat(got.get(i).keyframe()).isEqualTo(sent.get(i).keyframe());
            assertThat(got.get(i).pts() - got.get(0).pts()).as("pts of %d, across the 32-bit wrap", i)
                    .isEqualTo(sent.get(i).pts() - sent.get(0).pts());
        }
        assertThat(responses).as("RTSP responses between the frames").hasSize((packets.size() + 3) / 4)
                .allSatisfy(r -> assertThat(new String(((RtspResponse) r).body(), StandardCharsets.UTF_8)).isEqualTo("ok"));
    }

    @Property(tries = 300)
    void aLostPacketDropsItsAccessUnitsUntilTheNextKeyframe(@ForAll long seed, @ForAll boolean hevc,
                                                           @ForAll @IntRange(min = 2, max = 12) int aus) {
        Random rnd = new Random(seed);
        List<Au> sent = accessUnits(rnd, hevc, aus);
        List<Rtp> packets = packetize(rnd, hevc, sent);
        // losing the very first packet cannot be told from joining mid-stream: lose any other
        int lost = 1 + rnd.nextInt(packets.size() - 1);
        List<Delivered> got = run(rnd, hevc, packets, lost, new ArrayList<>());

        // The gap shows on the next packet: its access unit may have lost its start, so it goes too.
        int k = packets.get(lost).au();
        int m = lost + 1 < packets.size() ? packets.get(lost + 1).au() : k;
        List<byte[]> expected = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            expected.add(sent.get(i).annexB());
        }
        boolean resumed = false;
        for (int i = m + 1; i < sent.size() && lost + 1 < packets.size(); i++) {
            resumed |= sent.get(i).keyframe();
            if (resumed) {
                expected.add(sent.get(i).annexB());
            }
        }
        assertThat(got.stream().map(Delivered::data).toList()).containsExactlyElementsOf(expected);
    }

    @Property(tries = 100)
    void aKeyframeWithoutInBandParameterSetsGetsTheSdpOnesInFront(@ForAll long seed, @ForAll boolean hevc) {
        Random rnd = new Random(seed);
        Au withSets = accessUnits(rnd, hevc, 1).get(0);
        List<byte[]> sets = withSets.nals().subList(0, hevc ? 3 : 2);
        List<byte[]> slices = withSets.nals().subList(sets.size(), withSets.nals().size());
        Au bare = new Au(withSets.pts(), true, slices);
        List<Delivered> got = new ArrayList<>();
        RtpDepacketizer d = new RtpDepacketizer(hevc, 96, sets, (pts, key, data, nanos) -> got.add(new Delivered(pts, key, data)));
        for (Rtp p : packetize(rnd, hevc, List.of(bare))) {
            d.rtp(Unpooled.wrappedBuffer(p.bytes()), 0, p.bytes().length, 0);
        }
        assertThat(got).hasSize(1);
        assertThat(got.get(0).keyframe()).isTrue();
        assertThat(got.get(0).data()).as("SDP parameter sets, then the slices").isEqualTo(withSets.annexB());
        assertThat(d.parameterSetsAnnexB()).isEqualTo(new Au(0, true, sets).annexB());
    }

    /** Feeds the packets (all but {@code lose}) as one interleaved TCP stream in random chunks. */
    private static List<Delivered> run(Random rnd, boolean hevc, List<Rtp> packets, int lose, List<Object> responses) {
        List<Delivered> got = new ArrayList<>();
        RtpDepacketizer d = new RtpDepacketizer(hevc, 96, List.of(), (pts, key, data, nanos) -> got.add(new Delivered(pts, key, data)));
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < packets.size(); i++) {
            if (i % 4 == 0) {
                stream.writeBytes("RTSP/1.0 200 OK\r\nCSeq: 7\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
            }
            if (i == lose) {
                continue;
            }
            if (rnd.nextInt(8) == 0) { // RTCP-like noise on channel 1, which the RTP path must not see
                byte[] noise = new byte[rnd.nextInt(100)];
                rnd.nextBytes(noise);
                frame(stream, 1, noise);
            }
            frame(stream, 0, packets.get(i).bytes());
        }
        byte[] all = stream.toByteArray();
        EmbeddedChannel ch = new EmbeddedChannel(new InterleavedDecoder((channel, buf, index, length) -> {
            if (channel == 0) {
                d.rtp(buf, index, length, 0);
            }
        }));
        for (int at = 0; at < all.length; ) {
            int n = Math.min(all.length - at, 1 + rnd.nextInt(3000));
            ch.writeInbound(Unpooled.wrappedBuffer(all, at, n));
            at += n;
        }
        for (Object o; (o = ch.readInbound()) != null; ) {
            responses.add(o);
        }
        ch.finishAndReleaseAll();
        return got;
    }

    private static void frame(ByteArrayOutputStream stream, int channel, byte[] p) {
        stream.write('$');
        stream.write(channel);
        stream.write(p.length >> 8);
        stream.write(p.length);
        stream.writeBytes(p);
    }

    private static List<Au> accessUnits(Random rnd, boolean hevc, int count) {
        List<Au> out = new ArrayList<>();
        long pts = Integer.toUnsignedLong(-1 - rnd.nextInt(20_000)); // just below the 32-bit wrap
        for (int i = 0; i < count; i++) {
            boolean key = i == 0 || rnd.nextInt(4) == 0;
            List<byte[]> nals = new ArrayList<>();
            if (key) {
                if (hevc) {
                    nals.add(nal(rnd, hevc, 32, 20));
                }
                nals.add(nal(rnd, hevc, hevc ? 33 : 7, 30));
                nals.add(nal(rnd, hevc, hevc ? 34 : 8, 8));
            }
            int slices = 1 + rnd.nextInt(3);
            for (int s = 0; s < slices; s++) {
                nals.add(nal(rnd, hevc, key ? (hevc ? 19 : 5) : 1, 1 + rnd.nextInt(rnd.nextBoolean() ? 200 : 6000)));
            }
            out.add(new Au(pts, key, nals));
            pts += 3600;
        }
        return out;
    }

    private static byte[] nal(Random rnd, boolean hevc, int type, int payload) {
        int header = hevc ? 2 : 1;
        byte[] n = new byte[header + payload];
        rnd.nextBytes(n);
        if (hevc) {
            n[0] = (byte) (type << 1);
            n[1] = 1;
        } else {
            n[0] = (byte) ((rnd.nextInt(4) << 5) | type);
        }
        return n;
    }

    /** RTP packets of every access unit, the packet size limit and the packing chosen at random. */
    private static List<Rtp> packetize(Random rnd, boolean hevc, List<Au> aus) {
        List<Rtp> out = new ArrayList<>();
        int seq = rnd.nextInt(65536);
        int header = hevc ? 2 : 1;
        for (int a = 0; a < aus.size(); a++) {
            Au au = aus.get(a);
            int mtu = 60 + rnd.nextInt(1400);
            List<byte[]> payloads = new ArrayList<>();
            List<byte[]> nals = au.nals();
            for (int i = 0; i < nals.size(); ) {
                byte[] n = nals.get(i);
                if (n.length + 2 < mtu / 2 && i + 1 < nals.size() && nals.get(i + 1).length + n.length + 6 < mtu && rnd.nextBoolean()) {
                    ByteArrayOutputStream agg = new ByteArrayOutputStream();
                    if (hevc) {
                        agg.write(48 << 1);
                        agg.write(1);
                    } else {
                        agg.write(24 | (n[0] & 0x60));
                    }
                    int used = header;
                    while (i < nals.size() && used + 2 + nals.get(i).length <= mtu) {
                        byte[] x = nals.get(i++);
                        agg.write(x.length >> 8);
                        agg.write(x.length);
                        agg.writeBytes(x);
                        used += 2 + x.length;
                    }
                    payloads.add(agg.toByteArray());
                } else if (n.length <= mtu && rnd.nextInt(3) > 0) {
                    payloads.add(n);
                    i++;
                } else {
                    for (int at = header; at < n.length; ) {
                        int size = Math.min(n.length - at, 1 + rnd.nextInt(Math.max(1, mtu - header - 1)));
                        ByteArrayOutputStream fu = new ByteArrayOutputStream();
                        int type = hevc ? (n[0] >> 1) & 0x3F : n[0] & 0x1F;
                        if (hevc) {
                            fu.write((n[0] & 0x81) | (49 << 1));
                            fu.write(n[1]);
                        } else {
                            fu.write((n[0] & 0xE0) | 28);
                        }
                        fu.write((at == header ? 0x80 : 0) | (at + size == n.length ? 0x40 : 0) | type);
                        fu.write(n, at, size);
                        payloads.add(fu.toByteArray());
                        at += size;
                    }
                    i++;
                }
            }
            for (int p = 0; p < payloads.size(); p++) {
                out.add(new Rtp(rtp(rnd, seq, (int) au.pts(), p == payloads.size() - 1, payloads.get(p)), a));
                seq = (seq + 1) & 0xFFFF;
            }
        }
        return out;
    }

    private static byte[] rtp(Random rnd, int seq, int timestamp, boolean marker, byte[] payload) {
        int csrcs = rnd.nextInt(3);
        boolean extension = rnd.nextInt(4) == 0;
        int padding = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(8) : 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x80 | (padding > 0 ? 0x20 : 0) | (extension ? 0x10 : 0) | csrcs);
        out.write((marker ? 0x80 : 0) | 96);
        out.write(seq >> 8);
        out.write(seq);
        for (int s = 24; s >= 0; s -= 8) {
            out.write(timestamp >> s);
        }
        out.writeBytes(new byte[] {1, 2, 3, 4}); // SSRC
        out.writeBytes(new byte[4 * csrcs]);
        if (extension) {
            int words = rnd.nextInt(3);
            out.writeBytes(new byte[] {(byte) 0xBE, (byte) 0xDE, 0, (byte) words});
            out.writeBytes(new byte[4 * words]);
        }
        out.writeBytes(payload);
        if (padding > 0) {
            out.writeBytes(new byte[padding - 1]);
            out.write(padding);
        }
        return out.toByteArray();
    }
}
