package dev.beampipe.api.diagnostics;

import dev.beampipe.model.daliuge.DaliugeEndpoints;
import dev.beampipe.model.daliuge.DaliugeErrorKind;
import dev.beampipe.model.daliuge.DaliugeException;
import dev.beampipe.model.daliuge.OperatorInspection;
import dev.beampipe.api.errors.Diagnostic;
import dev.beampipe.api.errors.ApiException;
import dev.beampipe.api.scheduler.LoginNodeStatus;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.Migrations;
import dev.beampipe.model.leader.LeaderStatus;
import dev.beampipe.model.profile.SlurmRemoteDeployment;
import dev.beampipe.model.profile.StoredProfile;
import dev.beampipe.model.secrets.Redaction;
import dev.beampipe.model.security.SecurityChecks;
import dev.beampipe.model.security.SecurityScope;
import dev.beampipe.model.tap.TapHealth;
import dev.beampipe.model.tap.TapState;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The checks of {@code GET /api/v2/diagnostics} (20-api §2.1), in the reference's order. None of them throws:
 * every failure becomes a diagnostic. Driver and client texts are redacted before they reach a hint.
 */
public final class DiagnosticChecks {
    private static final Logger LOG = Logger.getLogger(DiagnosticChecks.class);
    /** Blocking probes; the common fork-join pool has one thread on a two-core host and would serialise them. */
    private static final ExecutorService PROBES = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "beampipe-diagnostics-probe");
        t.setDaemon(true);
        return t;
    });

    /** The findings, plus {@code beampipe_dependency_up}'s values as this run measured them. */
    public record Findings(List<Diagnostic> diagnostics, Map<String, Integer> dependencyUp) {
    }

    public record Inputs(Map<String, String> securityEnvironment, int staleAfterSeconds, Optional<StoredProfile> profile,
                         DaliugeEndpoints daliuge) {
    }

    private final Database db;
    private final TapHealth tap;
    private final OperatorInspection daliuge;
    private final LoginNodeStatus loginNode;
    private final Map<String, String> slurmEnvironment;

    /** {@code slurmEnvironment}: what the SSH credential resolver reads (the credential root, the user chain). */
    public DiagnosticChecks(Database db, TapHealth tap, OperatorInspection daliuge, LoginNodeStatus loginNode,
                            Map<String, String> slurmEnvironment) {
        this.db = db;
        this.tap = tap;
        this.daliuge = daliuge;
        this.loginNode = loginNode;
        this.slurmEnvironment = Map.copyOf(slurmEnvironment);
    }

    /**
     * The network probes (archives, TM, DIM, login node) run in parallel, so the call takes as long as the slowest
     * of them (at most about 10 s), not their sum; findings keep the reference's order.
     */
    public Findings run(Inputs in) {
        CompletableFuture<TapHealth.Status> archives = CompletableFuture.supplyAsync(tap::status, PROBES);
        CompletableFuture<List<Diagnostic>> daliugeFindings = CompletableFuture.supplyAsync(() -> daliuge(in.daliuge()), PROBES);
        CompletableFuture<List<Diagnostic>> slurmFindings = CompletableFuture.supplyAsync(() -> in.profile()
                .filter(p -> p.profile().deployment() instanceof SlurmRemoteDeployment).map(this::slurm).orElse(List.of()), PROBES);
        List<Diagnostic> out = new ArrayList<>();
        boolean database = database(out);
        if (database) {
            migrations(out);
        }
        for (String issue : SecurityChecks.collect(in.securityEnvironment(), SecurityScope.ALL)) {
            out.add(new Diagnostic("security", "error", "security.configuration", Redaction.string(issue),
                    "run `beampipe security check` and correct the reported setting"));
        }
        TapHealth.Status tapStatus = archives.join();
        if (tapStatus.casda() == TapState.ERROR) {
            out.add(error("adapters.casda", "casda.unreachable", "the CASDA TAP service did not answer the availability probe"));
        }
        if (tapStatus.vizier() == TapState.ERROR) {
            out.add(error("adapters.vizier", "vizier.unreachable", "the VizieR TAP service did not answer the availability probe"));
        }
        Map<String, Integer> up = tapStatus.dependencyUp(database);
        if (database) {
            guarded(out, "executions.reconciliation", this::reconciliation);
            guarded(out, "workers.heartbeat", () -> staleWorkers(in.staleAfterSeconds()));
            guarded(out, "scheduler.leader", this::leader);
        }
        out.addAll(daliugeFindings.join());
        out.addAll(slurmFindings.join());
        return new Findings(out, up);
    }

    private boolean database(List<Diagnostic> out) {
        try {
            db.sql().count("SELECT 1");
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("event=diagnostics_check_failed check=database error=%s", e.toString());
            out.add(new Diagnostic("database", "error", "database.unreachable", "the database is unreachable",
                    Redaction.string(e.getClass().getSimpleName() + ": " + e.getMessage())));
            return false;
        }
    }

    private void migrations(List<Diagnostic> out) {
        try {
            Migrations.Status status = Migrations.statusOf(db);
            if (status.failed() > 0) {
                out.add(error("database.migrations", "database.migration_failed",
                        status.failed() + " database migration(s) are marked unsuccessful"));
            } else if (!status.upToDate()) {
                out.add(new Diagnostic("database.migrations", "error", "database.migrations_pending",
                        "database migrations are pending (at " + status.currentVersion() + ", expected " + Migrations.LATEST_VERSION + ")",
                        "run `beampipe migrate`"));
            }
        } catch (RuntimeException e) {
            out.add(error("database.migrations", "database.migration_state_unreadable", "the migration history cannot be read"));
        }
    }

    private Optional<Diagnostic> reconciliation() {
        long n = db.sql().count("SELECT count(*) FROM batch_execution_record WHERE submission_state = 'uncertain' "
                + "OR (terminal_outcome = 'inconsistent' AND submission_abandoned_at IS NULL)");
        return n == 0 ? Optional.empty() : Optional.of(new Diagnostic("executions.reconciliation", "warning",
                "reconciliation.operator_attention", n + " execution(s) have uncertain or inconsistent external state",
                "review them with GET /api/v2/executions/{id}/ledger-snapshot"));
    }

    private Optional<Diagnostic> staleWorkers(int staleAfterSeconds) {
        long n = db.sql().count("SELECT count(*) FROM worker_instances WHERE status = 'lost' OR (status IN ('active', 'draining') "
                + "AND last_heartbeat_at < now() - make_interval(secs => $1))", (double) staleAfterSeconds);
        return n == 0 ? Optional.empty() : Optional.of(new Diagnostic("workers.heartbeat", "warning", "workers.stale",
                n + " worker(s) have not heartbeated within " + staleAfterSeconds + " s", "check GET /api/v2/workers"));
    }

    private Optional<Diagnostic> leader() {
        return LeaderStatus.read(db).alive() ? Optional.empty() : Optional.of(new Diagnostic("scheduler.leader", "warning",
                "scheduler.leader_missing", "no scheduler-service instance holds the leader lock with a recent heartbeat",
                "start scheduler-service; without it no tick admits discovery or executions"));
    }

    private List<Diagnostic> daliuge(DaliugeEndpoints endpoints) {
        List<Diagnostic> out = new ArrayList<>();
        if (endpoints.tmUrl() == null && endpoints.dimUrl() == null) {
            out.add(new Diagnostic("daliuge", "warning", "daliuge.not_configured",
                    "no DALiuGE Translator Manager or Data Island Manager URL is configured", null));
            return out;
        }
        if (endpoints.tmUrl() != null) {
            probe(out, "daliuge.translator", "daliuge.translator", () -> daliuge.translator(endpoints));
        }
        if (endpoints.dimUrl() != null) {
            probe(out, "daliuge.manager", "daliuge.manager", () -> daliuge.manager(endpoints));
        }
        return out;
    }

    /** One live DALiuGE call. */
    interface Probe {
        void call() throws DaliugeException, InterruptedException;
    }

    private static void probe(List<Diagnostic> out, String path, String prefix, Probe call) {
        try {
            call.call();
        } catch (DaliugeException e) {
            String suffix = e.kind() == DaliugeErrorKind.TIMEOUT ? "_timeout" : "_unreachable";
            out.add(new Diagnostic(path, "error", prefix + suffix, Redaction.string(e.getMessage()), e.kind().operatorCode()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.add(new Diagnostic(path, "error", prefix + "_unreachable", "interrupted", null));
        }
    }

    /** The logged-in connectivity test of {@code GET /scheduler/status} (40-backends §4.10, 10 s bound). */
    private List<Diagnostic> slurm(StoredProfile stored) {
        SlurmRemoteDeployment slurm = (SlurmRemoteDeployment) stored.profile().deployment();
        try {
            loginNode.check(slurm, slurmEnvironment);
            return List.of();
        } catch (ApiException e) {
            String code = e.failure().code().equals("scheduler.timeout") ? "scheduler.connectivity_timeout" : "scheduler.connectivity_failed";
            return List.of(new Diagnostic("scheduler", "error", code, Redaction.string(e.failure().message()),
                    "profile " + stored.profile().name() + " (" + e.failure().code() + "): " + e.failure().operatorAction()));
        }
    }

    private static Diagnostic error(String path, String code, String message) {
        return new Diagnostic(path, "error", code, message, null);
    }

    private static void guarded(List<Diagnostic> out, String path, Supplier<Optional<Diagnostic>> check) {
        try {
            check.get().ifPresent(out::add);
        } catch (RuntimeException e) {
            LOG.warnf("event=diagnostics_check_failed check=%s error=%s", path, e.toString());
            out.add(error(path, "diagnostics.check_failed", "the " + path + " check could not read its state"));
        }
    }
}
