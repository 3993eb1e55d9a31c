package dev.beampipe.api.correlation;

import dev.beampipe.model.ids.Uuid7;
import io.vertx.ext.web.RoutingContext;

/**
 * The request id (20-api §5.6): an inbound {@code x-request-id} is used verbatim when it is non-empty,
 * visible-ASCII header text; otherwise a new UUIDv7. Always echoed on the response.
 */
public final class RequestId {
    public static final String HEADER = "x-request-id";
    static final String KEY = "beampipe.request-id";

    private RequestId() {
    }

    /** The request's id, assigned on first use and put on the response. */
    public static String of(RoutingContext ctx) {
        String id = ctx.get(KEY);
        if (id == null) {
            id = accept(ctx.request().getHeader(HEADER));
            ctx.put(KEY, id);
        }
        if (!ctx.response().headWritten()) {
            ctx.response().putHeader(HEADER, id);
        }
        return id;
    }

    /**
     * Makes sure the response carries the id whatever a later handler does to the headers. Called on every
     * routing pass: a reroute (e.g. Swagger UI's {@code /docs/} to {@code index.html}) drops the handlers
     * and headers of the previous pass but keeps the context data.
     */
    static void install(RoutingContext ctx) {
        String id = of(ctx);
        ctx.addHeadersEndHandler(v -> ctx.response().headers().set(HEADER, id));
    }

    static String accept(String incoming) {
        return valid(incoming) ? incoming : Uuid7.next().toString();
    }

    static boolean valid(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\t' && (c < 0x20 || c > 0x7E)) {
                return false;
            }
        }
        return true;
    }
}
