package org.sharpeyes.gateway.rtsp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a light probe and the RTSP client need from a DESCRIBE answer: each media section's kind,
 * codec, control URL and format parameters.
 *
 * @param media in SDP order
 */
public record SdpInfo(List<Media> media) {
    /**
     * @param kind  "video", "audio", "application"
     * @param codec encoding name as the camera wrote it, upper case ("H264", "H265", "PCMA"); for a
     *              static payload type without rtpmap, its RFC 3551 name
     * @param clockRate from rtpmap or the static type; 0 when unknown
     * @param control   the a=control attribute (relative or absolute URL, or "*"); null when absent
     * @param fmtp      the a=fmtp parameters of {@code payloadType}, names in lower case
     *                  (e.g. "sprop-parameter-sets"); empty when absent
     */
    public record Media(String kind, int payloadType, String codec, int clockRate, String control, Map<String, String> fmtp) {
        public Media {
            fmtp = Map.copyOf(fmtp);
        }

        public Media(String kind, int payloadType, String codec, int clockRate) {
            this(kind, payloadType, codec, clockRate, null, Map.of());
        }
    }

    public SdpInfo {
        media = List.copyOf(media);
    }

    /** Codecs of the video sections, e.g. ["H264"]. */
    public List<String> videoCodecs() {
        return media.stream().filter(m -> m.kind().equals("video")).map(Media::codec).toList();
    }

    /** All codecs, video first as the SDP lists them. */
    public List<String> codecs() {
        return media.stream().map(Media::codec).toList();
    }

    /**
     * Parses an SDP body (RFC 8866). Only m=, a=rtpmap:, a=fmtp: and media-level a=control: lines
     * are read; others are checked for
     * the {@code x=} shape and skipped. The first payload type of each m= line is the one reported.
     *
     * @throws RtspParseException naming the line number and why
     */
    public static SdpInfo parse(String sdp) {
        if (sdp == null || sdp.isBlank()) {
            throw new RtspParseException("SDP: empty body");
        }
        String[] lines = sdp.split("\r?\n|\r");
        List<String> kinds = new ArrayList<>();
        List<Integer> payloads = new ArrayList<>();
        List<String> codecs = new ArrayList<>();
        List<Integer> clocks = new ArrayList<>();
        List<String> controls = new ArrayList<>();
        List<Map<String, String>> fmtps = new ArrayList<>();
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=' || line.charAt(0) < 'a' || line.charAt(0) > 'z') {
                throw error(n, "not a <type>=<value> line: '" + clip(line) + "'");
            }
            if (line.startsWith("m=")) {
                String[] f = line.substring(2).trim().split(" +");
                if (f.length < 4) {
                    throw error(n, "m= needs media, port, protocol and a format: '" + clip(line) + "'");
                }
                kinds.add(f[0].toLowerCase(Locale.ROOT));
                int pt = number(f[3], n, "payload type");
                payloads.add(pt);
                codecs.add(staticCodec(pt));
                clocks.add(staticClock(pt));
                controls.add(null);
                fmtps.add(Map.of());
            } else if (line.startsWith("a=control:") && !kinds.isEmpty()) {
                controls.set(kinds.size() - 1, line.substring("a=control:".length()).trim());
            } else if (line.startsWith("a=fmtp:") && !kinds.isEmpty()) {
                String[] f = line.substring("a=fmtp:".length()).trim().split(" +", 2);
                int last = kinds.size() - 1;
                if (f.length == 2 && number(f[0], n, "fmtp payload type") == payloads.get(last)) {
                    fmtps.set(last, fmtp(f[1]));
                }
            } else if (line.startsWith("a=rtpmap:") && !kinds.isEmpty()) {
                String[] f = line.substring("a=rtpmap:".length()).trim().split(" +", 2);
                int last = kinds.size() - 1;
                if (f.length == 2 && number(f[0], n, "rtpmap payload type") == payloads.get(last)) {
                    String[] enc = f[1].split("/");
                    if (enc[0].isBlank()) {
                        throw error(n, "rtpmap without an encoding name");
                    }
                    codecs.set(last, enc[0].trim().toUpperCase(Locale.ROOT));
                    clocks.set(last, enc.length > 1 ? number(enc[1].trim(), n, "clock rate") : 0);
                }
            }
        }
        if (kinds.isEmpty()) {
            throw new RtspParseException("SDP: no m= line");
        }
        List<Media> media = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            media.add(new Media(kinds.get(i), payloads.get(i), codecs.get(i), clocks.get(i), controls.get(i), fmtps.get(i)));
        }
        return new SdpInfo(media);
    }

    /** "a=1;b=x,y" to {a: 1, b: "x,y"}; a parameter without '=' maps to "". */
    private static Map<String, String> fmtp(String params) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : params.split(";")) {
            String t = p.trim();
            if (!t.isEmpty()) {
                int eq = t.indexOf('=');
                out.putIfAbsent((eq < 0 ? t : t.substring(0, eq)).trim().toLowerCase(Locale.ROOT), eq < 0 ? "" : t.substring(eq + 1).trim());
            }
        }
        return out;
    }

    /** RFC 3551 static payload types cameras use without rtpmap. */
    private static String staticCodec(int pt) {
        return switch (pt) {
            case 0 -> "PCMU";
            case 8 -> "PCMA";
            case 26 -> "JPEG";
            case 32 -> "MPV";
            case 33 -> "MP2T";
            default -> "PT" + pt;
        };
    }

    private static int staticClock(int pt) {
        return switch (pt) {
            case 0, 8 -> 8000;
            case 26, 32, 33 -> 90000;
            default -> 0;
        };
    }

    private static int number(String s, int line, String what) {
        if (s.isEmpty() || s.length() > 9 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw error(line, what + " is not a number: '" + clip(s) + "'");
        }
        return Integer.parseInt(s);
    }

    private static RtspParseException error(int line, String why) {
        return new RtspParseException("SDP line " + (line + 1) + ": " + why);
    }

    private static String clip(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
