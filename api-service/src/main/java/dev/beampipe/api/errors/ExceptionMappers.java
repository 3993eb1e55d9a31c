package dev.beampipe.api.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.beampipe.api.correlation.RequestId;
import dev.beampipe.api.metrics.RequestMetrics;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every exception that leaves a resource becomes an {@link ApiErrorResponse} with the reference's status
 * code (20-api §1.1, §1.3, §1.4, §8 item 6). Exception text of unexpected and database errors is logged
 * with the request id, never returned.
 */
public class ExceptionMappers {
    private static final Logger LOG = Logger.getLogger(ExceptionMappers.class);

    private final AllowedMethods allowed;

    public ExceptionMappers(AllowedMethods allowed) {
        this.allowed = allowed;
    }

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return ErrorResponses.of(e);
    }

    /**
     * Quarkus REST raises this when no resource matches the path, and (with a cause) when a parameter of a
     * matched resource does not convert; the latter is the client's 400.
     */
    @ServerExceptionMapper
    public Response notFound(NotFoundException e, RoutingContext ctx) {
        if (e.getCause() != null) {
            return ErrorResponses.of(ApiErrors.badRequest("Invalid URL: a path or query parameter could not be parsed"));
        }
        RequestMetrics.markUnmatched(ctx);
        return ErrorResponses.of(ApiErrors.notFound());
    }

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e) {
        return ErrorResponses.of(ApiErrors.badRequest(e.getMessage()));
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, RoutingContext ctx) {
        Response.ResponseBuilder response = ErrorResponses.builder(ApiErrors.methodNotAllowed());
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        if (allow == null) {
            allow = allowed.header(ctx.request().path()).orElse(null);
        }
        if (allow != null) {
            response.header(HttpHeaders.ALLOW, allow);
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e) {
        return ErrorResponses.of(ApiErrors.unsupportedMediaType());
    }

    /** Syntactically invalid JSON: 400 like the reference. */
    @ServerExceptionMapper
    public Response malformedJson(StreamReadException e) {
        return ErrorResponses.of(ApiErrors.badRequest("Failed to parse the request body as JSON: " + JsonErrors.describe(e)));
    }

    /** Well-formed JSON of the wrong shape: 422 like the reference. A broken mapping of ours is a 500. */
    @ServerExceptionMapper
    public Response wrongShape(DatabindException e, RoutingContext ctx) {
        if (e instanceof InvalidDefinitionException) {
            return internal(e, ctx);
        }
        return ErrorResponses.of(unprocessable(e));
    }

    /** Quarkus REST ships its own mapper for this subtype; ours takes precedence. */
    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response mismatchedInput(MismatchedInputException e, RoutingContext ctx) {
        return wrongShape(e, ctx);
    }

    @ServerExceptionMapper
    public Response otherJson(JsonProcessingException e, RoutingContext ctx) {
        return internal(e, ctx);
    }

    /**
     * Framework rejections keep their status with our body. The JSON reader wraps syntax errors and some
     * mapping errors in a 400 {@code WebApplicationException}; they are unwrapped here.
     */
    @ServerExceptionMapper
    public Response web(WebApplicationException e, RoutingContext ctx) {
        if (e.getCause() instanceof StreamReadException syntax) {
            return malformedJson(syntax);
        }
        if (e.getCause() instanceof DatabindException mapping) {
            return wrongShape(mapping, ctx);
        }
        if (e.getCause() instanceof StreamConstraintsException limits) {
            return ErrorResponses.of(ApiErrors.badRequest("Failed to parse the request body as JSON: " + JsonErrors.describe(limits)));
        }
        int status = e.getResponse().getStatus();
        if (status == 413) {
            return ErrorResponses.of(ApiErrors.payloadTooLarge());
        }
        if (status >= 400 && status < 500) {
            return ErrorResponses.of(new ApiException(status, FrameworkFailures.forStatus(status)));
        }
        return internal(e, ctx);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, RoutingContext ctx) {
        return internal(e, ctx);
    }

    static ApiException unprocessable(DatabindException e) {
        String detail = e instanceof JsonMappingException m ? JsonErrors.describe(m) : "invalid value";
        return ApiErrors.unprocessable("Failed to deserialize the JSON body into the target type: " + detail);
    }

    private Response internal(Throwable e, RoutingContext ctx) {
        String requestId = RequestId.of(ctx);
        Optional<ApiException> rejected = DatabaseFailures.sqlState(e).flatMap(DatabaseFailures::clientError);
        if (rejected.isPresent()) {
            LOG.infof("event=api_request_rejected request_id=%s kind=database sqlstate=%s", requestId,
                    DatabaseFailures.sqlState(e).orElse("-"));
            return ErrorResponses.of(rejected.get());
        }
        if (DatabaseFailures.isDatabaseFailure(e)) {
            LOG.errorf("event=api_request_failed request_id=%s kind=database sqlstate=%s error=%s", requestId,
                    DatabaseFailures.sqlState(e).orElse("-"), e.toString());
            return ErrorResponses.of(ApiErrors.database());
        }
        LOG.errorf(e, "event=api_request_failed request_id=%s kind=internal", requestId);
        return ErrorResponses.of(ApiErrors.internal());
    }
}
