package dev.beampipe.benchmarks;

import io.vertx.core.json.JsonObject;

import java.util.Arrays;

/** Summary of a sample of durations (milliseconds), percentiles by the nearest-rank method. */
record Stats(int count, double min, double median, double p95, double max, double mean) {

    static Stats ofNanos(long[] nanos) {
        double[] ms = new double[nanos.length];
        for (int i = 0; i < nanos.length; i++) {
            ms[i] = nanos[i] / 1_000_000.0;
        }
        return of(ms);
    }

    static Stats of(double[] values) {
        if (values.length == 0) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Stats(sorted.length, sorted[0], nearestRank(sorted, 50), nearestRank(sorted, 95),
                sorted[sorted.length - 1], Arrays.stream(sorted).average().orElse(Double.NaN));
    }

    /** The smallest value with at least {@code percent}% of the sample at or below it. */
    static double nearestRank(double[] sorted, double percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Median of a few repeat measurements (the middle one; the lower middle for an even count). */
    static double medianOf(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return nearestRank(sorted, 50);
    }

    JsonObject toJson() {
        return new JsonObject().put("count", count).put("min_ms", round(min)).put("median_ms", round(median))
                .put("p95_ms", round(p95)).put("max_ms", round(max)).put("mean_ms", round(mean));
    }

    static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 1000.0) / 1000.0;
    }
}
