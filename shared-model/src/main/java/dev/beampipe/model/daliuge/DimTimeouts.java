package dev.beampipe.model.daliuge;

import java.time.Duration;

/** Per-call DIM timeouts (40-backends §3.14). */
public record DimTimeouts(Duration createSession, Duration appendGraph, Duration deploy, Duration status,
                          Duration graphStatus, Duration other) {

    public static final DimTimeouts DEFAULTS = new DimTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(60),
            Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(60));

    /** Every call bounded by {@code d} (tests). */
    public static DimTimeouts all(Duration d) {
        return new DimTimeouts(d, d, d, d, d, d);
    }

    Duration shortest() {
        Duration min = createSession;
        for (Duration d : new Duration[]{appendGraph, deploy, status, graphStatus, other}) {
            if (d.compareTo(min) < 0) {
                min = d;
            }
        }
        return min;
    }
}
