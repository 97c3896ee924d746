package org.sharpeyes.console.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sharpeyes.analytics.pipeline.VideoFile;
import org.sharpeyes.gateway.hub.Packet;
import org.sharpeyes.gateway.hub.StreamInfo;

/** The muxer on real encoder output, checked with FFmpeg as an independent reader. */
class Fmp4MuxerTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
            "h264, libx264, -bf 2 -g 25",
            "hevc, libx265, -x265-params log-level=error:bframes=3:keyint=25",
    })
    void aRealStreamWithBFramesRemuxesToMp4ThatDecodesFrameForFrame(String codec, String encoder, String args) throws Exception {
        List<String> codecArgs = new ArrayList<>(List.of("-c:v", encoder));
        codecArgs.addAll(List.of(args.split(" ")));
        Path in = Tools.encode(dir, codec, "640x360", 4, codecArgs.toArray(String[]::new));

        Muxed m = mux(in);
        assertThat(m.inits).as("one configuration, one init segment").isEqualTo(1);
        assertThat(m.reordered).as("B-frames: packets with pts != dts").isPositive();
        String[] probe = Tools.probe(m.file);
        assertThat(probe[0]).isEqualTo(codec);
        assertThat(probe[1]).isEqualTo("640");
        assertThat(probe[2]).isEqualTo("360");
        assertThat(Integer.parseInt(probe[3])).as("frames decoded").isEqualTo(m.packets).isEqualTo(100);
        assertThat(Tools.decodeErrors(m.file)).as("decoding errors").isEmpty();
        // presentation order survives: frame times are evenly spaced at 25 fps
        String times = Tools.run("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "frame=pts",
                "-of", "csv=p=0", m.file.toString());
        List<Long> pts = times.lines().map(String::trim).map(s -> s.split(",")[0]).filter(s -> !s.isEmpty()).map(Long::parseLong).sorted().toList();
        for (int i = 1; i < pts.size(); i++) {
            assertThat(pts.get(i) - pts.get(i - 1)).as("pts step at frame " + i).isEqualTo(3600);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "baseline, 3.0, avc1.42c01e",
            "main, 4.0, avc1.4d4028", // x264 sets constraint_set1 (also a valid Main stream)
            "high, 3.1, avc1.64001f",
    })
    void h264CodecStringNamesProfileConstraintsAndLevel(String profile, String level, String expected) throws Exception {
        Path in = Tools.encode(dir, profile, "320x240", 0.2, "-c:v", "libx264", "-profile:v", profile, "-level", level);
        assertThat(firstFormat(in).codecString()).isEqualTo(expected);
    }

    @Test
    void h265MainCodecStringNamesProfileCompatibilityTierLevelAndConstraints() throws Exception {
        Path in = Tools.encode(dir, "main", "320x240", 0.2, "-c:v", "libx265", "-x265-params", "log-level=error:level-idc=31");
        // Main (1), compatible with Main and Main 10 (flags 1, 2: 0x6 bit-reversed), Main tier level 3.1,
        // then the constraint byte x265 writes: progressive source and frame only (0x90)
        assertThat(firstFormat(in).codecString()).isEqualTo("hvc1.1.6.L93.90");
        assertThat(firstFormat(in).mime()).isEqualTo("video/mp4; codecs=\"hvc1.1.6.L93.90\"");
    }

    @Test
    void aReconnectWithAnotherSizeStartsANewInitSegmentAndTheTimelineGoesOn() throws Exception {
        Path a = Tools.encode(dir, "a", "640x360", 1, "-c:v", "libx264", "-g", "25");
        Path b = Tools.encode(dir, "b", "320x240", 1, "-c:v", "libx264", "-g", "25");
        Fmp4Muxer muxer = new Fmp4Muxer();
        List<Fmp4Muxer.Fragment> out = new ArrayList<>();
        for (Path f : List.of(a, b)) {
            try (VideoFile v = VideoFile.open(f)) {
                muxer.stream(v.info()); // as after a reconnect: timestamps start again at 0
                for (Packet p; (p = v.read()) != null; ) {
                    out.add(muxer.mux(p));
                }
            }
        }
        List<TrackFormat> inits = out.stream().map(Fmp4Muxer.Fragment::format).filter(java.util.Objects::nonNull).toList();
        assertThat(inits).extracting(TrackFormat::width).containsExactly(640, 320);
        assertThat(out.get(25).init()).as("second stream's first fragment carries its init").isNotNull();
        assertThat(decodeTimes(out)).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void rtpTimestampsWithBFramesDtsEqualToPtsStillGiveIncreasingDecodeTimesAndDecode() throws Exception {
        Path in = Tools.encode(dir, "rtp", "320x240", 2, "-c:v", "libx264", "-bf", "2", "-g", "25");
        Fmp4Muxer muxer = new Fmp4Muxer();
        List<Fmp4Muxer.Fragment> out = new ArrayList<>();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (VideoFile v = VideoFile.open(in)) {
            muxer.stream(v.info());
            for (Packet p; (p = v.read()) != null; ) {
                // the gateway's own RTSP client knows only the RTP timestamp: dts = pts, in decode order
                Fmp4Muxer.Fragment f = muxer.mux(new Packet(p.pts(), p.pts(), p.keyframe(), p.data(), p.receivedNanos()));
                out.add(f);
                if (f.init() != null) {
                    file.write(f.init());
                }
                file.write(f.segment());
            }
        }
        assertThat(decodeTimes(out)).isSorted().doesNotHaveDuplicates();
        Path mp4 = Files.write(dir.resolve("rtp.mp4"), file.toByteArray());
        assertThat(Integer.parseInt(Tools.probe(mp4)[3])).isEqualTo(out.size());
        assertThat(Tools.decodeErrors(mp4)).isEmpty();
    }

    @Test
    void packetsBeforeTheFirstKeyframeAreRefused() throws Exception {
        Path in = Tools.encode(dir, "k", "320x240", 0.4, "-c:v", "libx264", "-g", "25");
        Fmp4Muxer muxer = new Fmp4Muxer();
        try (VideoFile v = VideoFile.open(in)) {
            muxer.stream(v.info());
            v.read(); // the keyframe, lost
            assertThat(muxer.mux(v.read())).isNull();
            assertThat(muxer.format()).isNull();
        }
    }

    private static List<Long> decodeTimes(List<Fmp4Muxer.Fragment> fragments) {
        List<Long> t = new ArrayList<>();
        for (Fmp4Muxer.Fragment f : fragments) {
            byte[] s = f.segment();
            int at = indexOf(s, "tfdt") + 8; // after type, version and flags
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = v << 8 | (s[at + i] & 0xFF);
            }
            t.add(v);
        }
        return t;
    }

    static int indexOf(byte[] d, String type) {
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i + t.length <= d.length; i++) {
            for (int j = 0; j < t.length; j++) {
                if (d[i + j] != t[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("no " + type + " box");
    }

    private TrackFormat firstFormat(Path in) throws Exception {
        try (VideoFile v = VideoFile.open(in)) {
            Fmp4Muxer muxer = new Fmp4Muxer();
            muxer.stream(v.info());
            return muxer.mux(v.read()).format();
        }
    }

    private record Muxed(Path file, int packets, int inits, int reordered) {
    }

    private Muxed mux(Path in) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int packets = 0;
        int inits = 0;
        int reordered = 0;
        try (VideoFile v = VideoFile.open(in)) {
            StreamInfo info = v.info();
            Fmp4Muxer muxer = new Fmp4Muxer();
            muxer.stream(info);
            for (Packet p; (p = v.read()) != null; ) {
                Fmp4Muxer.Fragment f = muxer.mux(p);
                if (f.init() != null) {
                    inits++;
                    out.write(f.init());
                }
                out.write(f.segment());
                packets++;
                reordered += p.pts() != p.dts() ? 1 : 0;
            }
        }
        Path file = dir.resolve(in.getFileName() + ".mp4");
        Files.write(file, out.toByteArray());
        return new Muxed(file, packets, inits, reordered);
    }
}
