package dev.beampipe.worker.dimpoll;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.beampipe.model.daliuge.DaliugeStates;
import dev.beampipe.model.daliuge.DimPollResult;
import dev.beampipe.model.daliuge.IslandManagerClient;
import dev.beampipe.model.daliuge.SessionIds;
import dev.beampipe.model.daliuge.SessionStatus;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ledger.execute.ExecuteLedger;
import dev.beampipe.worker.execute.BackendMode;
import dev.beampipe.worker.runtime.JobContext;
import dev.beampipe.worker.runtime.JobHandler;
import dev.beampipe.worker.runtime.JobResult;
import io.vertx.core.json.JsonObject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One-shot {@code dim_poll} jobs ({@code dim_poll:{execution_id}:{round}}, payload {@code execution_id, poll_round,
 * use_real_backends}; 10-state §3.1, 40-backends §7.1). The mode is the execution's recorded {@code backend_mode}
 * ({@link BackendMode}); only for rows without one the payload's {@code use_real_backends}, else this worker's
 * setting.
 *
 * <p>Dry run: nothing leaves the process. The session status and graph status requests a real poll would send are
 * stored as {@code dry_run_request} artifacts ({@code ExecuteLedger.recordDryRunRequest}, stages
 * {@code dim_session_status} / {@code dim_graph_status}) and the run completes as a dry run — the dry-run DIM reports
 * FINISHED, so the execution becomes {@code completed}, or stays {@code running} in {@code output_verification} when
 * its outputs must be verified — in the same transaction.
 *
 * <p>Real: the job hands the execution over to {@code dim_poll_tick}, the only poller of real sessions, and completes
 * without a request ({@code event=dim_poll_handover}); a second, per-execution poll chain would count rounds twice
 * and never stop on errors.
 */
public final class DimPollHandler implements JobHandler {
    private static final Logger LOG = Logger.getLogger(DimPollHandler.class);
    public static final String KIND = "dim_poll";
    public static final String CAPABILITY = "daliuge-deployment";
    public static final String DRY_RUN_SCHEMA = "beampipe-dry-run-request/v1";
    static final String FALLBACK_DIM = "http://localhost:8001";

    private final Database db;
    private final DimPoller poller;
    private final DimPollSettings settings;
    private final DimPoller.Clients clients;
    private final Clock clock;

    /** @param clients the worker's cached DIM clients: a dry run only formats its URLs with them */
    public DimPollHandler(Database db, DimPoller poller, DimPollSettings settings, DimPoller.Clients clients, Clock clock) {
        this.db = db;
        this.poller = poller;
        this.settings = settings;
        this.clients = clients;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    public static String key(UUID executionId, int round) {
        return KIND + ":" + executionId + ":" + round;
    }

    @Override
    public JobResult handle(JobContext context) {
        JsonObject payload = context.job().payload();
        UUID id = executionId(payload, context);
        if (id == null) {
            throw new IllegalArgumentException("dim_poll payload has no valid execution_id");
        }
        int round = payload.getValue("poll_round") instanceof Number n ? n.intValue() : 0;
        Optional<DimPollTarget> target = DimPollTargets.of(db.sql(), id);
        if (target.isEmpty()) {
            return JobResult.done();
        }
        boolean fallbackReal = payload.getValue("use_real_backends") instanceof Boolean b ? b : settings.useRealBackends();
        if (BackendMode.effective(target.get().backendMode(), fallbackReal) == BackendMode.REAL) {
            LOG.infof("event=dim_poll_handover execution_id=%s round=%d reason=real_sessions_are_polled_by_the_tick",
                    id, round);
            return JobResult.done();
        }
        dryRun(target.get(), context.correlationId());
        return JobResult.done();
    }

    /** The requests that were not sent, and the dry-run DIM's FINISHED observation, in one transaction. */
    void dryRun(DimPollTarget t, String correlationId) {
        String sid = t.sessionId() != null ? t.sessionId() : SessionIds.forExecution(t.executionId(), clock.instant());
        IslandManagerClient dim = clients.apply(t.endpoint() != null ? t.endpoint() : FALLBACK_DIM, t.verifySsl());
        SessionStatus finished = DaliugeStates.sessionStatus(TextNode.valueOf("FINISHED"));
        PollOutcome outcome = new PollOutcome.Observed(new DimPollResult(sid, finished, Optional.empty(), clock.instant()), true);
        DimPollLedger.Applied applied = db.inTransaction(sql -> {
            for (Map.Entry<String, String> call : Map.of("dim_session_status", dim.sessionStatusUrl(sid).toString(),
                    "dim_graph_status", dim.graphStatusUrl(sid).toString()).entrySet()) {
                ExecuteLedger.recordDryRunRequest(sql, t.executionId(), call.getKey(), new JsonObject()
                        .put("schema", DRY_RUN_SCHEMA).put("method", "GET").put("url", call.getValue()).put("sent", false));
            }
            return DimPollLedger.apply(sql, t, outcome, correlationId);
        });
        poller.record(t, outcome, applied);
    }

    private static UUID executionId(JsonObject payload, JobContext context) {
        String raw = payload.getString("execution_id");
        try {
            return raw != null ? UUID.fromString(raw) : context.job().executionId();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
