package dev.beampipe.model.slurm.ops;

import java.time.Duration;

/** Small text helpers for the messages of this package. */
final class Text {
    private Text() {
    }

    /** {@code 45s}, or {@code 500ms} for a limit that is not a whole number of seconds (tests use short limits). */
    static String duration(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
