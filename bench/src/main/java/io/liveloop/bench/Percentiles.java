package io.liveloop.bench;

import java.util.Arrays;
import java.util.Collection;

/** Exact percentiles of a set of samples (nearest rank), in the samples' unit. */
final class Percentiles {

    private final double[] sorted;

    Percentiles(Collection<? extends Number> samples) {
        this.sorted = samples.stream().mapToDouble(Number::doubleValue).sorted().toArray();
    }

    Percentiles(double[] samples) {
        this.sorted = samples.clone();
        Arrays.sort(this.sorted);
    }

    int count() {
        return sorted.length;
    }

    /** The smallest sample that at least {@code p} percent of the samples do not exceed; NaN when there are none. */
    double at(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    double max() {
        return at(100);
    }

    double mean() {
        return sorted.length == 0 ? Double.NaN : Arrays.stream(sorted).average().orElse(Double.NaN);
    }
}
