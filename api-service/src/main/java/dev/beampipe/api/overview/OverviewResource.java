package dev.beampipe.api.overview;

import dev.beampipe.model.db.Database;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Optional;

/**
 * The console's overview counts (20-api §2.1), read in one statement (one snapshot) from the database. A worker
 * is stale when its heartbeat is older than max(30 s, 3 x BEAMPIPE_WORKER_HEARTBEAT_INTERVAL_SECONDS), or when
 * the scheduler has marked it lost.
 */
@Path("/api/v2/overview")
@Tag(name = "operators")
@Produces(MediaType.APPLICATION_JSON)
public class OverviewResource {
    static final String COUNTS = "SELECT "
            + "(SELECT count(*) FROM source_registry WHERE enabled), "
            + "(SELECT count(*) FROM source_registry WHERE workflow_run_pending), "
            + "(SELECT count(*) FROM batch_execution_record WHERE status IN ('pending', 'running', 'awaiting_scheduler', 'retrying')), "
            + "(SELECT count(*) FROM batch_execution_record WHERE status = 'failed'), "
            + "(SELECT count(*) FROM jobs WHERE status = 'queued' AND next_run_at <= now()), "
            + "(SELECT count(*) FROM worker_instances WHERE status = 'active' "
            + "   AND last_heartbeat_at > now() - make_interval(secs => $1)), "
            + "(SELECT count(*) FROM worker_instances WHERE status = 'lost' OR (status IN ('active', 'draining') "
            + "   AND last_heartbeat_at <= now() - make_interval(secs => $1))), "
            + "(SELECT count(*) FROM alert_deliveries WHERE created_at > now() - interval '24 hours'), "
            + "now()";

    private final Database db;

    public OverviewResource(Database db) {
        this.db = db;
    }

    @GET
    @Operation(operationId = "operator_overview", summary = "Operator overview",
            description = "Counts for the operator console: sources, executions, queue, workers and alerts.")
    @APIResponse(responseCode = "200", description = "Counts from one database snapshot",
            content = @Content(schema = @Schema(implementation = OperatorOverviewResponse.class)))
    public OperatorOverviewResponse overview() {
        Config config = ConfigProvider.getConfig();
        Row r = db.sql().first(COUNTS, row -> row, (double) staleAfterSeconds(config)).orElseThrow();
        return new OperatorOverviewResponse(r.getLong(0), r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4),
                r.getLong(5), r.getLong(6), r.getLong(7), r.getOffsetDateTime(8).toInstant(),
                set(config, "BEAMPIPE_CASDA_TAP_URL", true) ? "configured" : "not_configured",
                set(config, "BEAMPIPE_TM_URL", false) || set(config, "BEAMPIPE_DIM_URL", false) ? "configured" : "profile_managed",
                set(config, "SLURM_REMOTE_USER", false) ? "configured" : "profile_managed");
    }

    static int staleAfterSeconds(Config config) {
        long interval = config.getOptionalValue("BEAMPIPE_WORKER_HEARTBEAT_INTERVAL_SECONDS", String.class)
                .flatMap(OverviewResource::positive).orElse(10L);
        return (int) Math.max(30, Math.min(86_400, 3 * interval));
    }

    /** The CASDA TAP URL has a default (the CASDA sync endpoint), so only an explicitly blank value unsets it. */
    private static boolean set(Config config, String name, boolean hasDefault) {
        Optional<String> value = config.getOptionalValue(name, String.class);
        return value.map(v -> !v.isBlank()).orElse(hasDefault);
    }

    private static Optional<Long> positive(String text) {
        try {
            long v = Long.parseLong(text.trim());
            return v > 0 ? Optional.of(v) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
