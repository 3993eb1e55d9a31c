package dev.beampipe.model.ledger.store;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.ledger.state.DaliugeState;
import dev.beampipe.model.ledger.state.ExecutionPhase;
import dev.beampipe.model.ledger.state.ExecutionRow;
import dev.beampipe.model.ledger.state.ExecutionStatus;
import dev.beampipe.model.ledger.state.LedgerPatch;
import dev.beampipe.model.ledger.state.PhaseChange;
import dev.beampipe.model.ledger.state.StatePatch;
import dev.beampipe.model.ledger.state.SubmissionState;
import dev.beampipe.model.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class ExecutionStoreTest {
    private static TestDatabase testDb;
    private static Database db;

    @BeforeAll
    static void start() {
        testDb = TestDatabase.create();
        db = testDb.db();
    }

    @AfterAll
    static void stop() {
        testDb.close();
    }

    private static UUID execution(String status) {
        UUID id = Uuid7.next();
        db.sql().update("INSERT INTO batch_execution_record (uuid, project_module, sources, archive_name, status, "
                        + "phase_timestamps) VALUES ($1, 'wallaby', $2, 'casda', $3, $4)", id,
                new JsonArray().add(new JsonObject().put("source_identifier", "HIPASSJ0001-01")), status,
                new JsonObject().put("legacy", "not a timestamp"));
        return id;
    }

    @Test
    void phaseTimestampsAreWrittenAsRfc3339WithSeconds() {
        UUID id = execution("running");
        db.inTransaction(sql -> {
            ExecutionRow row = ExecutionStore.lock(sql, id).orElseThrow().row().toBuilder()
                    .phaseTimestamp("admitted", java.time.OffsetDateTime.parse("2026-08-22T12:30+02:00"))
                    .phaseTimestamp("graph_patched", java.time.OffsetDateTime.parse("2026-08-22T10:31:05.123450Z"))
                    .build();
            ExecutionStore.write(sql, row);
            return null;
        });
        JsonObject stamps = db.sql().first("SELECT phase_timestamps FROM batch_execution_record WHERE uuid = $1",
                r -> (JsonObject) r.getValue(0), id).orElseThrow();
        assertThat(stamps.getString("admitted")).isEqualTo("2026-08-22T10:30:00Z");
        assertThat(stamps.getString("graph_patched")).isEqualTo("2026-08-22T10:31:05.123450Z");
        assertThat(stamps.getString("legacy")).isEqualTo("not a timestamp");
    }

    @Test
    void aRowReadAndWrittenBackIsUnchanged() {
        UUID id = execution("running");
        JsonObject before = db.sql().first("SELECT to_jsonb(b) - 'updated_at' FROM batch_execution_record b WHERE uuid = $1",
                r -> (JsonObject) r.getValue(0), id).orElseThrow();
        db.inTransaction(sql -> {
            ExecutionStore.write(sql, ExecutionStore.lock(sql, id).orElseThrow().row());
            return null;
        });
        JsonObject after = db.sql().first("SELECT to_jsonb(b) - 'updated_at' FROM batch_execution_record b WHERE uuid = $1",
                r -> (JsonObject) r.getValue(0), id).orElseThrow();
        assertThat(after).isEqualTo(before);
        ExecutionStore.LockedRow locked = db.inTransaction(sql -> ExecutionStore.lock(sql, id).orElseThrow());
        assertThat(locked.projectModule()).isEqualTo("wallaby");
        assertThat(locked.sourceIdentifiers()).containsExactly("HIPASSJ0001-01");
    }

    @Test
    void theLedgerPatchWritesStatusPhaseAndItsProvenanceInOneTransaction() {
        UUID id = execution("pending");
        LedgerPatch.Result result = db.inTransaction(sql -> ExecutionStore.applyLedger(sql, id,
                LedgerPatch.toStatus(ExecutionStatus.RUNNING).withPhase(PhaseChange.set(ExecutionPhase.STAGE_AND_MANIFEST)),
                "corr-1").orElseThrow());
        assertThat(result.statusChanged()).isTrue();
        ExecutionRow row = db.inTransaction(sql -> ExecutionStore.read(sql, id).orElseThrow().row());
        assertThat(row.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(row.executionPhase()).isEqualTo(ExecutionPhase.STAGE_AND_MANIFEST);
        assertThat(row.startedAt()).isNotNull();
        assertThat(db.sql().count("SELECT count(*) FROM provenance_events WHERE execution_id = $1 "
                + "AND event_type = 'execution.running' AND correlation_id = 'corr-1' AND project_module = 'wallaby'", id)).isEqualTo(1);
        assertThat(db.sql().first("SELECT phase_timestamps->>'legacy' FROM batch_execution_record WHERE uuid = $1",
                r -> r.getString(0), id)).contains("not a timestamp");
    }

    @Test
    void aStatePatchAgainstATerminalRowWritesNothing() {
        UUID id = execution("cancelled");
        StatePatch.Result result = db.inTransaction(sql -> ExecutionStore.applyState(sql, id,
                StatePatch.builder().daliugeState(DaliugeState.FINISHED).build(), null).orElseThrow());
        assertThat(result.ignored()).isTrue();
        assertThat(db.sql().first("SELECT daliuge_state, updated_at IS NULL FROM batch_execution_record WHERE uuid = $1",
                r -> r.getString(0) + "/" + r.getBoolean(1), id)).contains("not_created/true");
        boolean missing = db.inTransaction(sql -> ExecutionStore.applyState(sql, Uuid7.next(),
                StatePatch.builder().build(), null).isEmpty());
        assertThat(missing).isTrue();
    }

    /** Two pollers observe the same failure at once: the row lock lets exactly one of them enter the terminal state. */
    @Test
    void racingTerminalPatchesEnterTheTerminalStateOnce() throws Exception {
        for (int round = 0; round < 10; round++) {
            UUID id = execution("running");
            db.sql().update("UPDATE batch_execution_record SET submission_state = 'submitted', scheduler_name = 'daliuge', "
                    + "daliuge_state = 'running' WHERE uuid = $1", id);
            int threads = 4;
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<Boolean>> entered = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                entered.add(pool.submit(() -> {
                    go.await();
                    return db.inTransaction(sql -> ExecutionStore.applyState(sql, id, StatePatch.builder()
                            .submissionState(SubmissionState.SUBMITTED).daliugeState(DaliugeState.FAILED).build(), null)
                            .orElseThrow().enteredTerminal());
                }));
            }
            go.countDown();
            int count = 0;
            for (Future<Boolean> f : entered) {
                count += f.get() ? 1 : 0;
            }
            pool.shutdown();
            assertThat(count).as("round %d", round).isEqualTo(1);
            assertThat(db.sql().first("SELECT status FROM batch_execution_record WHERE uuid = $1", r -> r.getString(0), id))
                    .contains("failed");
        }
    }
}
