package dev.mailroom.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Figures over rounds: each round yields one value (e.g. its median latency); we report min/median/max. */
record Stats(double min, double median, double max) {

    static Stats of(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Stats(v[0], median(v), v[v.length - 1]);
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Latency of {@code op} in milliseconds: per round the median of {@code perRound} calls. */
    static Stats latency(int warmup, int rounds, int perRound, ThrowingRunnable op) throws Exception {
        for (int i = 0; i < warmup; i++) {
            op.run();
        }
        var roundMedians = new ArrayList<Double>();
        for (int r = 0; r < rounds; r++) {
            double[] ms = new double[perRound];
            for (int i = 0; i < perRound; i++) {
                long start = System.nanoTime();
                op.run();
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(ms);
            roundMedians.add(median(ms));
        }
        return of(roundMedians);
    }

    /**
     * Like {@link #latency} for several operations measured side by side: each round measures every one in
     * turn, so a slow spell of the machine (GC, another process) falls on all of them rather than on one.
     */
    static List<Stats> interleaved(int warmup, int rounds, int perRound, List<ThrowingRunnable> ops) throws Exception {
        for (int i = 0; i < warmup; i++) {
            for (var op : ops) {
                op.run();
            }
        }
        var medians = new ArrayList<List<Double>>();
        ops.forEach(op -> medians.add(new ArrayList<>()));
        for (int r = 0; r < rounds; r++) {
            for (int o = 0; o < ops.size(); o++) {
                double[] ms = new double[perRound];
                for (int i = 0; i < perRound; i++) {
                    long start = System.nanoTime();
                    ops.get(o).run();
                    ms[i] = (System.nanoTime() - start) / 1e6;
                }
                Arrays.sort(ms);
                medians.get(o).add(median(ms));
            }
        }
        return medians.stream().map(Stats::of).toList();
    }

    /** Percentiles over single calls (for server times at scale, where the tail matters). */
    record Percentiles(double p50, double p95, double max) {
        static Percentiles of(double[] values) {
            double[] v = values.clone();
            Arrays.sort(v);
            return new Percentiles(median(v), v[(int) Math.ceil(0.95 * v.length) - 1], v[v.length - 1]);
        }

        String format() {
            return "p50 %.2f / p95 %.2f ms".formatted(p50, p95);
        }
    }

    /** {@code op} gets the call's index (e.g. to pick a tenant) and returns the milliseconds it measured itself. */
    static Percentiles percentiles(int warmup, int calls, IntTimedOperation op) throws Exception {
        for (int i = 0; i < warmup; i++) {
            op.run(i);
        }
        double[] ms = new double[calls];
        for (int i = 0; i < calls; i++) {
            ms[i] = op.run(warmup + i);
        }
        return Percentiles.of(ms);
    }

    @FunctionalInterface
    interface IntTimedOperation {
        double run(int index) throws Exception;
    }

    /** Times {@code op} in milliseconds. */
    static double millis(ThrowingRunnable op) throws Exception {
        long start = System.nanoTime();
        op.run();
        return (System.nanoTime() - start) / 1e6;
    }

    String format(String unit) {
        return "%.2f / **%.2f** / %.2f %s".formatted(min, median, max, unit);
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
