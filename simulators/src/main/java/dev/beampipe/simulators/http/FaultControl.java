package dev.beampipe.simulators.http;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * The generic part of a simulator's {@code /_control/...} API over {@link CallFaults} and a {@link RequestJournal}:
 * <pre>
 * POST /_control/delay?call=&amp;ms=                 every such call waits ms
 * POST /_control/fail?call=&amp;status=&amp;times=&amp;detail=  answer status (times, default 1; -1 = until reset)
 * POST /_control/drop?call=&amp;times=                apply the call, then drop the connection
 * POST /_control/malformed?call=&amp;kind=truncated|not_array|html&amp;times=
 * GET  /_control/counts                          {"call": n, ...}
 * GET  /_control/journal                         every request received (method, path, query, headers, body)
 * </pre>
 * {@code call} defaults to {@code *} (every call).
 */
public final class FaultControl {

    private FaultControl() {
    }

    /** Handles {@code action} if it is a generic one; returns false otherwise. */
    public static boolean handle(SimExchange ex, String action, CallFaults faults, RequestJournal journal)
            throws IOException {
        Map<String, String> p = ex.query();
        String call = p.getOrDefault("call", CallFaults.ANY);
        int times = Integer.parseInt(p.getOrDefault("times", "1"));
        switch (action) {
            case "delay" -> faults.delay(call, Long.parseLong(required(p, "ms")));
            case "fail" -> faults.add(call, Fault.status(Integer.parseInt(required(p, "status")), p.get("detail"), times));
            case "drop" -> faults.add(call, Fault.of(Fault.Kind.DROP_CONNECTION, times));
            case "malformed" -> faults.add(call, Fault.of(switch (required(p, "kind").toLowerCase(Locale.ROOT)) {
                case "truncated" -> Fault.Kind.TRUNCATED_JSON;
                case "not_array" -> Fault.Kind.NOT_ARRAY;
                case "html" -> Fault.Kind.HTML_200;
                default -> throw new IllegalArgumentException("kind must be truncated, not_array or html");
            }, times));
            case "counts" -> {
                ex.sendJson(200, faults.counts(), Json.Style.COMPACT);
                return true;
            }
            case "journal" -> {
                ex.send(200, "application/json", journal.toJson());
                return true;
            }
            default -> {
                return false;
            }
        }
        ok(ex);
        return true;
    }

    public static String required(Map<String, String> p, String name) {
        String v = p.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing parameter " + name);
        }
        return v;
    }

    public static void ok(SimExchange ex) throws IOException {
        ex.send(200, "text/plain; charset=utf-8", "ok\n");
    }

    public static void badRequest(SimExchange ex, String message) throws IOException {
        ex.send(400, "text/plain; charset=utf-8", message + "\n");
    }

    /** A 200 reply spoiled as {@code kind} says; {@code json} is the reply the call would have given. */
    public static void sendMalformed(SimExchange ex, Fault.Kind kind, String json) throws IOException {
        switch (kind) {
            case TRUNCATED_JSON -> ex.send(200, "application/json", json.substring(0, json.length() / 2));
            case NOT_ARRAY -> ex.send(200, "application/json", "{\"result\":" + json + "}");
            case HTML_200 -> ex.send(200, "text/html; charset=utf-8",
                    "<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><p>Please sign in.</p></body></html>\n");
            default -> throw new IllegalArgumentException(kind.name());
        }
    }

    /** What a reverse proxy (traefik) in front of the service answers, e.g. {@code 502 Bad Gateway}. */
    public static void sendProxyError(SimExchange ex, int status) throws IOException {
        String reason = switch (status) {
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Error";
        };
        ex.send(status, "text/plain; charset=utf-8", reason);
    }
}
