package dev.beampipe.model.daliuge;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Pure mappings between DALiuGE's state numbers and strings and beampipe's states (40-backends §3.3, §3.9,
 * §3.11; the {@code daliuge_state} axis of 10-state-and-jobs §2.4).
 */
public final class DaliugeStates {

    private static final SessionState[] SESSION_BY_NUMBER = {
            SessionState.PRISTINE, SessionState.BUILDING, SessionState.DEPLOYING, SessionState.RUNNING,
            SessionState.FINISHED, SessionState.CANCELLED, SessionState.FAILED};
    private static final DropState[] DROP_BY_NUMBER = {
            DropState.INITIALIZED, DropState.WRITING, DropState.COMPLETED, DropState.ERROR, DropState.EXPIRED,
            DropState.DELETED, DropState.CANCELLED, DropState.SKIPPED};
    private static final AppState[] APP_BY_NUMBER = {
            AppState.NOT_RUN, AppState.RUNNING, AppState.FINISHED, AppState.ERROR, AppState.CANCELLED,
            AppState.SKIPPED};

    /** Axis value written when a poll fails: the session is not on the DIM, or the DIM could not tell. */
    public static final String NOT_CREATED = "not_created";
    public static final String UNREACHABLE = "unreachable";

    private DaliugeStates() {
    }

    public static SessionState session(long number) {
        return number >= 0 && number < SESSION_BY_NUMBER.length ? SESSION_BY_NUMBER[(int) number] : SessionState.UNKNOWN;
    }

    /** A state string (trimmed, case-insensitive), with the aliases the reference accepts. */
    public static SessionState session(String text) {
        return switch (text.strip().toUpperCase(Locale.ROOT)) {
            case "PRISTINE" -> SessionState.PRISTINE;
            case "BUILDING" -> SessionState.BUILDING;
            case "DEPLOYING" -> SessionState.DEPLOYING;
            case "RUNNING" -> SessionState.RUNNING;
            case "FINISHED", "COMPLETED" -> SessionState.FINISHED;
            case "CANCELLED", "CANCELED" -> SessionState.CANCELLED;
            case "FAILED", "FAIL", "ERROR" -> SessionState.FAILED;
            default -> SessionState.UNKNOWN;
        };
    }

    public static DropState drop(long number) {
        return number >= 0 && number < DROP_BY_NUMBER.length ? DROP_BY_NUMBER[(int) number] : DropState.UNKNOWN;
    }

    public static AppState app(long number) {
        return number >= 0 && number < APP_BY_NUMBER.length ? APP_BY_NUMBER[(int) number] : AppState.UNKNOWN;
    }

    /**
     * {@code GET …/status} in any of its shapes (§3.9 step 1): an NM's integer, a string, an object with a
     * {@code status} key, or a DIM's per-node object {@code {"<nm>": n, …}} (aggregated).
     */
    public static SessionStatus sessionStatus(JsonNode raw) {
        if (raw.isObject() && !raw.has("status")) {
            Map<String, SessionState> perNode = new LinkedHashMap<>();
            raw.fields().forEachRemaining(e -> perNode.put(e.getKey(), scalar(e.getValue())));
            return new SessionStatus(raw, aggregate(perNode.values()), perNode);
        }
        return new SessionStatus(raw, scalar(raw), Map.of());
    }

    private static SessionState scalar(JsonNode value) {
        if (value.isIntegralNumber()) {
            return session(value.asLong());
        }
        if (value.isTextual()) {
            return session(value.asText());
        }
        if (value.isObject() && value.has("status")) {
            return scalar(value.get("status"));
        }
        return SessionState.UNKNOWN;
    }

    /**
     * Per-node states → one (§3.9): empty or any unknown → unknown; any failed → failed; all finished →
     * finished; all cancelled → cancelled; else the most advanced of running, deploying, building, pristine
     * present; else (a mix of finished and cancelled only) cancelled.
     */
    public static SessionState aggregate(Collection<SessionState> perNode) {
        if (perNode.isEmpty() || perNode.contains(SessionState.UNKNOWN)) {
            return SessionState.UNKNOWN;
        }
        if (perNode.contains(SessionState.FAILED)) {
            return SessionState.FAILED;
        }
        if (perNode.stream().allMatch(s -> s == SessionState.FINISHED)) {
            return SessionState.FINISHED;
        }
        if (perNode.stream().allMatch(s -> s == SessionState.CANCELLED)) {
            return SessionState.CANCELLED;
        }
        for (SessionState s : new SessionState[]{SessionState.RUNNING, SessionState.DEPLOYING,
                SessionState.BUILDING, SessionState.PRISTINE}) {
            if (perNode.contains(s)) {
                return s;
            }
        }
        return SessionState.CANCELLED;
    }

    /**
     * An error drop in {@code graph/status} (§3.9 step 2): the value is the integer 3, an object whose
     * {@code status} is 3, or a string containing ERROR or FAILED.
     */
    public static boolean isErrorDrop(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.asLong() == 3;
        }
        if (value.isTextual()) {
            String s = value.asText().toUpperCase(Locale.ROOT);
            return s.contains("ERROR") || s.contains("FAILED");
        }
        if (value.isObject() && value.has("status")) {
            return isErrorDrop(value.get("status"));
        }
        return false;
    }

    /**
     * The execution status a poll implies (§3.9 step 3): finished → completed (failed when any drop is in
     * ERROR), cancelled → cancelled, failed → failed, everything else → running.
     */
    public static String executionStatus(SessionState session, boolean anyErrorDrop) {
        return switch (session) {
            case FINISHED -> anyErrorDrop ? "failed" : "completed";
            case CANCELLED -> "cancelled";
            case FAILED -> "failed";
            default -> "running";
        };
    }

    /** The {@code daliuge_state} a poll writes: failed/cancelled from the execution status, else the session's. */
    public static String ledgerState(SessionState session, boolean anyErrorDrop) {
        return switch (executionStatus(session, anyErrorDrop)) {
            case "failed" -> SessionState.FAILED.ledgerValue();
            case "cancelled" -> SessionState.CANCELLED.ledgerValue();
            default -> session.ledgerValue();
        };
    }

    /** The {@code daliuge_state} a failed poll writes (§3.11, decision 10: 555 NoSessionException = 404). */
    public static String ledgerStateForPollError(DaliugeException e) {
        return e.sessionNotFound() ? NOT_CREATED : UNREACHABLE;
    }
}
