package dev.beampipe.model.ledger.slurm;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.ledger.submission.SubmissionHold;
import dev.beampipe.model.ledger.submission.SubmissionIntent;
import dev.beampipe.model.ledger.state.FailureClass;
import dev.beampipe.model.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static dev.beampipe.model.ledger.LedgerFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** {@code record_slurm_name_lookup} (10-state §5.6) against PostgreSQL: preconditions, evidence, effects. */
class SlurmNameLookupLedgerTest {
    static final String SID = "BeampipeExecution-lookup";
    static final String FP = "f".repeat(64);
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

    /** An execution whose Slurm submission is held uncertain, with its intent observation. */
    static UUID held() {
        UUID id = execution(db, module(), "running", "A");
        set(db, id, "execution_phase = 'submit', deployment_profile_snapshot = $2",
                new JsonObject().put("spec_sha256", "s".repeat(64)).put("deployment", new JsonObject().put("kind", "slurm_remote")));
        SubmissionIntent.begin(db, id, "slurm", SID, null, 1800, FP);
        db.inTransaction(sql -> SubmissionHold.hold(sql, id, "sbatch channel closed", FailureClass.INCONSISTENT_STATE, "c"));
        return id;
    }

    /** An execution whose Slurm submission is still {@code in_flight} (the worker died after the intent). */
    static UUID inFlight() {
        UUID id = execution(db, module(), "running", "A");
        set(db, id, "execution_phase = 'submit', deployment_profile_snapshot = $2",
                new JsonObject().put("spec_sha256", "s".repeat(64)).put("deployment", new JsonObject().put("kind", "slurm_remote")));
        SubmissionIntent.begin(db, id, "slurm", SID, null, 1800, FP);
        return id;
    }

    static SlurmNameLookupLedger.Lookup lookup(UUID id, String result, List<String> ids) {
        JsonObject intent = db.sql().first("SELECT uuid::text AS id, observed_at FROM execution_observations "
                + "WHERE execution_id = $1 AND raw_state = 'intent_persisted'", r -> new JsonObject()
                .put("id", r.getString("id")).put("at", r.getOffsetDateTime("observed_at").toString()), id).orElseThrow();
        OffsetDateTime at = OffsetDateTime.parse(intent.getString("at"));
        JsonObject ok = new JsonObject().put("status", "ok").put("rows", ids.size());
        return new SlurmNameLookupLedger.Lookup(Uuid7.next(), id, intent.getString("id"), SID, "s".repeat(64), FP, at,
                at.plusSeconds(5), at.plusSeconds(6), new JsonObject().put("squeue", ok).put("sacct", ok), true, result,
                ids, ids.isEmpty() ? null : "running", ids.isEmpty() ? null : "RUNNING", null, "find_by_name", false, null);
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                arguments("blank fingerprint", (UnaryOperator<SlurmNameLookupLedger.Lookup>) l -> with(l, "", l.intentObservationId(), l.accountingNotBefore(), l.profileSha256())),
                arguments("another target", (UnaryOperator<SlurmNameLookupLedger.Lookup>) l -> with(l, "a".repeat(64), l.intentObservationId(), l.accountingNotBefore(), l.profileSha256())),
                arguments("not the latest intent", (UnaryOperator<SlurmNameLookupLedger.Lookup>) l -> with(l, FP, UUID.randomUUID().toString(), l.accountingNotBefore(), l.profileSha256())),
                arguments("not_before is not the intent time", (UnaryOperator<SlurmNameLookupLedger.Lookup>) l -> with(l, FP, l.intentObservationId(), l.accountingNotBefore().plusSeconds(1), l.profileSha256())),
                arguments("another profile hash", (UnaryOperator<SlurmNameLookupLedger.Lookup>) l -> with(l, FP, l.intentObservationId(), l.accountingNotBefore(), "x".repeat(64))));
    }

    static SlurmNameLookupLedger.Lookup with(SlurmNameLookupLedger.Lookup l, String fp, String intent, OffsetDateTime notBefore,
                                             String profileSha) {
        return new SlurmNameLookupLedger.Lookup(l.lookupId(), l.executionId(), intent, l.daliugeSessionId(), profileSha, fp,
                notBefore, l.queryStartedAt(), l.queryCompletedAt(), l.sources(), l.queryComplete(), l.result(),
                l.matchedJobIds(), l.exactState(), l.exactRawState(), l.exactReason(), l.source(), l.retryable(), l.error());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void aLookupBreakingAPreconditionRecordsNothing(String name, UnaryOperator<SlurmNameLookupLedger.Lookup> change) {
        UUID id = held();
        long before = count(db, "execution_observations", id);
        assertThatThrownBy(() -> SlurmNameLookupLedger.record(db, change.apply(lookup(id, "exact", List.of("77")))))
                .isInstanceOf(SlurmNameLookupLedger.Rejected.class);
        assertThat(count(db, "execution_observations", id)).isEqualTo(before);
        assertThat(row(db, id).getString("scheduler_job_id")).isNull();
    }

    @Test
    void anExactMatchAdoptsTheJobIdAndKeepsTheSubmissionUncertain() {
        UUID id = held();
        SlurmNameLookupLedger.Recorded r = SlurmNameLookupLedger.record(db, lookup(id, "exact", List.of("77")));
        assertThat(r.adopted()).isTrue();
        JsonObject row = row(db, id);
        assertThat(row.getString("scheduler_job_id")).isEqualTo("77");
        assertThat(row.getString("scheduler_state")).isEqualTo("running");
        assertThat(row.getString("submission_state")).isEqualTo("uncertain");
        assertThat(row.getString("last_error")).isNull();
        JsonObject evidence = db.sql().first("SELECT payload FROM execution_observations WHERE execution_id = $1 "
                + "AND source_version = 'beampipe-slurm-name-lookup/v1'", x -> (JsonObject) x.getValue(0), id).orElseThrow();
        assertThat(evidence.getBoolean("canonical_state_mutation_allowed")).isTrue();
        assertThat(evidence.getBoolean("eligible_for_abandonment")).isFalse();
    }

    @Test
    void anExactMatchOfAnInFlightSubmissionGoesThroughTheStateMachineToAwaitingScheduler() {
        UUID id = inFlight();
        assertThat(row(db, id).getString("status")).isEqualTo("running");
        SlurmNameLookupLedger.Recorded r = SlurmNameLookupLedger.record(db, lookup(id, "exact", List.of("78")));
        assertThat(r.adopted()).isTrue();
        JsonObject row = row(db, id);
        // reconcile rule 7 (submission uncertain) and acceptance item 44
        assertThat(row.getString("status")).isEqualTo("awaiting_scheduler");
        assertThat(row.getString("submission_state")).isEqualTo("uncertain");
        assertThat(row.getString("scheduler_job_id")).isEqualTo("78");
        assertThat(row.getString("scheduler_state")).isEqualTo("running");
        assertThat(row.getString("control_phase")).isEqualTo("submission_pending");
        assertThat(row.getString("physical_graph_sha256")).isNull();
        assertThat(events(db, id, "execution.reconciliation_mismatch")).isEqualTo(1);
        assertThat(lastEvent(db, id, "execution.reconciliation_mismatch").getJsonObject("payload").getString("code"))
                .isEqualTo("submission_outcome_uncertain");
    }

    @Test
    void anotherJobIdAlreadyPersistedIsAnExactConflictAndChangesNothing() {
        UUID id = held();
        set(db, id, "scheduler_job_id = '55'");
        SlurmNameLookupLedger.Recorded r = SlurmNameLookupLedger.record(db, lookup(id, "exact", List.of("77")));
        assertThat(r.result()).isEqualTo("exact_conflict");
        assertThat(row(db, id).getString("scheduler_job_id")).isEqualTo("55");
    }

    @Test
    void aLiveExecuteLeaseBlocksEveryMutationButTheEvidenceIsRecorded() {
        UUID id = held();
        db.sql().update("INSERT INTO jobs (uuid, kind, payload, status, execution_id, lease_expires_at, locked_until, "
                + "created_at) VALUES ($1, 'execute', '{}', 'running', $2, now() + interval '5 minutes', "
                + "now() + interval '5 minutes', now())", Uuid7.next(), id);
        SlurmNameLookupLedger.Recorded r = SlurmNameLookupLedger.record(db, lookup(id, "not_found", List.of()));
        assertThat(r.mutationAllowed()).isFalse();
        assertThat(r.eligibleForAbandonment()).isFalse();
        assertThat(row(db, id).getString("failure_class")).isEqualTo("inconsistent_state");
    }

    @Test
    void ambiguousMatchesListTheIds() {
        UUID id = held();
        SlurmNameLookupLedger.record(db, lookup(id, "ambiguous", List.of("77", "78")));
        JsonObject row = row(db, id);
        assertThat(row.getString("scheduler_state")).isEqualTo("unknown");
        assertThat(row.getString("failure_class")).isEqualTo("inconsistent_state");
        assertThat(row.getString("last_error")).contains("77, 78");
    }

    @Test
    void aCompleteNegativeOfAPinnedSubmissionIsEligibleForAbandonment() {
        UUID id = held();
        SlurmNameLookupLedger.Recorded r = SlurmNameLookupLedger.record(db, lookup(id, "not_found", List.of()));
        assertThat(r.eligibleForAbandonment()).isTrue();
        assertThat(row(db, id).getString("failure_class")).isEqualTo("not_found");
    }
}
