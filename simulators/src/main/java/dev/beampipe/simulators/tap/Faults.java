package dev.beampipe.simulators.tap;

import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Injectable faults of one simulated TAP service. Thread-safe; {@link #reset()} clears them all. */
public final class Faults {

    private volatile long delayMillis;
    private volatile double failureFraction;
    private volatile int failureStatus = 503;
    private Random random = new Random(0);
    private volatile boolean truncate;
    private volatile boolean available = true;
    private volatile VoTableWriter.Serialization serialization;
    private final Set<String> errorSources = ConcurrentHashMap.newKeySet();

    /** Every request waits this long before it is answered. */
    public Faults delay(long millis) {
        this.delayMillis = millis;
        return this;
    }

    /** A fraction {@code p} of requests (seeded, so reproducible) get HTTP {@code status} (500 or 503). */
    public synchronized Faults failFraction(double p, int status, long seed) {
        if (p < 0 || p > 1 || (status != 500 && status != 503)) {
            throw new IllegalArgumentException("fraction in [0,1], status 500 or 503");
        }
        this.failureFraction = p;
        this.failureStatus = status;
        this.random = new Random(seed);
        return this;
    }

    /** Queries selecting this source (identifier, HIPASS name or SBID) answer QUERY_STATUS=ERROR with HTTP 200. */
    public Faults errorFor(String source) {
        errorSources.add(source);
        return this;
    }

    /** Replies are cut in the middle of the XML. */
    public Faults truncate(boolean on) {
        this.truncate = on;
        return this;
    }

    /** VOSI availability answers {@code available=false} (and queries still work, as on a real degraded server). */
    public Faults available(boolean on) {
        this.available = on;
        return this;
    }

    /**
     * Overrides the service's default serialization (what {@code FORMAT} absent or {@code votable} gives);
     * {@code null} restores the default. An explicit {@code votable/td} or {@code votable/b} still wins.
     */
    public Faults serialization(VoTableWriter.Serialization serialization) {
        this.serialization = serialization;
        return this;
    }

    public synchronized void reset() {
        delayMillis = 0;
        failureFraction = 0;
        failureStatus = 503;
        random = new Random(0);
        truncate = false;
        available = true;
        serialization = null;
        errorSources.clear();
    }

    long delayMillis() {
        return delayMillis;
    }

    /** The HTTP status to fail this request with, or 0 to answer it. */
    synchronized int drawFailure() {
        if (failureFraction > 0 && random.nextDouble() < failureFraction) {
            return failureStatus;
        }
        return 0;
    }

    boolean isErrorSource(String key) {
        return errorSources.contains(key) || (key != null && errorSources.contains("HIPASS" + key));
    }

    boolean truncate() {
        return truncate;
    }

    VoTableWriter.Serialization serialization() {
        return serialization;
    }

    boolean available() {
        return available;
    }
}
