package dev.beampipe.model.ledger.outcome;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.ledger.state.DaliugeState;
import dev.beampipe.model.ledger.state.ExecutionStatus;
import dev.beampipe.model.ledger.state.StatePatch;
import dev.beampipe.model.ledger.store.ExecutionStore;
import dev.beampipe.model.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.beampipe.model.ledger.LedgerFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Poll-driven terminal follow-ups (10-state §5.7 last bullets, decision 3). */
class TerminalEffectsTest {
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

    /** Applies a DALiuGE observation as the poll does and runs the effects when it entered a terminal status. */
    static TerminalEffects.Effects poll(UUID id, DaliugeState state) {
        return db.inTransaction(sql -> TerminalEffects.after(sql, id, ExecutionStore.applyState(sql, id,
                StatePatch.builder().daliugeState(state).build(), null).orElseThrow(), null));
    }

    @Test
    void aPolledFailureRependsWithBackoffAndRecordsExecutionFailed() {
        String m = module();
        UUID id = execution(db, m, "running", "A");
        TerminalEffects.Effects e = poll(id, DaliugeState.FAILED);
        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(e.sourcesChanged()).isEqualTo(1);
        JsonObject source = sourceRow(db, m, "A");
        assertThat(source.getBoolean("workflow_run_pending")).isTrue();
        assertThat(source.getInteger("consecutive_failures")).isEqualTo(1);
        assertThat(source.getLong("backoff_seconds")).isEqualTo(60);
        JsonObject event = lastEvent(db, id, "execution.failed");
        assertThat(event.getString("actor")).isEqualTo("system:execution");
        assertThat(event.getJsonObject("payload")).isEqualTo(new JsonObject()
                .put("source_identifiers", new JsonArray().add("A")).put("status", "failed"));
    }

    @Test
    void aPolledCompletionFinalizesTheSources() {
        String m = module();
        UUID id = execution(db, m, "running", "A");
        setSource(db, m, "A", "consecutive_failures = 2, next_admission_at = now() + interval '5 minutes'");
        TerminalEffects.Effects e = poll(id, DaliugeState.FINISHED);
        assertThat(e.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(e.signaturesMatched()).isTrue();
        JsonObject source = sourceRow(db, m, "A");
        assertThat(source.getBoolean("workflow_run_pending")).isFalse();
        assertThat(source.getString("last_executed_discovery_signature")).isEqualTo(source.getString("discovery_signature"));
        assertThat(source.getInteger("consecutive_failures")).isZero();
        assertThat(source.getValue("next_admission_at")).isNull();
        assertThat(lastEvent(db, id, "execution.completed").getJsonObject("payload").getString("status"))
                .isEqualTo("completed");
    }

    @Test
    void aPolledCancellationClearsPending() {
        String m = module();
        UUID id = execution(db, m, "running", "A");
        setSource(db, m, "A", "workflow_run_pending = true, workflow_run_pending_at = now()");
        assertThat(poll(id, DaliugeState.CANCELLED).status()).isEqualTo(ExecutionStatus.CANCELLED);
        assertThat(sourceRow(db, m, "A").getBoolean("workflow_run_pending")).isFalse();
        assertThat(events(db, id, "execution.cancelled")).isEqualTo(1);
    }

    @Test
    void notSubmittedFinalizesLikeASuccess() {
        String m = module();
        UUID id = execution(db, m, "not_submitted", "A");
        TerminalEffects.Effects e = db.inTransaction(sql -> TerminalEffects.entered(sql, id, ExecutionStatus.NOT_SUBMITTED));
        assertThat(e.signaturesMatched()).isTrue();
        assertThat(events(db, id, "execution.not_submitted")).isEqualTo(1);
    }

    @Test
    void aNonTerminalObservationRunsNothingAndAStickyTerminalRowIsNotReentered() {
        String m = module();
        UUID id = execution(db, m, "running", "A");
        assertThat(poll(id, DaliugeState.RUNNING)).isNull();
        assertThat(poll(id, DaliugeState.FAILED)).isNotNull();
        assertThat(poll(id, DaliugeState.FAILED)).isNull();
        assertThat(sourceRow(db, m, "A").getInteger("consecutive_failures")).isEqualTo(1);
        assertThat(events(db, id, "execution.failed")).isEqualTo(1);
    }

    @Test
    void aNonTerminalStatusIsRefused() {
        UUID id = execution(db, module(), "running", "A");
        assertThatThrownBy(() -> db.inTransaction(sql -> TerminalEffects.entered(sql, id, ExecutionStatus.RUNNING)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
