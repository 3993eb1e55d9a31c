package dev.beampipe.api.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.api.access.AccessPolicy;
import dev.beampipe.api.correlation.RequestId;
import dev.beampipe.api.errors.ApiErrorResponse;
import dev.beampipe.api.errors.ApiErrors;
import dev.beampipe.api.secrets.InlineSecretGate;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.queue.EnqueueRequest;
import dev.beampipe.model.queue.Job;
import dev.beampipe.model.queue.JobQueue;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/**
 * Operator/debug enqueue (20-api §2.9): any kind, pool {@code default}, the kind's default capability, the
 * request's correlation id and traceparent merged into the payload without overwriting. An
 * {@code idempotency_key} already in use returns the existing job, whatever its kind or payload.
 */
@Path("/api/v2/jobs")
@Tag(name = "jobs")
public class JobsResource {
    static final String POOL = "default";
    /** Unlike the reference, kinds are checked: no handler serves a kind outside this shape (docs/differences.md). */
    static final java.util.regex.Pattern KIND = java.util.regex.Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private final JobQueue queue;
    private final ObjectMapper mapper;
    private final InlineSecretGate secrets;

    private final AccessPolicy access;

    public JobsResource(Database db, ObjectMapper mapper, InlineSecretGate secrets, AccessPolicy access) {
        this.access = access;
        this.queue = new JobQueue(db);
        this.mapper = mapper;
        this.secrets = secrets;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "enqueue_job_handler", summary = "Enqueue job",
            description = "Enqueue a Postgres-backed background job (operator/debug).")
    @APIResponse(responseCode = "202", description = "Accepted",
            content = @Content(schema = @Schema(implementation = JobResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or a kind the queue rejects",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "422", description = "Well-formed JSON of the wrong shape",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public Response enqueue(JobCreate body, RoutingContext ctx, @HeaderParam("traceparent") String traceparent) {
        ApiErrors.requireBody(body);
        access.requireSuperuser();
        if (body.kind() == null || !KIND.matcher(body.kind()).matches()) {
            throw ApiErrors.badRequest("job kind must be 1-64 characters: lowercase letters, digits and underscores, starting with a letter");
        }
        ObjectNode payload = payloadObject(body.payload());
        secrets.check("job_payload", payload);
        payload.putIfAbsent("correlation_id", payload.textNode(RequestId.of(ctx)));
        if (traceparent != null && !traceparent.isBlank()) {
            payload.putIfAbsent("traceparent", payload.textNode(traceparent));
        }
        Job job = queue.enqueue(request(body, payload));
        return Response.status(Response.Status.ACCEPTED).entity(JobResponse.of(job, readTree(job.payload()))).build();
    }

    private EnqueueRequest request(JobCreate body, ObjectNode payload) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = mapper.convertValue(payload, Map.class);
        try {
            EnqueueRequest request = EnqueueRequest.of(body.kind(), new JsonObject(map)).inPool(POOL)
                    .requiring(DefaultCapabilities.forKind(body.kind())).withKey(body.idempotencyKey());
            return body.executionId() == null ? request : request.forExecution(body.executionId());
        } catch (IllegalArgumentException e) {
            throw ApiErrors.badRequest(e.getMessage());
        }
    }

    /** Absent or null means {}; the queue stores object payloads only. */
    private ObjectNode payloadObject(JsonNode payload) {
        if (payload == null || payload.isNull()) {
            return mapper.createObjectNode();
        }
        if (!payload.isObject()) {
            throw ApiErrors.unprocessable("Failed to deserialize the JSON body into the target type: payload: expected a JSON object");
        }
        return (ObjectNode) payload.deepCopy();
    }

    private JsonNode readTree(JsonObject json) {
        try {
            return mapper.readTree(json.encode());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored job payload is not JSON", e);
        }
    }
}
