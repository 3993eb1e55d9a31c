package dev.beampipe.simulators.http;

/**
 * One injected misbehaviour of a simulated call. {@code times} &lt; 0 means "until reset".
 *
 * @param status HTTP status for {@link Kind#STATUS}
 * @param detail kind-specific text (e.g. the nested exception type of a DIM 555)
 */
public record Fault(Kind kind, int status, String detail, int times) {

    public enum Kind {
        /** Answer with {@code status} (the simulator picks the body the real server or a proxy gives). */
        STATUS,
        /** Apply the request, then close the connection without any response. */
        DROP_CONNECTION,
        /** HTTP 200 with the JSON reply cut in half. */
        TRUNCATED_JSON,
        /** HTTP 200 with a JSON object where an array is expected. */
        NOT_ARRAY,
        /** HTTP 200 with an HTML page (a proxy or a login page). */
        HTML_200
    }

    public static Fault status(int status, String detail, int times) {
        return new Fault(Kind.STATUS, status, detail, times);
    }

    public static Fault of(Kind kind, int times) {
        return new Fault(kind, 0, null, times);
    }
}
