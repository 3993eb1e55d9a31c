package dev.beampipe.model.admission;

import dev.beampipe.model.config.revisions.ConfigRevision;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.profile.StoredProfile;
import dev.beampipe.model.queue.EnqueueRequest;
import dev.beampipe.model.queue.JobQueue;
import dev.beampipe.model.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.beampipe.model.admission.AdmissionFixture.MODULE;
import static org.assertj.core.api.Assertions.assertThat;

/** The execution tick's database side against a real PostgreSQL (10-state-and-jobs §3.8, §4.1, §4.6, §5.1). */
class ExecutionAdmitterTest {
    static final ExecutionLimits.ProcessCaps ROOMY = new ExecutionLimits.ProcessCaps(1000, 1000);

    TestDatabase t;
    Database db;
    AdmissionFixture fx;

    @BeforeEach
    void database() {
        t = TestDatabase.create();
        db = t.db();
        fx = new AdmissionFixture(db);
    }

    @AfterEach
    void drop() {
        t.close();
    }

    ExecutionAdmitter.Report admit(ConfigRevision revision, ExecutionLimits.ProcessCaps caps) {
        return new ExecutionAdmitter(db, caps, "default").admitAutomated(revision).orElseThrow();
    }

    List<String> pending() {
        return db.sql().list("SELECT source_identifier FROM source_registry WHERE workflow_run_pending ORDER BY source_identifier",
                r -> r.getString(0));
    }

    long claimed() {
        return fx.count("SELECT count(*) FROM source_registry WHERE workflow_claim_token IS NOT NULL");
    }

    List<List<String>> executionSources() {
        return db.sql().list("SELECT (SELECT array_agg(s->>'source_identifier' ORDER BY o) FROM jsonb_array_elements(sources) "
                        + "WITH ORDINALITY AS x(s, o)) FROM batch_execution_record WHERE scheduler_name = 'workflow_auto' "
                        + "ORDER BY created_at, uuid",
                r -> List.of(r.getArrayOfStrings(0)));
    }

    @Test
    void wallabyAdmitsOneSourcePerExecutionPinnedWithItsExecuteJob() {
        StoredProfile profile = fx.slurmProfile(null);
        ConfigRevision revision = fx.config(e -> {
        });
        for (int i = 0; i < 3; i++) {
            fx.readyPending("S" + i, 30 - i);
        }
        ExecutionAdmitter.Report report = admit(revision, ROOMY);

        assertThat(report.skipped()).isEmpty();
        assertThat(report.executions()).hasSize(3);
        // oldest pending first, one source each
        assertThat(executionSources()).containsExactly(List.of("S0"), List.of("S1"), List.of("S2"));
        assertThat(pending()).isEmpty();
        assertThat(claimed()).isZero();
        UUID id = report.executions().get(0);
        JsonObject row = db.sql().first("SELECT project_config_id, deployment_profile_id, deployment_profile_revision, "
                        + "deployment_profile_snapshot->>'name' AS pname, status, output_state, archive_name, discovery_signature, "
                        + "workflow_manifest->'beampipe_run_record'->'scheduler' AS rec FROM batch_execution_record WHERE uuid = $1",
                r -> new JsonObject().put("config", r.getUUID("project_config_id").toString())
                        .put("profile", r.getUUID("deployment_profile_id").toString()).put("rev", r.getInteger("deployment_profile_revision"))
                        .put("pname", r.getString("pname")).put("status", r.getString("status"))
                        .put("output_state", r.getString("output_state")).put("archive", r.getString("archive_name"))
                        .put("sig", r.getString("discovery_signature")).put("rec", r.getValue("rec")), id).orElseThrow();
        assertThat(row.getString("config")).isEqualTo(revision.id().toString());
        assertThat(row.getString("profile")).isEqualTo(profile.id().toString());
        assertThat(row.getInteger("rev")).isEqualTo(1);
        assertThat(row.getString("pname")).isEqualTo("slurm-remote");
        assertThat(row.getString("status")).isEqualTo("pending");
        assertThat(row.getString("output_state")).isEqualTo("pending"); // WALLABY requires output verification
        assertThat(row.getString("archive")).isEqualTo("casda");
        assertThat(row.getString("sig")).hasSize(64);
        JsonObject rec = (JsonObject) row.getValue("rec");
        assertThat(rec.getString("policy_decision")).isEqualTo("admitted");
        assertThat(rec.getInteger("admitted_source_count")).isEqualTo(1);
        assertThat(rec.getString("claim_token")).isNotBlank();

        var job = new JobQueue(db).findByKey("execute:" + id).orElseThrow();
        assertThat(job.kind()).isEqualTo("execute");
        assertThat(job.payload().getString("execution_id")).isEqualTo(id.toString());
        assertThat(job.payload().getString("correlation_id")).isNotBlank();
        assertThat(fx.count("SELECT count(*) FROM jobs WHERE kind = 'execute' AND required_capability = 'slurm-remote'")).isEqualTo(3);
        assertThat(fx.count("SELECT count(*) FROM provenance_events WHERE event_type = 'execution.created' AND actor = 'system:execution_scheduler'")).isEqualTo(3);
        assertThat(fx.count("SELECT count(*) FROM provenance_events WHERE event_type = 'execution.automated_admitted' "
                + "AND actor = 'system:execution_scheduler' AND execution_id = $1 AND source_identifier = 'S0'", id)).isEqualTo(1);

        // a second tick finds nothing pending
        assertThat(admit(revision, ROOMY).skipped()).contains(SkipReason.NO_PENDING_SOURCES);
    }

    @Test
    void tickLimitsChunkTheClaimedSources() {
        fx.slurmProfile(null);
        ConfigRevision revision = fx.config(e -> e.put("max_sources_per_execution", 3).put("tick_execution_run_limit", 2)
                .remove("concurrent_execution_run_limit"));
        for (int i = 0; i < 10; i++) {
            fx.readyPending(String.format("S%02d", i), 100 - i);
        }
        ExecutionAdmitter.Report first = admit(revision, ROOMY);
        assertThat(first.executions()).hasSize(2);
        assertThat(executionSources()).containsExactly(List.of("S00", "S01", "S02"), List.of("S03", "S04", "S05"));
        assertThat(pending()).containsExactly("S06", "S07", "S08", "S09");
        assertThat(claimed()).isZero();

        // tick source limit 3 with chunks of 2: executions of 2 and 1
        ConfigRevision second = fx.config(e -> e.put("max_sources_per_execution", 2).put("tick_execution_source_limit", 3)
                .remove("concurrent_execution_run_limit"));
        assertThat(admit(second, ROOMY).executions()).hasSize(2);
        assertThat(executionSources()).endsWith(List.of("S06", "S07"), List.of("S08"));
        assertThat(pending()).containsExactly("S09");
    }

    @Test
    void inFlightCapsAndTheQueueGateStopTheTick() {
        StoredProfile profile = fx.slurmProfile(null);
        ConfigRevision revision = fx.config(e -> e.put("concurrent_execution_run_limit", 2));
        for (int i = 0; i < 4; i++) {
            fx.readyPending("S" + i, 10 - i);
        }
        fx.inFlightExecution(MODULE, profile);
        // project cap 2 with 1 in flight: exactly one more
        assertThat(admit(revision, ROOMY).executions()).hasSize(1);
        assertThat(admit(revision, ROOMY).skipped()).contains(SkipReason.PROJECT_IN_FLIGHT_CAP);

        ConfigRevision uncapped = fx.config(e -> e.remove("concurrent_execution_run_limit"));
        fx.inFlightExecution("other_project", null);
        // global cap 4: 3 in flight (2 here, 1 elsewhere) -> one more, then in_flight_cap
        assertThat(admit(uncapped, new ExecutionLimits.ProcessCaps(4, 1000)).executions()).hasSize(1);
        assertThat(admit(uncapped, new ExecutionLimits.ProcessCaps(4, 1000)).skipped()).contains(SkipReason.IN_FLIGHT_CAP);

        new JobQueue(db).enqueue(EnqueueRequest.of("noop", new JsonObject()));
        long queued = fx.count("SELECT count(*) FROM jobs WHERE status = 'queued' AND next_run_at <= now()");
        assertThat(admit(uncapped, new ExecutionLimits.ProcessCaps(1000, (int) queued)).skipped()).contains(SkipReason.QUEUE_FULL);
        // the queue gate is checked once per tick (like the reference): both remaining sources go
        assertThat(admit(uncapped, new ExecutionLimits.ProcessCaps(1000, (int) queued + 1)).executions()).hasSize(2);
        assertThat(pending()).isEmpty();
    }

    @Test
    void minSourcesWaitUntilMaxWaitHasPassed() {
        fx.slurmProfile(null);
        ConfigRevision revision = fx.config(e -> e.put("min_sources_to_trigger", 3).put("max_wait_minutes", 60));
        fx.readyPending("A", 30);
        fx.readyPending("B", 5);
        assertThat(admit(revision, ROOMY).skipped()).contains(SkipReason.THRESHOLD_NOT_MET);
        assertThat(pending()).containsExactly("A", "B");
        assertThat(claimed()).isZero();

        fx.set("A", "workflow_run_pending_at = now() - interval '61 minutes'");
        assertThat(admit(revision, ROOMY).executions()).hasSize(2);
        assertThat(pending()).isEmpty();
    }

    @Test
    void theProfileCapBoundsTheTick() {
        StoredProfile profile = fx.slurmProfile(2L);
        ConfigRevision revision = fx.config(e -> {
        });
        for (int i = 0; i < 4; i++) {
            fx.readyPending("S" + i, 10 - i);
        }
        fx.inFlightExecution("elsewhere", profile);
        assertThat(admit(revision, ROOMY).executions()).hasSize(1);
        assertThat(admit(revision, ROOMY).skipped()).contains(SkipReason.PROFILE_IN_FLIGHT_CAP);
        assertThat(pending()).containsExactly("S1", "S2", "S3");
        assertThat(claimed()).isZero();
    }

    @Test
    void aMissingNamedProfileIsRefusedWithAnEventNotReplacedByTheDefault() {
        StoredProfile slurm = fx.slurmProfile(null);
        db.sql().update("UPDATE daliuge_deployment_profile SET is_default = true WHERE uuid = $1", slurm.id());
        ConfigRevision revision = fx.config(e -> e.put("deployment_profile_name", "no-such-profile"));
        fx.readyPending("S0", 10);

        assertThat(admit(revision, ROOMY).skipped()).contains(SkipReason.PROFILE_MISSING);
        assertThat(fx.count("SELECT count(*) FROM batch_execution_record")).isZero();
        assertThat(pending()).containsExactly("S0");
        assertThat(claimed()).isZero();
        Optional<JsonObject> event = db.sql().first("SELECT payload FROM provenance_events WHERE event_type = "
                + "'execution.admission_refused' AND project_module = $1 AND actor = 'system:execution_scheduler'",
                r -> (JsonObject) r.getValue(0), MODULE);
        assertThat(event).isPresent();
        assertThat(event.get().getString("reason")).isEqualTo("profile_missing");
        assertThat(event.get().getString("deployment_profile_name")).isEqualTo("no-such-profile");
    }

    @Test
    void notReadySourcesAreSkippedWithTheirReasonAndStayPending() {
        fx.slurmProfile(null);
        ConfigRevision revision = fx.config(e -> e.put("max_sources_per_execution", 5));
        fx.readyPending("BUSY", 40);
        fx.set("BUSY", "discovery_claim_token = 'tok'");
        fx.readyPending("FLAGS", 30);
        db.sql().update("UPDATE archive_metadata SET metadata_json = '{\"discovery_flags\": {\"has_beams\": false}}' "
                + "WHERE source_identifier = 'FLAGS'");
        fx.readyPending("OK", 20);

        ExecutionAdmitter.Report report = admit(revision, ROOMY);
        assertThat(report.executions()).hasSize(1);
        assertThat(executionSources()).containsExactly(List.of("OK"));
        assertThat(report.notReady()).containsOnlyKeys("BUSY", "FLAGS");
        assertThat(report.notReady().get("BUSY")).contains("Discovery is still in progress");
        assertThat(report.notReady().get("FLAGS")).contains("failed keys: [\"has_beams\"]");
        assertThat(pending()).containsExactly("BUSY", "FLAGS");
        assertThat(claimed()).isZero();
    }

    @Test
    void alreadyExecutedPendingIsClearedWithoutAnExecution() {
        fx.slurmProfile(null);
        ConfigRevision revision = fx.config(e -> {
        });
        fx.readyPending("DONE", 20);
        fx.set("DONE", "last_executed_discovery_signature = discovery_signature");
        fx.readyPending("NEW", 10);

        ExecutionAdmitter.Report report = admit(revision, ROOMY);
        assertThat(report.alreadyExecuted()).containsExactly("DONE");
        assertThat(executionSources()).containsExactly(List.of("NEW"));
        assertThat(pending()).isEmpty();
        assertThat(claimed()).isZero();
    }

    @Test
    void aSourceInFailureBackoffIsNotAdmitted() {
        fx.slurmProfile(null);
        ConfigRevision revision = fx.config(e -> {
        });
        fx.readyPending("FAILED", 20);
        fx.set("FAILED", "consecutive_failures = 1, next_admission_at = now() + interval '10 minutes'");
        assertThat(admit(revision, ROOMY).skipped()).contains(SkipReason.NO_PENDING_SOURCES);
        fx.set("FAILED", "next_admission_at = now() - interval '1 second'");
        assertThat(admit(revision, ROOMY).executions()).hasSize(1);
    }

    @Test
    void aDisabledAutomationIsNotTicked() {
        fx.slurmProfile(null);
        ConfigRevision revision = fx.config(e -> e.put("enabled", false));
        fx.readyPending("S0", 20);
        assertThat(new ExecutionAdmitter(db, ROOMY, "default").admitAutomated(revision)).isEmpty();
        assertThat(pending()).containsExactly("S0");
    }

    @Test
    void aStaleReleaseNeverClearsANewerClaim() {
        fx.readyPending("S0", 20);
        var first = PendingClaims.claim(db.sql(), MODULE, 10, 180).orElseThrow();
        assertThat(PendingClaims.claim(db.sql(), MODULE, 10, 180)).isEmpty(); // held
        fx.set("S0", "workflow_claim_expires_at = now() - interval '1 second'");
        var second = PendingClaims.claim(db.sql(), MODULE, 10, 180).orElseThrow();
        assertThat(second.sourceIdentifiers()).containsExactly("S0");
        assertThat(PendingClaims.release(db.sql(), MODULE, first.token())).isZero();
        assertThat(db.sql().first("SELECT workflow_claim_token FROM source_registry", r -> r.getString(0))).contains(second.token());
        assertThat(PendingClaims.release(db.sql(), MODULE, second.token())).isEqualTo(1);
    }

    @Test
    void concurrentTicksNeverAdmitASourceTwice() throws Exception {
        fx.slurmProfile(null);
        ConfigRevision revision = fx.config(e -> e.put("max_sources_per_execution", 2).remove("concurrent_execution_run_limit"));
        int sources = 60;
        for (int i = 0; i < sources; i++) {
            fx.readyPending(String.format("S%02d", i), 100);
        }
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            // separate admitters, as separate scheduler processes without the leader lock would have
            ExecutionAdmitter admitter = new ExecutionAdmitter(db, ROOMY, "default");
            futures.add(pool.submit(() -> {
                start.await();
                int created = 0;
                for (int round = 0; round < 3; round++) {
                    created += admitter.admitAutomated(revision).orElseThrow().executions().size();
                }
                return created;
            }));
        }
        start.countDown();
        int created = 0;
        for (Future<Integer> f : futures) {
            created += f.get();
        }
        pool.shutdown();

        List<String> admitted = executionSources().stream().flatMap(List::stream).toList();
        assertThat(admitted).hasSize(sources).doesNotHaveDuplicates();
        assertThat(created).isEqualTo(fx.count("SELECT count(*) FROM batch_execution_record"));
        assertThat(fx.count("SELECT count(*) FROM jobs WHERE kind = 'execute'")).isEqualTo(created);
        assertThat(pending()).isEmpty();
        assertThat(claimed()).isZero();
    }
}
