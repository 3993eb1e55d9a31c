package dev.beampipe.simulators.http;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults and call counters keyed by call name (e.g. {@code deploy_session}); {@code "*"} applies to every call.
 * Thread-safe; a fault with a finite {@code times} is consumed by the calls it hits.
 */
public final class CallFaults {

    public static final String ANY = "*";

    private final Map<String, Long> delays = new ConcurrentHashMap<>();
    private final Map<String, List<Fault>> faults = new TreeMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    /** Every {@code call} waits {@code millis} before it is handled (0 clears). */
    public CallFaults delay(String call, long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("delay must be >= 0");
        }
        if (millis == 0) {
            delays.remove(call);
        } else {
            delays.put(call, millis);
        }
        return this;
    }

    public synchronized CallFaults add(String call, Fault fault) {
        if (fault.times() == 0) {
            throw new IllegalArgumentException("times must be non-zero (negative = until reset)");
        }
        faults.computeIfAbsent(call, k -> new ArrayList<>()).add(fault);
        return this;
    }

    public long delayFor(String call) {
        return Math.max(delays.getOrDefault(call, 0L), delays.getOrDefault(ANY, 0L));
    }

    /** Counts the call and takes (consumes one use of) the first fault for it, if any. */
    public synchronized Optional<Fault> take(String call) {
        calls.computeIfAbsent(call, k -> new AtomicInteger()).incrementAndGet();
        for (String key : new String[] {call, ANY}) {
            List<Fault> list = faults.get(key);
            if (list == null) {
                continue;
            }
            Iterator<Fault> it = list.iterator();
            if (it.hasNext()) {
                Fault f = it.next();
                if (f.times() > 0) {
                    it.remove();
                    if (f.times() > 1) {
                        list.add(0, new Fault(f.kind(), f.status(), f.detail(), f.times() - 1));
                    }
                }
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** How often {@code call} was requested (faulted or not) since the last reset. */
    public int count(String call) {
        AtomicInteger n = calls.get(call);
        return n == null ? 0 : n.get();
    }

    public Map<String, Integer> counts() {
        Map<String, Integer> out = new TreeMap<>();
        calls.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public synchronized void reset() {
        delays.clear();
        faults.clear();
        calls.clear();
    }

    public synchronized void clearFaults() {
        delays.clear();
        faults.clear();
    }
}
