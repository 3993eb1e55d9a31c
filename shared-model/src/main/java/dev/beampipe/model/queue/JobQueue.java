package dev.beampipe.model.queue;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.Sql;
import dev.beampipe.model.ids.Uuid7;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The durable job queue on the {@code jobs} table (10-state-and-jobs §3): enqueue with idempotency keys,
 * claims in one transaction under the pool's advisory lock with {@code FOR UPDATE SKIP LOCKED}, leases
 * fenced by owner and token, retries with backoff, dead letters.
 */
public final class JobQueue {
    /** Lease liveness as the claim and capacity checks read it: both columns NULL means expired. */
    static final String LIVE_LEASE = "COALESCE(lease_expires_at, locked_until, '-infinity'::timestamptz) > now()";
    private static final String FENCE = "status = 'running' AND lease_owner = $2 AND lease_token = $3";
    private static final String CLEAR_LEASE = "lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL, "
            + "locked_until = NULL, heartbeat_at = NULL";

    private static final String MATCHES_WORKER = "(j.required_capability IS NULL OR j.required_capability = ANY($2::text[])) "
            + "AND $3::jsonb @> j.required_labels";
    private static final String RUNNABLE = "j.status = 'queued' AND j.next_run_at <= now() "
            + "AND (j.lease_expires_at IS NULL OR j.lease_expires_at <= now()) AND (j.locked_until IS NULL OR j.locked_until <= now())";
    private static final String RECOVERABLE = "j.status = 'running' "
            + "AND COALESCE(j.lease_expires_at, j.locked_until, '-infinity'::timestamptz) <= now()";

    /**
     * The reference's candidate order is {@code priority + LEAST(1000, age / 300 s)} DESC, then
     * {@code next_run_at}, {@code created_at}. Within one priority level that order is simply oldest
     * first, so the best {@code $4} jobs overall are among the oldest {@code $4} of each level: the
     * query skip-scans the levels on {@code idx_jobs_runnable_order}, takes each level's head, adds the
     * (few) expired running leases, and only sorts that short list. Age counts from {@code next_run_at}
     * (when the job became runnable), not {@code created_at}: see docs/differences.md.
     */
    static final String CANDIDATES_SQL = "WITH RECURSIVE levels(p) AS ("
            + "  (SELECT priority FROM jobs WHERE status = 'queued' AND pool = $1 ORDER BY priority DESC LIMIT 1)"
            + "  UNION ALL"
            + "  SELECT (SELECT j.priority FROM jobs j WHERE j.status = 'queued' AND j.pool = $1 AND j.priority < l.p "
            + "          ORDER BY j.priority DESC LIMIT 1) FROM levels l WHERE l.p IS NOT NULL"
            + "), heads AS ("
            + "  SELECT h.uuid FROM levels l CROSS JOIN LATERAL ("
            + "    SELECT j.uuid FROM jobs j WHERE j.pool = $1 AND j.priority = l.p AND " + RUNNABLE + " AND " + MATCHES_WORKER
            + "    ORDER BY j.next_run_at ASC, j.created_at ASC LIMIT $4) h WHERE l.p IS NOT NULL"
            + "  UNION ALL"
            + "  SELECT j.uuid FROM jobs j WHERE j.pool = $1 AND " + RECOVERABLE + " AND " + MATCHES_WORKER
            + ") "
            + "SELECT j.uuid, j.status, j.lease_owner, j.lease_token, j.attempts, j.max_attempts FROM jobs j "
            + "WHERE j.uuid = ANY(ARRAY(SELECT uuid FROM heads)) AND j.pool = $1 AND ((" + RUNNABLE + ") OR (" + RECOVERABLE + ")) "
            + "ORDER BY j.priority + LEAST(1000, FLOOR(GREATEST(0, EXTRACT(EPOCH FROM (now() - j.next_run_at))) / 300)) DESC, "
            + "j.next_run_at ASC, j.created_at ASC "
            + "FOR UPDATE OF j SKIP LOCKED LIMIT $4";

    /** The SET list that brings a finished recurring/trigger row back to a fresh {@code queued} one. */
    private static final String REVIVE_FINISHED = reviveFinished();

    private static String reviveFinished() {
        String revive = "jobs.status IN ('completed', 'failed', 'dead_letter')";
        StringBuilder sb = new StringBuilder("next_run_at = CASE WHEN " + revive + " THEN now() ELSE jobs.next_run_at END, ")
                .append("attempts = CASE WHEN ").append(revive).append(" THEN 0 ELSE jobs.attempts END, ");
        for (String column : List.of("lease_owner", "lease_token", "lease_expires_at", "locked_until", "heartbeat_at",
                "last_error", "failure_class", "dead_lettered_at", "dead_letter_reason")) {
            sb.append(column).append(" = CASE WHEN ").append(revive).append(" THEN NULL ELSE jobs.").append(column).append(" END, ");
        }
        return sb.append("status = CASE WHEN ").append(revive).append(" THEN 'queued' ELSE jobs.status END ").toString();
    }

    private final Database db;

    public JobQueue(Database db) {
        this.db = db;
    }

    // ---------------------------------------------------------------- enqueue

    /**
     * Plain enqueue: on an idempotency-key conflict only {@code updated_at} changes and the existing row is
     * returned whatever its status; the caller decides what an existing row means.
     */
    public Job enqueue(EnqueueRequest request) {
        return db.inTransaction(sql -> enqueue(sql, request));
    }

    /** Plain enqueue inside the caller's transaction (intent and job committed together). */
    public Job enqueue(Sql sql, EnqueueRequest r) {
        return enqueueIn(sql, r);
    }

    /** {@link #enqueue(Sql, EnqueueRequest)} for callers that hold only a transaction, not a queue. */
    public static Job enqueueIn(Sql sql, EnqueueRequest r) {
        return sql.first("INSERT INTO jobs (uuid, kind, payload, status, execution_id, max_attempts, next_run_at, "
                        + "idempotency_key, pool, required_capability, priority, required_labels, created_at) "
                        + "VALUES ($1, $2, $3, 'queued', $4, $5, now() + make_interval(secs => $6), $7, $8, $9, $10, $11, now()) "
                        + "ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO UPDATE SET updated_at = now() "
                        + "RETURNING " + Job.COLUMNS,
                Job::from, Uuid7.next(), r.kind(), r.payload(), r.executionId(), r.maxAttempts(),
                (double) r.delaySeconds(), r.idempotencyKey(), r.pool(), r.requiredCapability(), r.priority(),
                r.requiredLabels()).orElseThrow();
    }

    /**
     * Recurring upsert: payload, pool, capability, labels and priority are always overwritten; a
     * {@code completed|failed|dead_letter} row is revived to {@code queued} now with attempts and lease
     * fields cleared; {@code queued|running|cancelled} rows keep their status.
     */
    public Job enqueueRecurring(EnqueueRequest r) {
        if (r.idempotencyKey() == null) {
            throw new IllegalArgumentException("a recurring job needs an idempotency key");
        }
        return db.sql().first("INSERT INTO jobs (uuid, kind, payload, status, execution_id, max_attempts, next_run_at, "
                        + "idempotency_key, pool, required_capability, priority, required_labels, created_at) "
                        + "VALUES ($1, $2, $3, 'queued', $4, $5, now() + make_interval(secs => $6), $7, $8, $9, $10, $11, now()) "
                        + "ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO UPDATE SET "
                        + "payload = EXCLUDED.payload, pool = EXCLUDED.pool, required_capability = EXCLUDED.required_capability, "
                        + "required_labels = EXCLUDED.required_labels, priority = EXCLUDED.priority, updated_at = now(), "
                        + REVIVE_FINISHED
                        + "RETURNING " + Job.COLUMNS,
                Job::from, Uuid7.next(), r.kind(), r.payload(), r.executionId(), r.maxAttempts(),
                (double) r.delaySeconds(), r.idempotencyKey(), r.pool(), r.requiredCapability(), r.priority(),
                r.requiredLabels()).orElseThrow();
    }

    /**
     * The manual-trigger upsert ({@code mark_sources_and_enqueue_discovery_tick}), inside the caller's
     * transaction: like {@link #enqueueRecurring} it revives a {@code completed|failed|dead_letter} row,
     * but the payload is replaced only when the row is revived (a still-queued trigger keeps its payload)
     * and pool, capability, labels and priority are never changed.
     */
    public Job enqueueTrigger(Sql sql, EnqueueRequest r) {
        if (r.idempotencyKey() == null) {
            throw new IllegalArgumentException("a trigger job needs an idempotency key");
        }
        return sql.first("INSERT INTO jobs (uuid, kind, payload, status, execution_id, max_attempts, next_run_at, "
                        + "idempotency_key, pool, required_capability, priority, required_labels, created_at) "
                        + "VALUES ($1, $2, $3, 'queued', $4, $5, now(), $6, $7, $8, $9, $10, now()) "
                        + "ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO UPDATE SET updated_at = now(), "
                        + "payload = CASE WHEN jobs.status IN ('completed', 'failed', 'dead_letter') THEN EXCLUDED.payload ELSE jobs.payload END, "
                        + REVIVE_FINISHED
                        + "RETURNING " + Job.COLUMNS,
                Job::from, Uuid7.next(), r.kind(), r.payload(), r.executionId(), r.maxAttempts(),
                r.idempotencyKey(), r.pool(), r.requiredCapability(), r.priority(), r.requiredLabels()).orElseThrow();
    }

    public Optional<Job> find(UUID jobId) {
        return db.sql().first("SELECT " + Job.COLUMNS + " FROM jobs WHERE uuid = $1", Job::from, jobId);
    }

    public Optional<Job> findByKey(String idempotencyKey) {
        return db.sql().first("SELECT " + Job.COLUMNS + " FROM jobs WHERE idempotency_key = $1", Job::from, idempotencyKey);
    }

    // ---------------------------------------------------------------- claim

    /** Claims at most one job (the reference's {@code claim_next_job_for_worker}). */
    public Optional<ClaimedJob> claim(UUID workerId, String pool, int lockSeconds) {
        return claim(workerId, pool, lockSeconds, 1).stream().findFirst();
    }

    /**
     * Claims up to {@code max} jobs in one transaction: the worker must be {@code active} in {@code pool};
     * the pool's advisory lock serialises claims so the worker and pool live-lease capacities cannot be
     * raced; candidates are locked {@code FOR UPDATE SKIP LOCKED}. An expired lease is recovered with a new
     * token, unless that would exceed {@code max_attempts}: then the job is dead-lettered (decision 4).
     */
    public List<ClaimedJob> claim(UUID workerId, String pool, int lockSeconds, int max) {
        if (max <= 0) {
            return List.of();
        }
        int lock = Math.max(1, lockSeconds);
        return db.inTransaction(sql -> {
            // the pool lock is taken in the same statement that proves the worker may claim
            Optional<Row> worker = sql.first("SELECT capabilities, labels, concurrency_limit, "
                    + "pg_advisory_xact_lock(hashtextextended('beampipe:worker-pool:' || $2, 0)) FROM worker_instances "
                    + "WHERE uuid = $1 AND status = 'active' AND pool = $2", r -> r, workerId, pool);
            if (worker.isEmpty()) {
                return List.of();
            }
            String[] capabilities = worker.get().getArrayOfStrings("capabilities");
            JsonObject labels = Job.jsonObject(worker.get().getValue("labels"));
            int concurrency = worker.get().getInteger("concurrency_limit");

            // a new statement, so a new snapshot: the counts see every claim committed before we got the lock
            Row counts = sql.first("SELECT (SELECT count(*) FROM jobs WHERE status = 'running' AND lease_owner = $1 AND " + LIVE_LEASE + "), "
                    + "(SELECT COALESCE(SUM(concurrency_limit), 0) FROM worker_instances WHERE pool = $2 AND status = 'active'), "
                    + "(SELECT count(*) FROM jobs WHERE pool = $2 AND status = 'running' AND " + LIVE_LEASE + ")",
                    r -> r, workerId, pool).orElseThrow();
            long mine = counts.getLong(0);
            long capacity = counts.getLong(1);
            long live = counts.getLong(2);
            long room = Math.min(Math.min(max, concurrency - mine), capacity - live);
            if (room <= 0) {
                return List.of();
            }
            List<Row> candidates = sql.list(CANDIDATES_SQL,
                    r -> r, pool, capabilities, labels, (int) room);
            if (candidates.isEmpty()) {
                return List.of();
            }
            List<UUID> ids = new ArrayList<>();
            List<UUID> tokens = new ArrayList<>();
            List<String> events = new ArrayList<>();
            JsonArray details = new JsonArray();
            for (Row c : candidates) {
                boolean recovery = "running".equals(c.getString("status"));
                if (recovery && c.getInteger("attempts") >= c.getInteger("max_attempts")) {
                    deadLetterExhaustedRecovery(sql, c);
                    continue;
                }
                ids.add(c.getUUID("uuid"));
                tokens.add(Uuid7.next());
                events.add(recovery ? "recovered" : "claimed");
                details.add(new JsonObject()
                        .put("previous_status", c.getString("status"))
                        .put("previous_owner", uuidText(c.getUUID("lease_owner")))
                        .put("previous_lease_token", uuidText(c.getUUID("lease_token"))));
            }
            if (ids.isEmpty()) {
                return List.of();
            }
            UUID[] idArray = ids.toArray(UUID[]::new);
            UUID[] tokenArray = tokens.toArray(UUID[]::new);
            UUID[] historyIds = new UUID[ids.size()];
            for (int i = 0; i < historyIds.length; i++) {
                historyIds[i] = Uuid7.next();
            }
            List<Job> claimed = sql.list("WITH t AS (SELECT * FROM unnest($1::uuid[], $2::uuid[], $5::uuid[], $6::text[], $7::text[]) "
                            + "  AS t(id, token, hid, event, details)), "
                            + "claimed AS (UPDATE jobs j SET status = 'running', attempts = j.attempts + 1, "
                            + "  lease_owner = $3, lease_token = t.token, "
                            + "  lease_expires_at = now() + make_interval(secs => $4), "
                            + "  locked_until = now() + make_interval(secs => $4), "
                            + "  heartbeat_at = now(), updated_at = now() "
                            + "  FROM t WHERE j.uuid = t.id RETURNING " + prefixed("j") + "), "
                            + "history AS (INSERT INTO job_claim_history (uuid, job_id, worker_id, lease_token, event, details) "
                            + "  SELECT t.hid, t.id, $3, t.token, t.event, t.details::jsonb FROM t) "
                            + "SELECT * FROM claimed",
                    Job::from, idArray, tokenArray, workerId, (double) lock, historyIds,
                    events.toArray(String[]::new),
                    details.stream().map(o -> ((JsonObject) o).encode()).toArray(String[]::new));
            List<ClaimedJob> out = new ArrayList<>(claimed.size());
            for (Job job : claimed) {
                int index = ids.indexOf(job.id());
                out.add(new ClaimedJob(job, new Lease(job.id(), workerId, job.leaseToken()),
                        "recovered".equals(events.get(index))));
            }
            out.sort(java.util.Comparator.comparingInt(c -> ids.indexOf(c.job().id())));
            return out;
        });
    }

    /**
     * Running jobs whose lease expired with no attempts left are dead-lettered now instead of waiting for a
     * worker of their pool to come across them (decision 4). Returns how many.
     */
    public int deadLetterExhaustedLeases() {
        return db.inTransaction(sql -> {
            List<Row> rows = sql.list("SELECT uuid, lease_owner, lease_token, attempts, max_attempts FROM jobs "
                    + "WHERE status = 'running' AND COALESCE(lease_expires_at, locked_until, '-infinity'::timestamptz) <= now() "
                    + "AND attempts >= max_attempts FOR UPDATE SKIP LOCKED LIMIT 500", r -> r);
            rows.forEach(row -> deadLetterExhaustedRecovery(sql, row));
            return rows.size();
        });
    }

    private static void deadLetterExhaustedRecovery(Sql sql, Row c) {
        UUID id = c.getUUID("uuid");
        String reason = "lease expired on attempt " + c.getInteger("attempts") + " of " + c.getInteger("max_attempts")
                + " (worker lost or stalled); not recovered again";
        sql.update("UPDATE jobs SET status = 'dead_letter', dead_lettered_at = now(), dead_letter_reason = $2, "
                + "last_error = $2, failure_class = 'timeout', " + CLEAR_LEASE + ", updated_at = now() WHERE uuid = $1", id, reason);
        sql.update("INSERT INTO job_claim_history (uuid, job_id, worker_id, lease_token, event, details) "
                        + "VALUES ($1, $2, $3, $4, 'dead_lettered', $5)",
                Uuid7.next(), id, c.getUUID("lease_owner"), c.getUUID("lease_token"),
                new JsonObject().put("failure_class", "timeout").put("reason", "lease_expired_attempts_exhausted"));
    }

    // ---------------------------------------------------------------- leases

    /**
     * Renews the given leases of one worker; returns the job ids whose lease is still held. A lease that is
     * missing from the result was lost (expired, recovered elsewhere, cancelled): its handler must stop.
     */
    public Set<UUID> renew(UUID workerId, List<Lease> leases, int lockSeconds) {
        if (leases.isEmpty()) {
            return Set.of();
        }
        UUID[] ids = leases.stream().map(Lease::jobId).toArray(UUID[]::new);
        UUID[] tokens = leases.stream().map(Lease::token).toArray(UUID[]::new);
        List<UUID> renewed = db.sql().list("UPDATE jobs j SET lease_expires_at = now() + make_interval(secs => $4), "
                        + "locked_until = now() + make_interval(secs => $4), heartbeat_at = now() "
                        + "FROM unnest($1::uuid[], $2::uuid[]) AS t(id, token) "
                        + "WHERE j.uuid = t.id AND j.lease_token = t.token AND j.status = 'running' "
                        + "AND j.lease_owner = $3 AND j.lease_expires_at > now() RETURNING j.uuid",
                r -> r.getUUID(0), ids, tokens, workerId, (double) Math.max(1, lockSeconds));
        return new HashSet<>(renewed);
    }

    /** One-shot success: {@code completed}, lease cleared, history {@code completed}. */
    public Outcome complete(Lease lease) {
        return db.inTransaction(sql -> {
            int n = sql.update("UPDATE jobs SET status = 'completed', " + CLEAR_LEASE + ", updated_at = now() "
                    + "WHERE uuid = $1 AND " + FENCE, lease.jobId(), lease.owner(), lease.token());
            if (n == 0) {
                return Outcome.FENCED;
            }
            history(sql, lease, "completed", new JsonObject());
            return Outcome.APPLIED;
        });
    }

    /** Recurring success: back to {@code queued} after {@code delaySeconds}, attempts reset. */
    public Outcome reschedule(Lease lease, long delaySeconds) {
        long delay = Math.max(1, delaySeconds);
        return db.inTransaction(sql -> {
            int n = sql.update("UPDATE jobs SET status = 'queued', next_run_at = now() + make_interval(secs => $4), "
                            + "attempts = 0, " + CLEAR_LEASE + ", last_error = NULL, failure_class = NULL, updated_at = now() "
                            + "WHERE uuid = $1 AND " + FENCE,
                    lease.jobId(), lease.owner(), lease.token(), (double) delay);
            if (n == 0) {
                return Outcome.FENCED;
            }
            history(sql, lease, "requeued", new JsonObject().put("delay_seconds", delay).put("recurring", true));
            return Outcome.APPLIED;
        });
    }

    /**
     * A handler error: non-retryable errors fail the job, otherwise it is retried after the backoff or
     * dead-lettered once {@code attempts >= max_attempts}.
     */
    public FailureOutcome fail(Lease lease, String kind, String error) {
        String message = error == null || error.isBlank() ? "job handler failed" : error;
        String failureClass = RetryPolicy.classify(kind, message);
        return db.inTransaction(sql -> {
            Optional<Row> current = sql.first("SELECT attempts, max_attempts FROM jobs WHERE uuid = $1 AND " + FENCE
                    + " FOR UPDATE", r -> r, lease.jobId(), lease.owner(), lease.token());
            if (current.isEmpty()) {
                return new FailureOutcome(FailureOutcome.Kind.FENCED, failureClass, 0);
            }
            if (RetryPolicy.isNonRetryable(kind, message)) {
                sql.update("UPDATE jobs SET status = 'failed', last_error = $2, failure_class = $3, " + CLEAR_LEASE
                        + ", updated_at = now() WHERE uuid = $1", lease.jobId(), message, failureClass);
                history(sql, lease, "failed", new JsonObject().put("failure_class", failureClass));
                return new FailureOutcome(FailureOutcome.Kind.FAILED, failureClass, 0);
            }
            int attempts = current.get().getInteger("attempts");
            long delay = RetryPolicy.backoffSeconds(attempts, lease.jobId());
            boolean exhausted = attempts >= current.get().getInteger("max_attempts");
            if (exhausted) {
                sql.update("UPDATE jobs SET status = 'dead_letter', next_run_at = now() + make_interval(secs => $4), "
                                + "last_error = $2, failure_class = $3, dead_lettered_at = now(), dead_letter_reason = $2, "
                                + CLEAR_LEASE + ", updated_at = now() WHERE uuid = $1",
                        lease.jobId(), message, failureClass, (double) delay);
                history(sql, lease, "dead_lettered", new JsonObject().put("failure_class", failureClass)
                        .put("retry_delay_seconds", delay));
                return new FailureOutcome(FailureOutcome.Kind.DEAD_LETTERED, failureClass, delay);
            }
            sql.update("UPDATE jobs SET status = 'queued', next_run_at = now() + make_interval(secs => $4), "
                            + "last_error = $2, failure_class = $3, " + CLEAR_LEASE + ", updated_at = now() WHERE uuid = $1",
                    lease.jobId(), message, failureClass, (double) delay);
            history(sql, lease, "requeued", new JsonObject().put("failure_class", failureClass)
                    .put("retry_delay_seconds", delay));
            return new FailureOutcome(FailureOutcome.Kind.RETRY_SCHEDULED, failureClass, delay);
        });
    }

    /**
     * Gives a job back without counting the attempt (graceful shutdown of a worker that could not finish
     * in its grace period): {@code queued} now, history {@code released}.
     */
    public Outcome release(Lease lease, String reason) {
        return db.inTransaction(sql -> {
            int n = sql.update("UPDATE jobs SET status = 'queued', next_run_at = now(), attempts = GREATEST(attempts - 1, 0), "
                    + CLEAR_LEASE + ", updated_at = now() WHERE uuid = $1 AND " + FENCE, lease.jobId(), lease.owner(), lease.token());
            if (n == 0) {
                return Outcome.FENCED;
            }
            history(sql, lease, "released", new JsonObject().put("reason", reason));
            return Outcome.APPLIED;
        });
    }

    /** Operator or ledger cancellation of a job that has not finished; a running holder is fenced out. */
    public boolean cancel(UUID jobId) {
        return db.sql().update("UPDATE jobs SET status = 'cancelled', " + CLEAR_LEASE + ", last_error = NULL, "
                + "failure_class = NULL, updated_at = now() WHERE uuid = $1 AND status IN ('queued', 'running')", jobId) == 1;
    }

    private static void history(Sql sql, Lease lease, String event, JsonObject details) {
        sql.update("INSERT INTO job_claim_history (uuid, job_id, worker_id, lease_token, event, details) "
                + "VALUES ($1, $2, $3, $4, $5, $6)", Uuid7.next(), lease.jobId(), lease.owner(), lease.token(), event, details);
    }

    private static String uuidText(UUID id) {
        return id == null ? null : id.toString();
    }

    private static String prefixed(String alias) {
        StringBuilder sb = new StringBuilder();
        for (String column : Job.COLUMNS.split(",\\s*")) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(alias).append('.').append(column);
        }
        return sb.toString();
    }
}
