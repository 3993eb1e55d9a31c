package dev.beampipe.api.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.api.correlation.RequestId;
import dev.beampipe.api.metrics.RequestMetrics;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * JSON errors for what never reaches a resource: the body limit (413), paths no route serves (404) and
 * failures raised by Vert.x routes such as the Swagger UI. Resource errors go through {@link ExceptionMappers}.
 */
@ApplicationScoped
public class RouterFailures {
    private static final Logger LOG = Logger.getLogger(RouterFailures.class);
    /** Swagger UI's directory ({@code quarkus.swagger-ui.path}). */
    static final String DOCS = "/api/v2/docs/";

    private final ObjectMapper mapper;
    private final RequestMetrics metrics;

    public RouterFailures(ObjectMapper mapper, RequestMetrics metrics) {
        this.mapper = mapper;
        this.metrics = metrics;
    }

    void register(@Observes Router router) {
        long limit = ConfigProvider.getConfig().getOptionalValue("quarkus.http.limits.max-body-size", MemorySize.class)
                .map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            if (declaredLength(ctx) > limit) {
                ctx.response().putHeader("connection", "close");
                write(ctx, ApiErrors.payloadTooLarge());
            } else if (trailingSlash(ctx.request().path())) {
                RequestMetrics.markUnmatched(ctx);
                write(ctx, ApiErrors.notFound());
            } else {
                ctx.next();
            }
        });
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failed);
        router.errorHandler(404, ctx -> {
            RequestMetrics.markUnmatched(ctx);
            write(ctx, ApiErrors.notFound());
        });
        router.errorHandler(405, ctx -> write(ctx, ApiErrors.methodNotAllowed()));
    }

    /**
     * No trailing-slash normalisation (20-api §1.1): {@code /api/v2/sources/} is a 404, although Quarkus REST
     * would match it. Swagger UI lives under a directory path and keeps its slashes.
     */
    static boolean trailingSlash(String path) {
        return path != null && path.length() > 1 && path.endsWith("/") && !path.startsWith(DOCS);
    }

    /** Quarkus answers an oversized Content-Length with an empty 413 before any route; this answers first. */
    private static long declaredLength(RoutingContext ctx) {
        String header = ctx.request().getHeader("content-length");
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void failed(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
        if ((failure == null || failure instanceof HttpException) && status >= 400 && status < 500) {
            if (status == 404) {
                RequestMetrics.markUnmatched(ctx);
            }
            write(ctx, new ApiException(status, FrameworkFailures.forStatus(status)));
        } else if (failure instanceof ApiException api) {
            write(ctx, api);
        } else {
            LOG.errorf(failure, "event=api_request_failed request_id=%s kind=internal status=%d", RequestId.of(ctx), status);
            write(ctx, ApiErrors.internal());
        }
    }

    private void write(RoutingContext ctx, ApiException error) {
        RequestId.of(ctx);
        metrics.track(ctx);
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        String body;
        try {
            body = mapper.writeValueAsString(ApiErrorResponse.of(error.failure()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ctx.response().setStatusCode(error.status()).putHeader("content-type", "application/json").end(body);
    }
}
