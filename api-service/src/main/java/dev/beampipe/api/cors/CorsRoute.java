package dev.beampipe.api.cors;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * CORS for browser clients such as the web console. It sits inside the correlation and metrics layers
 * (20-api §1.2), so preflights carry a request id and are counted; a preflight is answered here (204) and never
 * reaches authentication.
 */
@ApplicationScoped
public class CorsRoute {
    static final String ALLOW_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";

    void register(@Observes Router router) {
        CorsPolicy policy = CorsPolicy.parse(ConfigProvider.getConfig()
                .getOptionalValue("BEAMPIPE_CORS_ALLOW_ORIGINS", String.class).orElse(null));
        router.route("/api/v2/*").order(Integer.MIN_VALUE + 10).handler(ctx -> {
            String origin = ctx.request().getHeader("Origin");
            var allowed = policy.allowOrigin(origin);
            if (allowed.isEmpty()) {
                ctx.next();
                return;
            }
            var headers = ctx.response().headers();
            headers.set("Access-Control-Allow-Origin", allowed.get());
            if (!policy.permissive()) {
                headers.add("Vary", "Origin");
            } else {
                headers.set("Access-Control-Expose-Headers", "*");
            }
            String requested = ctx.request().getHeader("Access-Control-Request-Method");
            if (ctx.request().method() == HttpMethod.OPTIONS && requested != null) {
                headers.set("Access-Control-Allow-Methods", ALLOW_METHODS);
                String requestHeaders = ctx.request().getHeader("Access-Control-Request-Headers");
                headers.set("Access-Control-Allow-Headers", requestHeaders == null || requestHeaders.isBlank() ? "*" : requestHeaders);
                headers.set("Access-Control-Max-Age", "600");
                ctx.response().setStatusCode(204).end();
                return;
            }
            ctx.next();
        });
    }
}
