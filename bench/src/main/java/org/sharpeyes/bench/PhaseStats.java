package org.sharpeyes.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;

/** One measured run of a phase: latencies, throughput and who used the CPU meanwhile. */
record PhaseStats(String phase, LoadPhase.Result result, double seconds, double jvmCores, double postgresCores,
                  double machineBusy, String loadAvg) {

    static PhaseStats measure(LoadPhase phase, List<PlateSearch> searches, int concurrency, Path pgDataDir) throws Exception {
        long self = ProcessHandle.current().pid();
        double jvm0 = ProcStats.cpuSeconds(self);
        double pg0 = postgresCpu(pgDataDir);
        long[] ticks0 = ProcStats.machineTicks();
        long t0 = System.nanoTime();
        LoadPhase.Result result = phase.run(searches, concurrency);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long[] ticks1 = ProcStats.machineTicks();
        return new PhaseStats(phase.name(), result, seconds, (ProcStats.cpuSeconds(self) - jvm0) / seconds,
                (postgresCpu(pgDataDir) - pg0) / seconds, (double) (ticks1[0] - ticks0[0]) / (ticks1[1] - ticks0[1]),
                Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    double perSecond() {
        return result.ms().length / seconds;
    }

    double p95() {
        return Percentiles.of(result.ms()).at(95);
    }

    String row(int round) {
        Percentiles p = Percentiles.of(result.ms());
        String err = result.errors() == 0 ? "0" : result.errors() + " (" + result.firstError() + ")";
        return String.format("| %d | %s | %.1f | %.1f | %.1f | %.1f | %s | %.2f | %.2f | %.0f%% | %s |", round, phase, perSecond(),
                p.median(), p.at(95), p.at(99), err, jvmCores, postgresCores, machineBusy * 100, loadAvg);
    }

    /**
     * Per phase: the medians over rounds, the median of the per-round ratios to its reference
     * (robust to the machine's drift), and latencies by kind over all rounds together.
     */
    static void report(Map<String, List<PhaseStats>> byPhase, Map<String, String> references, List<PlateSearch> searches,
                       double targetP95) {
        System.out.printf("%n| phase | req/s (median) | p95 ms (median) | req/s ÷ reference | p95 ÷ reference | reference |%n");
        System.out.println("|---|---:|---:|---:|---:|---|");
        byPhase.forEach((name, runs) -> {
            List<PhaseStats> ref = byPhase.get(references.get(name));
            double[] rate = new double[runs.size()];
            double[] p95 = new double[runs.size()];
            for (int i = 0; i < runs.size(); i++) {
                rate[i] = runs.get(i).perSecond() / ref.get(i).perSecond();
                p95[i] = runs.get(i).p95() / ref.get(i).p95();
            }
            System.out.printf("| %s | %.1f | %.1f | %.2f | %.2f | %s |%n", name, median(runs.stream().mapToDouble(PhaseStats::perSecond)),
                    median(runs.stream().mapToDouble(PhaseStats::p95)), Percentiles.of(rate).median(), Percentiles.of(p95).median(),
                    references.get(name));
        });
        System.out.printf("%n| phase | search | n | p50 ms | p95 ms | p99 ms | p95 < %.0f ms |%n", targetP95);
        System.out.println("|---|---|---:|---:|---:|---:|:---:|");
        byPhase.forEach((name, runs) -> {
            for (int k = 0; k <= PlateSearch.KINDS.size(); k++) {
                int kind = k;
                double[] ms = runs.stream().flatMapToDouble(s -> {
                    double[] all = s.result().ms();
                    return Arrays.stream(indices(searches, kind)).mapToDouble(i -> all[i]);
                }).toArray();
                Percentiles p = Percentiles.of(ms);
                System.out.printf("| %s | %s | %d | %.1f | %.1f | %.1f | %s |%n", name, kind < PlateSearch.KINDS.size()
                        ? PlateSearch.KINDS.get(kind) : "**all**", ms.length, p.median(), p.at(95), p.at(99),
                        p.at(95) < targetP95 ? "yes" : "NO");
            }
        });
    }

    /** Indices of the searches of one kind; {@code KINDS.size()} for all of them. */
    private static int[] indices(List<PlateSearch> searches, int kind) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < searches.size(); i++) {
            if (kind == PlateSearch.KINDS.size() || searches.get(i).kind() == kind) {
                out.add(i);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double median(DoubleStream values) {
        return Percentiles.of(values.toArray()).median();
    }

    /** CPU seconds of the postmaster and its backends so far. */
    private static double postgresCpu(Path dataDir) throws IOException {
        long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        double sum = 0;
        for (long pid : Stream.concat(Stream.of(postmaster), ProcessHandle.of(postmaster).stream()
                .flatMap(ProcessHandle::descendants).map(ProcessHandle::pid)).toList()) {
            try {
                sum += ProcStats.cpuSeconds(pid);
            } catch (IOException gone) {
                // a backend that ended between listing and reading: its time is lost either way
            }
        }
        return sum;
    }
}
