package dev.beampipe.api.executions.control;

import dev.beampipe.api.errors.ApiErrors;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ledger.control.CancellationRules;
import dev.beampipe.model.ledger.control.ExecutionCancellation;
import io.vertx.core.json.JsonObject;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * The live external cancel before the ledger is written (20-api §2.4, 40-backends §3.12, §4.11). With
 * {@code BEAMPIPE_USE_REAL_BACKENDS} not {@code true} nothing leaves the process: the call that would have been made is
 * returned as a dry-run confirmation and stored as a {@code cancellation_request} artifact (decision 14). In real mode
 * a REST DIM session is cancelled with {@code POST {dim}/api/sessions/{sid}/cancel} (any 2xx confirms); a Slurm job is
 * not cancelled from api-service (no SSH credentials here), so it is refused as unconfirmed.
 */
final class ExternalCancel {
    static final Duration DIM_TIMEOUT = Duration.ofSeconds(60);
    private final Database db;
    private final boolean realBackends;

    ExternalCancel(Database db, boolean realBackends) {
        this.db = db;
        this.realBackends = realBackends;
    }

    static boolean realBackendsFromConfig() {
        return ConfigProvider.getConfig().getOptionalValue("BEAMPIPE_USE_REAL_BACKENDS", String.class)
                .map(v -> v.trim().equalsIgnoreCase("true")).orElse(false);
    }

    ExecutionCancellation.Confirmation cancel(UUID executionId, CancellationRules.Plan plan) {
        JsonObject pinned = db.sql().first("SELECT daliuge_manager_url, deployment_profile_snapshot FROM batch_execution_record "
                + "WHERE uuid = $1", r -> new JsonObject().put("manager_url", r.getString(0)).put("snapshot", r.getValue(1)),
                executionId).orElseThrow(ApiErrors::notFound);
        if (!(pinned.getValue("snapshot") instanceof JsonObject snapshot)) {
            throw ApiErrors.badRequest("the execution has no pinned deployment to cancel through");
        }
        if (plan.backend() == CancellationRules.Backend.SLURM) {
            JsonObject request = new JsonObject().put("backend", "slurm").put("action", "scancel")
                    .put("command", "scancel -- " + plan.externalId()).put("scheduler_job_id", plan.externalId());
            if (!realBackends) {
                return new ExecutionCancellation.Confirmation(plan.backend(), plan.externalId(), true, request);
            }
            throw ApiErrors.badRequest("external cancellation was not confirmed: live Slurm cancellation is not available "
                    + "from api-service; cancel job " + plan.externalId() + " on the cluster and let reconciliation record it");
        }
        String base = dimBase(pinned.getString("manager_url"), snapshot);
        if (base == null) {
            throw ApiErrors.badRequest("the pinned deployment has no DALiuGE manager address");
        }
        String url = base + "/api/sessions/" + URLEncoder.encode(plan.externalId(), StandardCharsets.UTF_8).replace("+", "%20")
                + "/cancel";
        JsonObject request = new JsonObject().put("backend", "daliuge").put("action", "cancel_session")
                .put("method", "POST").put("url", url).put("daliuge_session_id", plan.externalId());
        if (!realBackends) {
            return new ExecutionCancellation.Confirmation(plan.backend(), plan.externalId(), true, request);
        }
        try {
            HttpResponse<Void> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(HttpRequest.newBuilder(URI.create(url)).timeout(DIM_TIMEOUT)
                            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw ApiErrors.badRequest("external cancellation was not confirmed: DIM answered HTTP " + response.statusCode());
            }
        } catch (java.io.IOException e) {
            throw ApiErrors.badRequest("external cancellation was not confirmed: DIM request failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiErrors.badRequest("external cancellation was not confirmed: interrupted");
        }
        return new ExecutionCancellation.Confirmation(plan.backend(), plan.externalId(), false, request);
    }

    /** The stored manager URL, else {@code http://{deploy_host}[:{deploy_port}]} of the pinned REST profile. */
    static String dimBase(String stored, JsonObject snapshot) {
        if (stored != null && !stored.isBlank()) {
            return stored.replaceAll("/+$", "");
        }
        JsonObject deployment = snapshot.getJsonObject("deployment");
        String host = deployment == null ? null : deployment.getString("deploy_host");
        if (host == null || host.isBlank()) {
            return null;
        }
        Object port = deployment.getValue("deploy_port");
        int p = port instanceof Number n ? n.intValue() : 8001;
        return "http://" + host + (p == 80 ? "" : ":" + p);
    }
}
