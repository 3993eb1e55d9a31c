package dev.beampipe.simulators.daliuge;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When each drop of a deployed session runs, relative to the deploy (ms), and how it ends. A pure function of the
 * graph, the {@code completed} roots, the outcome and the step length: a root drop only starts if it was named in
 * {@code completed} (as on a real manager, a graph deployed without its roots never runs); a data drop completes
 * when its last producer does; an app runs for one step once its last input completed; errors propagate to
 * every descendant.
 */
public final class DropTimeline {

    public static final long NEVER = Long.MAX_VALUE;

    /** @param start ms after deploy the drop starts (app RUNNING / data WRITING); {@link #NEVER} if it never does */
    public record Entry(boolean app, long start, long end, boolean error) {

        /** {@code {"status": n[, "execStatus": n]}} at {@code t} ms after deploy, frozen as CANCELLED at {@code cancelledAt}. */
        public Map<String, Object> state(long t, long cancelledAt) {
            long at = Math.min(t, cancelledAt);
            DlgStates.Drop status;
            DlgStates.App exec = null;
            boolean done = end != NEVER && at >= end;
            boolean started = start != NEVER && at >= start;
            if (done) {
                status = error ? DlgStates.Drop.ERROR : DlgStates.Drop.COMPLETED;
                exec = error ? DlgStates.App.ERROR : DlgStates.App.FINISHED;
            } else if (t >= cancelledAt) {
                status = DlgStates.Drop.CANCELLED;
                exec = DlgStates.App.CANCELLED;
            } else if (started) {
                status = app ? DlgStates.Drop.INITIALIZED : DlgStates.Drop.WRITING;
                exec = DlgStates.App.RUNNING;
            } else {
                status = DlgStates.Drop.INITIALIZED;
                exec = DlgStates.App.NOT_RUN;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("status", (long) status.code());
            if (app) {
                out.put("execStatus", (long) exec.code());
            }
            return out;
        }

        public boolean terminalAt(long t) {
            return end != NEVER && t >= end;
        }
    }

    private DropTimeline() {
    }

    static boolean isApp(Map<String, Object> drop) {
        String ct = String.valueOf(drop.get("categoryType"));
        String type = String.valueOf(drop.get("type"));
        return !(ct.equalsIgnoreCase("data") || type.equals("plain") || type.equals("data"));
    }

    /** The oids a relationship list names: strings, object keys ({@code {"oid": "port"}}) or nested lists. */
    static Set<String> oids(Object list) {
        Set<String> out = new LinkedHashSet<>();
        collect(list, out);
        return out;
    }

    private static void collect(Object v, Set<String> out) {
        if (v instanceof String s) {
            out.add(s);
        } else if (v instanceof Map<?, ?> m) {
            m.keySet().forEach(k -> out.add(String.valueOf(k)));
        } else if (v instanceof Collection<?> c) {
            c.forEach(x -> collect(x, out));
        }
    }

    /** Predecessors of every drop, from both sides of each relationship. */
    static Map<String, Set<String>> predecessors(Map<String, Map<String, Object>> drops) {
        Map<String, Set<String>> preds = new HashMap<>();
        drops.keySet().forEach(oid -> preds.put(oid, new LinkedHashSet<>()));
        drops.forEach((oid, d) -> {
            for (String key : List.of("inputs", "streamingInputs", "producers")) {
                for (String p : oids(d.get(key))) {
                    if (drops.containsKey(p)) {
                        preds.get(oid).add(p);
                    }
                }
            }
            for (String key : List.of("outputs", "consumers", "streamingConsumers")) {
                for (String c : oids(d.get(key))) {
                    if (drops.containsKey(c)) {
                        preds.get(c).add(oid);
                    }
                }
            }
        });
        return preds;
    }

    /** The app drop that fails or hangs for {@code outcome}: {@code chosen} if given, else the first app that runs. */
    public static Map<String, Entry> compute(Map<String, Map<String, Object>> drops, Set<String> completed,
                                             Outcome outcome, String chosen, long stepMillis) {
        Map<String, Set<String>> preds = predecessors(drops);
        Map<String, Entry> plain = new HashMap<>();
        for (String oid : drops.keySet()) {
            resolve(oid, drops, preds, completed, null, null, stepMillis, plain, new HashSet<>());
        }
        String special = null;
        if (outcome != Outcome.FINISH) {
            special = chosen;
            if (special == null) {
                special = drops.keySet().stream().filter(o -> plain.get(o).app() && plain.get(o).start() != NEVER)
                        .findFirst().orElse(null);
            }
        }
        if (special == null) {
            return order(drops, plain);
        }
        Map<String, Entry> out = new HashMap<>();
        String failing = outcome == Outcome.NEVER_END ? null : special;
        String hanging = outcome == Outcome.NEVER_END ? special : null;
        for (String oid : drops.keySet()) {
            resolve(oid, drops, preds, completed, failing, hanging, stepMillis, out, new HashSet<>());
        }
        return order(drops, out);
    }

    private static Map<String, Entry> order(Map<String, Map<String, Object>> drops, Map<String, Entry> entries) {
        Map<String, Entry> out = new LinkedHashMap<>();
        drops.keySet().forEach(oid -> out.put(oid, entries.get(oid)));
        return out;
    }

    private static Entry resolve(String oid, Map<String, Map<String, Object>> drops, Map<String, Set<String>> preds,
                                 Set<String> completed, String failing, String hanging, long step,
                                 Map<String, Entry> memo, Set<String> visiting) {
        Entry known = memo.get(oid);
        if (known != null) {
            return known;
        }
        boolean app = isApp(drops.get(oid));
        if (!visiting.add(oid)) {
            return new Entry(app, NEVER, NEVER, false); // a cycle never becomes ready
        }
        Entry e;
        Set<String> ps = preds.get(oid);
        if (ps.isEmpty()) {
            e = completed.contains(oid)
                    ? new Entry(app, 0, app ? step : 0, false)
                    : new Entry(app, NEVER, NEVER, false);
        } else {
            long ready = 0;
            long firstStart = NEVER;
            boolean upstreamError = false;
            List<Entry> inputs = new ArrayList<>();
            for (String p : ps) {
                inputs.add(resolve(p, drops, preds, completed, failing, hanging, step, memo, visiting));
            }
            for (Entry in : inputs) {
                ready = in.end() == NEVER ? NEVER : Math.max(ready, in.end());
                if (ready == NEVER) {
                    break;
                }
            }
            for (Entry in : inputs) {
                firstStart = Math.min(firstStart, in.start());
                upstreamError |= in.error();
            }
            if (ready == NEVER) {
                e = new Entry(app, app ? NEVER : firstStart, NEVER, false);
            } else if (upstreamError) {
                e = new Entry(app, ready, ready, true);
            } else if (app) {
                e = new Entry(true, ready, ready + step, false);
            } else {
                e = new Entry(false, Math.min(firstStart, ready), ready, false);
            }
        }
        if (oid.equals(failing) && e.start() != NEVER) {
            e = new Entry(e.app(), e.start(), e.end(), true);
        }
        if (oid.equals(hanging) && e.start() != NEVER) {
            e = new Entry(e.app(), e.start(), NEVER, false);
        }
        visiting.remove(oid);
        memo.put(oid, e);
        return e;
    }
}
