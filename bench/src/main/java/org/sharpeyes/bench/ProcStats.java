package org.sharpeyes.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What Linux's /proc says about a process (or "self") and the machine. */
final class ProcStats {
    /** Clock ticks per second of /proc/[pid]/stat times; 100 on every Linux we run on. */
    static final double TICKS_PER_SECOND = 100;

    private ProcStats() {
    }

    /** A "Key:   123 kB" field of a /proc file, in KiB. */
    static long kib(String file, String key) throws IOException {
        for (String line : Files.readAllLines(Path.of(file))) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IOException(file + " has no " + key);
    }

    private static final Pattern PID = Pattern.compile("pid=(\\d+)");
    private static final Pattern RECEIVED = Pattern.compile("bytes_received:(\\d+)");

    /**
     * Bytes received so far on the established TCP sockets of these processes, as {@code ss -tinp}
     * reports them (recv() does not show in /proc/[pid]/io).
     */
    static long tcpBytesReceived(Collection<Long> pids) throws IOException, InterruptedException {
        Map<Long, Long> byPid = tcpBytesReceivedByPid();
        return pids.stream().mapToLong(pid -> byPid.getOrDefault(pid, 0L)).sum();
    }

    /** {@link #tcpBytesReceived} of every process that has an established TCP socket, by pid. */
    static Map<Long, Long> tcpBytesReceivedByPid() throws IOException, InterruptedException {
        Process ss = new ProcessBuilder("ss", "-tinpH", "state", "established").redirectErrorStream(true).start();
        Map<Long, Long> byPid = new HashMap<>();
        Long owner = null;
        for (String line : new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) { // a socket; its details follow indented
                Matcher m = PID.matcher(line);
                owner = m.find() ? Long.parseLong(m.group(1)) : null;
            } else if (owner != null) {
                Matcher m = RECEIVED.matcher(line);
                if (m.find()) {
                    byPid.merge(owner, Long.parseLong(m.group(1)), Long::sum);
                }
            }
        }
        ss.waitFor();
        return byPid;
    }

    /** User + system CPU time of the process, in seconds. */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // Fields after the command name (which may hold spaces) start after the last ')'.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND; // utime, stime (fields 14, 15)
    }

    /** The machine's CPU ticks as {busy, total}, all cores together. */
    static long[] machineTicks() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        return new long[] {total - idle, total};
    }
}
