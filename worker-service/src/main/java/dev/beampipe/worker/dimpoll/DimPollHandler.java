package dev.beampipe.worker.dimpoll;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.beampipe.model.daliuge.DaliugeStates;
import dev.beampipe.model.daliuge.DimPollResult;
import dev.beampipe.model.daliuge.IslandManagerClient;
import dev.beampipe.model.daliuge.SessionIds;
import dev.beampipe.model.daliuge.SessionStatus;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.queue.EnqueueRequest;
import dev.beampipe.model.queue.JobQueue;
import dev.beampipe.model.ledger.execute.ExecuteLedger;
import dev.beampipe.worker.runtime.JobContext;
import dev.beampipe.worker.runtime.JobHandler;
import dev.beampipe.worker.runtime.JobResult;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One-shot {@code dim_poll} jobs ({@code dim_poll:{execution_id}:{round}}, payload {@code execution_id, poll_round,
 * use_real_backends}; 10-state §3.1, 40-backends §7.1). In dry-run mode nothing leaves the process: the session
 * status and graph status requests a real poll would send are stored as {@code dry_run_request} artifacts
 * ({@code ExecuteLedger.recordDryRunRequest}, stages {@code dim_session_status} / {@code dim_graph_status}) and the
 * run completes as a dry run — the dry-run DIM reports FINISHED, so the execution becomes {@code completed}, or stays
 * {@code running} in {@code output_verification} when its outputs must be verified — in the same transaction. With
 * real backends the session is polled like a tick poll and, while it still runs, the next round is enqueued deferred
 * by the REST poll interval under {@code dim_poll:{execution_id}:{round+1}}.
 */
public final class DimPollHandler implements JobHandler {
    public static final String KIND = "dim_poll";
    public static final String CAPABILITY = "daliuge-deployment";
    public static final String DRY_RUN_SCHEMA = "beampipe-dry-run-request/v1";
    static final String FALLBACK_DIM = "http://localhost:8001";

    private final Database db;
    private final DimPoller poller;
    private final DimPollSettings settings;
    private final DimPoller.Clients clients;
    private final String pool;
    private final long defaultIntervalSeconds;
    private final Clock clock;

    public DimPollHandler(Database db, DimPoller poller, DimPollSettings settings, DimPoller.Clients clients,
                          String pool, long defaultIntervalSeconds, Clock clock) {
        this.db = db;
        this.poller = poller;
        this.settings = settings;
        this.clients = clients;
        this.pool = pool;
        this.defaultIntervalSeconds = defaultIntervalSeconds;
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
    public JobResult handle(JobContext context) throws InterruptedException {
        JsonObject payload = context.job().payload();
        UUID id = executionId(payload, context);
        if (id == null) {
            throw new IllegalArgumentException("dim_poll payload has no valid execution_id");
        }
        int round = payload.getValue("poll_round") instanceof Number n ? n.intValue() : 0;
        boolean real = payload.getValue("use_real_backends") instanceof Boolean b ? b : settings.useRealBackends();
        Optional<DimPollTarget> target = DimPollTargets.of(db.sql(), id);
        if (target.isEmpty()) {
            return JobResult.done();
        }
        if (!real) {
            dryRun(target.get(), round, context.correlationId());
            return JobResult.done();
        }
        DimPollTarget t = target.get();
        if (t.terminalWhenRead()) {
            return JobResult.done(); // a late round of a finished run: nothing to ask the DIM
        }
        if (t.endpoint() == null || t.sessionId() == null) {
            throw new IllegalStateException("execution " + id + " has no DIM endpoint or session to poll");
        }
        DimPollLedger.Applied applied = poller.pollOne(clients.apply(t.endpoint(), t.verifySsl()), t,
                context.correlationId());
        if (applied.followUp()) {
            long delay = t.intervalSeconds() != null ? t.intervalSeconds() : defaultIntervalSeconds;
            new JobQueue(db).enqueue(EnqueueRequest.of(KIND, new JsonObject().put("execution_id", id.toString())
                            .put("poll_round", round + 1).put("use_real_backends", true)
                            .put("correlation_id", context.correlationId()))
                    .inPool(pool).requiring(CAPABILITY).withKey(key(id, round + 1)).forExecution(id).delayedBy(delay));
        }
        return JobResult.done();
    }

    /** The requests that were not sent, and the dry-run DIM's FINISHED observation, in one transaction. */
    void dryRun(DimPollTarget t, int round, String correlationId) {
        String sid = t.sessionId() != null ? t.sessionId() : SessionIds.forExecution(t.executionId(), clock.instant());
        IslandManagerClient dim = new IslandManagerClient(t.endpoint() != null ? t.endpoint() : FALLBACK_DIM, t.verifySsl());
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
