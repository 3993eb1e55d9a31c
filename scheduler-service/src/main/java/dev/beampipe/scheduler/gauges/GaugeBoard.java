package dev.beampipe.scheduler.gauges;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Labelled gauges whose label sets come and go: a refresh sets every series it saw, and every series
 * that vanished is reset to 0 so a stale value can never fire an alert forever.
 */
final class GaugeBoard {
    private final MeterRegistry registry;
    private final Map<String, AtomicReference<Double>> values = new ConcurrentHashMap<>();

    GaugeBoard(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Sets one gauge series, registering it on first use. */
    void set(String name, String description, Tags tags, double value) {
        values.computeIfAbsent(name + tags, k -> {
            AtomicReference<Double> holder = new AtomicReference<>(0.0);
            Gauge.builder(name, holder, AtomicReference::get).description(description).tags(tags).register(registry);
            return holder;
        }).set(value);
    }

    /** Resets every series of {@code name} to 0 (call before setting the current ones). */
    void resetAll(String name) {
        values.forEach((key, holder) -> {
            if (key.startsWith(name + "[")) {
                holder.set(0.0);
            }
        });
    }
}
