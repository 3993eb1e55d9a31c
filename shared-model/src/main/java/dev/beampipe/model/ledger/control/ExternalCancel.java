package dev.beampipe.model.ledger.control;

import dev.beampipe.model.daliuge.DimTimeouts;
import dev.beampipe.model.daliuge.IslandManagerClient;
import dev.beampipe.model.daliuge.SessionIds;
import dev.beampipe.model.daliuge.SessionCancel;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.profile.Deployment;
import dev.beampipe.model.profile.ProfileBinder;
import dev.beampipe.model.profile.SlurmRemoteDeployment;
import dev.beampipe.model.slurm.ops.SlurmCancel;
import dev.beampipe.model.slurm.ssh.SshConnector;
import dev.beampipe.model.slurm.ssh.SshCredentialResolver;
import dev.beampipe.model.slurm.ssh.SshCredentials;
import dev.beampipe.model.slurm.ssh.SshFailure;
import dev.beampipe.model.slurm.ssh.SshTarget;
import dev.beampipe.model.slurm.ssh.SshTimeouts;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Cancels an execution's live external work through its pinned deployment before the ledger is written (10-state
 * §2.8, 40-backends §3.12), shared by the API's {@code PATCH} and the CLI's {@code execution cancel}.
 *
 * <ul>
 *   <li>{@code BEAMPIPE_USE_REAL_BACKENDS} not {@code true}: nothing leaves the process; the call that would have been
 *   made is returned as a dry-run confirmation (stored as a {@code cancellation_request} artifact, decision 14).</li>
 *   <li>REST: {@code POST {dim}/api/sessions/{sid}/cancel}, then the session status is polled until it reads
 *   {@code CANCELLED} (at most {@link #CONFIRM_WITHIN}); only that confirms. A 2xx alone does not (our behaviour,
 *   docs/daliuge-operations.md).</li>
 *   <li>Slurm in real mode: {@code scancel} over a fresh SSH session to the pinned profile's login node (credentials
 *   resolved from the process environment), confirmed only when a status query then observes the job CANCELLED
 *   (40-backends §4.11, §8.5; docs/slurm-protocol.md). If that target's fingerprint differs from the one frozen at
 *   submission intent, nothing is sent: {@code submission_target_identity_changed} (§4.1, §4.9).</li>
 * </ul>
 * An unconfirmed cancel is an {@link Outcome} with a reason, never an exception: callers decide (API 400, CLI exit 1).
 */
public final class ExternalCancel {
    public static final Duration CONFIRM_WITHIN = SessionCancel.CONFIRM_WITHIN;
    static final Duration POLL_EVERY = SessionCancel.POLL_EVERY;
    static final Duration DIM_CANCEL_TIMEOUT = Duration.ofSeconds(60);
    static final Duration DIM_STATUS_TIMEOUT = Duration.ofSeconds(10);

    private final Database db;
    private final boolean realBackends;
    private final Duration confirmWithin;
    private final Duration pollEvery;
    private final Map<String, String> env;
    private final SlurmCancel slurmCancel;

    public ExternalCancel(Database db, boolean realBackends) {
        this(db, realBackends, CONFIRM_WITHIN, POLL_EVERY);
    }

    public ExternalCancel(Database db, boolean realBackends, Duration confirmWithin, Duration pollEvery) {
        this(db, realBackends, confirmWithin, pollEvery, System.getenv(), new SlurmCancel());
    }

    /** {@code env}: where SSH credentials and the remote user are resolved from (the process environment in services). */
    public ExternalCancel(Database db, boolean realBackends, Duration confirmWithin, Duration pollEvery,
                          Map<String, String> env, SlurmCancel slurmCancel) {
        this.db = db;
        this.realBackends = realBackends;
        this.confirmWithin = confirmWithin;
        this.pollEvery = pollEvery;
        this.env = Map.copyOf(env);
        this.slurmCancel = slurmCancel;
    }

    /** {@code BEAMPIPE_USE_REAL_BACKENDS}: only {@code true} (any case, trimmed) enables live calls. */
    public static boolean realBackends(String setting) {
        return setting != null && setting.trim().equalsIgnoreCase("true");
    }

    /**
     * The backend's answer. {@code confirmation} is set only when the work is known cancelled (or in dry-run);
     * otherwise {@code reason} says why not. {@code request} describes the call (made or not).
     */
    public record Outcome(ExecutionCancellation.Confirmation confirmation, String reason, JsonObject request) {
        public boolean confirmed() {
            return confirmation != null;
        }

        static Outcome unconfirmed(String reason, JsonObject request) {
            return new Outcome(null, reason, request);
        }
    }

    public Outcome cancel(UUID executionId, CancellationRules.Plan plan) {
        Optional<JsonObject> pinned = db.sql().first("SELECT daliuge_manager_url, deployment_profile_snapshot "
                        + "FROM batch_execution_record WHERE uuid = $1",
                r -> new JsonObject().put("manager_url", r.getString(0)).put("snapshot", r.getValue(1)), executionId);
        if (pinned.isEmpty()) {
            throw ControlFailure.notFound().rejected();
        }
        if (!(pinned.get().getValue("snapshot") instanceof JsonObject snapshot)) {
            return Outcome.unconfirmed("no_pinned_deployment: the execution has no pinned deployment to cancel through", null);
        }
        if (plan.backend() == CancellationRules.Backend.SLURM) {
            return slurm(executionId, plan, snapshot);
        }
        String base = dimBase(pinned.get().getString("manager_url"), snapshot);
        if (base == null) {
            return Outcome.unconfirmed("incomplete_profile: the pinned deployment has no DALiuGE manager address", null);
        }
        String sid = plan.externalId();
        JsonObject request = new JsonObject().put("backend", "daliuge").put("action", "cancel_session")
                .put("method", "POST").put("url", base + "/api/sessions/" + SessionIds.pathSegment(sid) + "/cancel")
                .put("daliuge_session_id", sid);
        if (!realBackends) {
            return new Outcome(new ExecutionCancellation.Confirmation(plan.backend(), sid, true, request), null, request);
        }
        IslandManagerClient dim = new IslandManagerClient(base, verifySsl(snapshot),
                new DimTimeouts(DIM_CANCEL_TIMEOUT, DIM_CANCEL_TIMEOUT, DIM_CANCEL_TIMEOUT, DIM_STATUS_TIMEOUT,
                        DIM_STATUS_TIMEOUT, DIM_CANCEL_TIMEOUT), Clock.systemUTC());
        Optional<String> notConfirmed = new SessionCancel(confirmWithin, pollEvery).cancelAndConfirm(dim, sid);
        if (notConfirmed.isPresent()) {
            return Outcome.unconfirmed(notConfirmed.get(), request);
        }
        return new Outcome(new ExecutionCancellation.Confirmation(plan.backend(), sid, false, request), null, request);
    }

    private Outcome slurm(UUID executionId, CancellationRules.Plan plan, JsonObject snapshot) {
        JsonObject request = new JsonObject().put("backend", "slurm").put("action", "scancel")
                .put("command", "scancel -- " + plan.externalId()).put("scheduler_job_id", plan.externalId());
        if (!realBackends) {
            return new Outcome(new ExecutionCancellation.Confirmation(plan.backend(), plan.externalId(), true, request),
                    null, request);
        }
        SlurmRemoteDeployment d;
        try {
            Deployment deployment = pinnedDeployment(snapshot);
            if (!(deployment instanceof SlurmRemoteDeployment slurm)) {
                return Outcome.unconfirmed("invalid_deployment_profile_kind: the pinned deployment is "
                        + deployment.kind() + ", not slurm_remote", request);
            }
            d = slurm;
        } catch (RuntimeException e) {
            return Outcome.unconfirmed("invalid_deployment_profile_snapshot: " + e.getMessage(), request);
        }
        SshTarget target;
        SshCredentials creds;
        try {
            target = SshTarget.of(d, env);
        } catch (IllegalArgumentException e) {
            return Outcome.unconfirmed("slurm cancel could not be attempted: " + e.getMessage(), request);
        }
        request.put("target", target.display()).put("target_fingerprint", target.fingerprint());
        Optional<String> submittedTo = intentFingerprint(executionId);
        if (submittedTo.isPresent() && !submittedTo.get().equals(target.fingerprint())) {
            request.put("intent_target_fingerprint", submittedTo.get());
            return Outcome.unconfirmed("submission_target_identity_changed: the job was submitted to the target with "
                    + "fingerprint " + submittedTo.get() + ", but the pinned profile now resolves to " + target.display()
                    + " (fingerprint " + target.fingerprint() + "); not cancelling through a different target", request);
        }
        try {
            creds = new SshCredentialResolver(env).resolve(d.sshCredential());
        } catch (IllegalArgumentException | SshFailure e) {
            return Outcome.unconfirmed("slurm cancel could not be attempted: " + e.getMessage(), request);
        }
        SlurmCancel.CancelResult result;
        try (SshConnector connector = new SshConnector(SshTimeouts.fromEnv(env))) {
            result = slurmCancel.cancel(connector, target, creds, plan.externalId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.unconfirmed("slurm cancel was interrupted before it was confirmed", request);
        } catch (IllegalArgumentException e) {
            return Outcome.unconfirmed("slurm cancel could not be attempted: " + e.getMessage(), request);
        }
        if (result.last() != null) {
            request.put("last_observation", new JsonObject().put("state", result.last().state().name())
                    .put("raw_state", result.last().rawState()).put("source", result.last().source()));
        }
        if (!result.cancelled()) {
            return Outcome.unconfirmed(result.reason(), request);
        }
        return new Outcome(new ExecutionCancellation.Confirmation(plan.backend(), plan.externalId(), false, request),
                null, request);
    }

    /**
     * The {@code target_fingerprint} of the execution's latest {@code intent_persisted} observation (40-backends §4.1:
     * frozen at submission intent). Empty when there is none (a row written before intents carried it): then there is
     * nothing to compare, and the pinned profile's target is used as is.
     */
    private Optional<String> intentFingerprint(UUID executionId) {
        return db.sql().first("SELECT payload->>'target_fingerprint' FROM execution_observations WHERE execution_id = $1 "
                        + "AND kind = 'daliuge_session' AND raw_state = 'intent_persisted' "
                        + "ORDER BY observed_at DESC, uuid DESC LIMIT 1", r -> r.getString(0), executionId)
                .filter(f -> !f.isBlank());
    }

    /** The pinned profile's deployment; a snapshot holding only {@code deployment} is bound too. */
    static Deployment pinnedDeployment(JsonObject snapshot) {
        JsonObject document = new JsonObject()
                .put("name", snapshot.getValue("name") instanceof String n ? n : "pinned")
                .put("translation", snapshot.getValue("translation") instanceof JsonObject t ? t : new JsonObject())
                .put("deployment", snapshot.getValue("deployment"));
        try {
            return ProfileBinder.bind(new com.fasterxml.jackson.databind.ObjectMapper().readTree(document.encode())).deployment();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the pinned deployment is not JSON", e);
        }
    }

    /**
     * The stored manager URL, else the pinned REST profile's DIM ({@code deploy_host}/{@code deploy_port},
     * {@code use_https}; only the scheme's default port is omitted, a missing port is 8001), else null.
     */
    static String dimBase(String stored, JsonObject snapshot) {
        if (stored != null && !stored.isBlank()) {
            return stored.strip().replaceAll("/+$", "");
        }
        JsonObject deployment = snapshot.getJsonObject("deployment");
        String host = deployment == null ? null : deployment.getString("deploy_host");
        if (host == null || host.isBlank()) {
            return null;
        }
        Object port = deployment.getValue("deploy_port");
        long p = port instanceof Number n ? n.longValue() : 8001;
        boolean https = Boolean.TRUE.equals(deployment.getValue("use_https"));
        boolean defaultPort = https ? p == 443 : p == 80;
        return (https ? "https" : "http") + "://" + host + (defaultPort ? "" : ":" + p);
    }

    private static boolean verifySsl(JsonObject snapshot) {
        JsonObject deployment = snapshot.getJsonObject("deployment");
        return deployment == null || !Boolean.FALSE.equals(deployment.getValue("verify_ssl"));
    }
}
