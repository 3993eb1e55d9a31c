package dev.beampipe.simulators.daliuge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One session on the simulated DIM and its node managers (40-backends §3.4). Not thread-safe on its own: the
 * {@link IslandManagerSimulator} guards every access with the session's monitor.
 */
final class DimSession {

    final String id;
    final List<String> nodes;
    final Map<String, Map<String, Object>> drops = new LinkedHashMap<>();
    final Set<String> nodesWithDrops = new LinkedHashSet<>();
    Map<String, Object> repro;
    /** PRISTINE, BUILDING or DEPLOYING before {@link #deployedAt} is set; derived from the timeline afterwards. */
    DlgStates.Session phase = DlgStates.Session.PRISTINE;
    Instant deployedAt;
    Instant cancelledAt;
    Outcome outcome = Outcome.FINISH;
    Map<String, DropTimeline.Entry> timeline = Map.of();

    DimSession(String id, List<String> nodes) {
        this.id = id;
        this.nodes = nodes;
    }

    long elapsed(Instant now) {
        return Math.max(0, now.toEpochMilli() - deployedAt.toEpochMilli());
    }

    long cancelledAfter() {
        return cancelledAt == null ? Long.MAX_VALUE : Math.max(0, cancelledAt.toEpochMilli() - deployedAt.toEpochMilli());
    }

    /** The session state of one node manager at {@code now}. */
    DlgStates.Session nodeState(String node, Instant now) {
        if (deployedAt == null) {
            if (phase == DlgStates.Session.DEPLOYING) {
                return nodesWithDrops.contains(node) ? DlgStates.Session.DEPLOYING : DlgStates.Session.PRISTINE;
            }
            return nodesWithDrops.contains(node) ? DlgStates.Session.BUILDING : DlgStates.Session.PRISTINE;
        }
        if (!nodesWithDrops.contains(node)) {
            return DlgStates.Session.FINISHED; // an NM deployed with an empty graph finishes at once
        }
        long t = elapsed(now);
        long cancelled = cancelledAfter();
        boolean allDone = true;
        boolean anyError = false;
        for (Map.Entry<String, DropTimeline.Entry> e : timeline.entrySet()) {
            if (!node.equals(drops.get(e.getKey()).get("node"))) {
                continue;
            }
            DropTimeline.Entry d = e.getValue();
            boolean done = d.terminalAt(Math.min(t, cancelled));
            allDone &= done;
            anyError |= done && d.error();
        }
        if (allDone) {
            return anyError && outcome != Outcome.FAIL_REPORTED_FINISHED ? DlgStates.Session.FAILED : DlgStates.Session.FINISHED;
        }
        return t >= cancelled ? DlgStates.Session.CANCELLED : DlgStates.Session.RUNNING;
    }

    /** {@code {"<nm>": n, …}} — the DIM's per-node session status (§3.1). */
    Map<String, Object> status(Instant now) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String n : nodes) {
            out.put(n, (long) nodeState(n, now).code());
        }
        return out;
    }

    /** The session's own state, for the rules of §3.4. */
    DlgStates.Session state(Instant now) {
        if (deployedAt == null) {
            return phase;
        }
        List<DlgStates.Session> states = new ArrayList<>();
        nodes.forEach(n -> states.add(nodeState(n, now)));
        if (cancelledAt != null && states.contains(DlgStates.Session.CANCELLED)) {
            return DlgStates.Session.CANCELLED;
        }
        if (states.stream().allMatch(DlgStates.Session::terminal)) {
            return states.contains(DlgStates.Session.FAILED) ? DlgStates.Session.FAILED : DlgStates.Session.FINISHED;
        }
        return DlgStates.Session.RUNNING;
    }

    /** {@code {oid: {"status": n, "execStatus": n}}} (§3.1). */
    Map<String, Object> graphStatus(Instant now) {
        long t = elapsed(now);
        long cancelled = cancelledAfter();
        Map<String, Object> out = new LinkedHashMap<>();
        timeline.forEach((oid, e) -> out.put(oid, e.state(t, cancelled)));
        return out;
    }
}
