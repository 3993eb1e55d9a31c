package dev.beampipe.simulators.daliuge;

import dev.beampipe.simulators.http.Json;
import dev.beampipe.simulators.http.SimExchange;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Error replies of the real managers' {@code daliuge_aware} wrapper and of bottle (40-backends §3.5). */
final class DlgErrors {

    private DlgErrors() {
    }

    /** Thrown by the DIM model; the handler turns it into the reply. */
    static final class DlgException extends RuntimeException {
        final int status;
        final Object body;

        DlgException(int status, Object body) {
            super(String.valueOf(body));
            this.status = status;
            this.body = body;
        }
    }

    /** {@code {"type": type, "args": args}} with {@code status} (400/404/409/501/555/556). */
    static DlgException direct(int status, String type, Object args) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("args", args);
        return new DlgException(status, body);
    }

    /**
     * 555 {@code SubManagerException} for a failure replicated to node managers: args
     * {@code {"<nm>": {"type": "<inner>", "args": "dummy"}, …}}.
     */
    static DlgException subManager(Collection<String> nodes, String innerType) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (String n : nodes) {
            Map<String, Object> inner = new LinkedHashMap<>();
            inner.put("type", innerType);
            inner.put("args", "dummy");
            args.put(n, inner);
        }
        return direct(555, "SubManagerException", args);
    }

    /** An exception {@code daliuge_aware} does not know: bottle's default 500 HTML page. */
    static DlgException bottle500() {
        return new DlgException(500, null);
    }

    static void send(SimExchange ex, DlgException e) throws IOException {
        if (e.status == 415) {
            ex.send(415, null, new byte[0]); // the real append handler answers 415 with an empty body
        } else if (e.body == null) {
            sendBottleError(ex, e.status, e.status == 404 ? "Not Found" : "Internal Server Error");
        } else {
            ex.send(e.status, "application/json", Json.write(e.body, Json.Style.PYTHON_DEFAULT));
        }
    }

    static void sendBottleError(SimExchange ex, int status, String reason) throws IOException {
        String html = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html>\n    <head>\n"
                + "        <title>Error: " + status + " " + reason + "</title>\n    </head>\n    <body>\n"
                + "        <h1>Error: " + status + " " + reason + "</h1>\n"
                + "        <p>Sorry, the requested URL <tt>&#039;" + ex.path() + "&#039;</tt>\n"
                + "           caused an error:</p>\n        <pre>" + reason + "</pre>\n    </body>\n</html>\n";
        ex.send(status, "text/html; charset=UTF-8", html);
    }

    static List<Object> args(Object... a) {
        return List.of(a);
    }
}
