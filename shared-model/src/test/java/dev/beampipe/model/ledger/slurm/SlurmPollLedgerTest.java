package dev.beampipe.model.ledger.slurm;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.ledger.state.FailureClass;
import dev.beampipe.model.ledger.submission.Receipt;
import dev.beampipe.model.ledger.submission.SubmissionIntent;
import dev.beampipe.model.ledger.submission.SubmissionReceipts;
import dev.beampipe.model.slurm.protocol.JobObservation;
import dev.beampipe.model.slurm.protocol.SlurmState;
import dev.beampipe.model.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static dev.beampipe.model.ledger.LedgerFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link SlurmPollLedger} against PostgreSQL: a Slurm execution submitted through the real receipt transaction. */
class SlurmPollLedgerTest {
    static final String SID = "BeampipeExecution-slurm-poll";
    static final String DIR = "/dlg/workspace/s_2026";
    static final Instant AT = Instant.parse("2026-11-29T10:00:00Z");
    static TestDatabase testDb;
    static Database db;

    @BeforeAll
    static void database() {
        testDb = TestDatabase.create();
        db = testDb.db();
    }

    @AfterAll
    static void drop() {
        testDb.close();
    }

    /** An execution with a committed Slurm receipt for job {@code jobId} ({@code awaiting_scheduler}, pending). */
    static UUID submitted(String jobId) {
        UUID id = execution(db, module(), "running", "A");
        set(db, id, "execution_phase = 'submit'");
        SubmissionIntent.begin(db, id, "slurm", SID, null, 1800, "fp");
        JsonObject manifest = SlurmRunRecord.submitted(new JsonObject().put("datasets", 1),
                new SlurmRunRecord.Submission(SID, jobId, SID + ":" + jobId + "|" + DIR, AT, "login", "alice", DIR,
                        DIR + "/wallaby-staging", null, null));
        SubmissionReceipts.record(db, Receipt.slurm(id, jobId, SID, DIR, DIR + "/wallaby-staging", manifest,
                new JsonArray().add(SID + ".pgt.graph").add(new JsonArray()), "corr"));
        return id;
    }

    static SlurmPollOutcome.Observed seen(String jobId, String raw, String source, Integer exit) {
        return new SlurmPollOutcome.Observed(new JobObservation(jobId, SlurmState.normalize(raw), raw, source,
                jobId + "|" + raw, exit, null), AT, false);
    }

    static JsonObject slurmRecord(UUID id) {
        return row(db, id).getJsonObject("workflow_manifest").getJsonObject("beampipe_run_record").getJsonObject("slurm");
    }

    @ParameterizedTest(name = "{0} → {2}")
    @CsvSource({
            "COMPLETED,        sacct,  completed, succeeded, 0",
            "FAILED,           sacct,  failed,    failed,    3",
            "TIMEOUT,          sacct,  failed,    timed_out, 0",
            "CANCELLED by 0,   sacct,  cancelled, cancelled, 0",
            "OUT_OF_MEMORY,    sacct,  failed,    failed,    0",
            "NODE_FAIL,        sacct,  failed,    failed,    1",
            "PREEMPTED,        sacct,  failed,    failed,    0",
            "RUNNING,          squeue, running,   running,   ",
            "PENDING,          squeue, awaiting_scheduler, pending, "})
    void anObservationMovesTheSchedulerAxisAndTheAggregate(String raw, String source, String status, String scheduler,
                                                           Integer exit) {
        UUID id = submitted("42");
        assertThat(column(db, id, "status")).isEqualTo("awaiting_scheduler");
        SlurmPollLedger.Applied a = SlurmPollLedger.apply(db, id, 480, seen("42", raw, source, exit), "corr");
        assertThat(a.effect()).isEqualTo(SlurmPollLedger.Effect.OBSERVED);
        assertThat(column(db, id, "status")).isEqualTo(status);
        assertThat(column(db, id, "scheduler_state")).isEqualTo(scheduler);
        assertThat(column(db, id, "scheduler_raw_state")).isEqualTo(raw);
        JsonObject record = slurmRecord(id);
        assertThat(record.getJsonObject("last_observation").getString("source")).isEqualTo(source);
        assertThat(record.getString("composite_scheduler_job_id")).isEqualTo(SID + ":42|" + DIR);
        boolean terminal = !status.equals("running") && !status.equals("awaiting_scheduler");
        assertThat(a.enteredTerminal()).isEqualTo(terminal);
        assertThat(record.containsKey("terminal")).isEqualTo(terminal);
        if (status.equals("failed")) {
            assertThat(column(db, id, "last_error")).startsWith("SLURM job 42 finished in state=")
                    .contains("stderr=" + DIR + "/slurm-42.err");
            assertThat(record.getJsonObject("terminal").getString("ledger_status")).isEqualTo("failed");
        }
        if (status.equals("completed")) {
            assertThat(column(db, id, "daliuge_state")).isEqualTo("finished");
            assertThat(row(db, id).getString("last_error")).isNull();
        }
        if (!terminal) {
            assertThat(SlurmRunRecord.round(row(db, id).getJsonObject("workflow_manifest"))).isEqualTo(1);
        }
    }

    @Test
    void aCompletedJobWhosePolicyRequiresVerificationWaitsInOutputVerification() {
        UUID id = submitted("49");
        set(db, id, "output_verification_required = true");
        SlurmPollLedger.Applied a = SlurmPollLedger.apply(db, id, 480, seen("49", "COMPLETED", "sacct", 0), "corr");
        assertThat(a.enteredTerminal()).isFalse();
        assertThat(column(db, id, "status")).isEqualTo("running");
        assertThat(column(db, id, "control_phase")).isEqualTo("output_verification");
        assertThat(slurmRecord(id).getJsonObject("terminal").containsKey("ledger_status")).isFalse();
    }

    @Test
    void aTerminalRowOnlyGainsTheObservation() {
        UUID id = submitted("43");
        SlurmPollLedger.apply(db, id, 480, seen("43", "COMPLETED", "sacct", 0), "corr");
        long before = count(db, "execution_observations", id);
        SlurmPollLedger.Applied again = SlurmPollLedger.apply(db, id, 480, seen("43", "FAILED", "sacct", 1), "corr");
        assertThat(again.effect()).isEqualTo(SlurmPollLedger.Effect.IGNORED_TERMINAL);
        assertThat(column(db, id, "status")).isEqualTo("completed");
        assertThat(count(db, "execution_observations", id)).isEqualTo(before + 1);
    }

    @Test
    void anAnswerAboutAnotherJobIsStale() {
        UUID id = submitted("44");
        SlurmPollLedger.Applied a = SlurmPollLedger.apply(db, id, 480, seen("45", "FAILED", "sacct", 1), "corr");
        assertThat(a.effect()).isEqualTo(SlurmPollLedger.Effect.IGNORED_STALE);
        assertThat(column(db, id, "status")).isEqualTo("awaiting_scheduler");
    }

    @Test
    void aPollErrorKeepsTheSchedulerStateAndEscalatesOnceAtTheBudgetNeverTerminal() {
        UUID id = submitted("46");
        SlurmPollLedger.apply(db, id, 3, seen("46", "RUNNING", "squeue", null), "corr");
        SlurmPollOutcome.Failed failed = new SlurmPollOutcome.Failed("46", "target_query_failed", FailureClass.CONNECTIVITY,
                true, "Slurm status query for alice@login:22 failed: connection refused", AT);
        SlurmPollLedger.Applied second = SlurmPollLedger.apply(db, id, 3, failed, "corr");
        assertThat(second.effect()).isEqualTo(SlurmPollLedger.Effect.ERROR_RECORDED);
        assertThat(column(db, id, "scheduler_state")).isEqualTo("running");
        assertThat(column(db, id, "failure_class")).isEqualTo("connectivity");
        assertThat(second.escalated()).isFalse();
        SlurmPollLedger.Applied third = SlurmPollLedger.apply(db, id, 3, failed, "corr");
        assertThat(third.escalated()).isTrue();
        assertThat(third.round()).isEqualTo(3);
        SlurmPollLedger.Applied fourth = SlurmPollLedger.apply(db, id, 3, seen("46", "RUNNING", "squeue", null), "corr");
        assertThat(fourth.escalated()).isFalse();
        assertThat(column(db, id, "status")).isEqualTo("running");
        assertThat(row(db, id).getString("last_error")).isNull();
        assertThat(db.sql().count("SELECT count(*) FROM execution_observations WHERE execution_id = $1 "
                + "AND raw_state = 'poll_budget_escalation'", id)).isEqualTo(1);
        JsonObject escalation = row(db, id).getJsonObject("workflow_manifest").getJsonObject("beampipe_run_record")
                .getJsonObject("slurm_poll").getJsonObject("operator_escalation");
        assertThat(escalation.getString("reason")).isEqualTo("scheduler_poll_error");
        assertThat(escalation.getBoolean("terminalized")).isFalse();
    }

    @Test
    void anUnseenJobIsUnknownAndStaysAwaitingTheScheduler() {
        UUID id = submitted("47");
        SlurmPollLedger.apply(db, id, 480, new SlurmPollOutcome.Observed(JobObservation.unseen("47"), AT, false), "corr");
        assertThat(column(db, id, "scheduler_state")).isEqualTo("unknown");
        assertThat(column(db, id, "status")).isEqualTo("awaiting_scheduler");
    }

    @Test
    void aDryRunObservationCompletesWithoutError() {
        UUID id = submitted("0");
        SlurmPollLedger.apply(db, id, 480, SlurmPollOutcome.Observed.dryRun("0", AT), "corr");
        assertThat(column(db, id, "status")).isEqualTo("completed");
        assertThat(slurmRecord(id).getJsonObject("last_observation").getString("source")).isEqualTo("dry_run");
    }

    @RepeatedTest(3)
    void twoConcurrentTerminalPollsEnterTerminalExactlyOnce() throws Exception {
        UUID id = submitted("48");
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<SlurmPollLedger.Applied> a = CompletableFuture.supplyAsync(() -> {
            await(go);
            return SlurmPollLedger.apply(db, id, 480, seen("48", "FAILED", "sacct", 2), "a");
        });
        CompletableFuture<SlurmPollLedger.Applied> b = CompletableFuture.supplyAsync(() -> {
            await(go);
            return SlurmPollLedger.apply(db, id, 480, seen("48", "FAILED", "sacct", 2), "b");
        });
        go.countDown();
        assertThat(java.util.stream.Stream.of(a.get(), b.get()).filter(SlurmPollLedger.Applied::enteredTerminal)).hasSize(1);
        assertThat(events(db, id, "execution.failed") + events(db, id, "execution.terminal")).isLessThanOrEqualTo(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
