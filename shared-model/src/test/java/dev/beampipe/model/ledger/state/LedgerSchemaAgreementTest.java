package dev.beampipe.model.ledger.state;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pure model agrees with the migrated schema on real PostgreSQL: the status and phase CHECKs, the column
 * defaults of the axes, and CHECK {@code ck_required_output_completion_verified} versus
 * {@link ExecutionRow#satisfiesCompletionGate()}.
 */
class LedgerSchemaAgreementTest {
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

    private static UUID insert(String status) {
        UUID id = Uuid7.next();
        db.sql().update("INSERT INTO batch_execution_record (uuid, project_module, sources, archive_name, status) "
                        + "VALUES ($1, 'schema_test', $2, 'casda', $3)", id,
                new JsonArray().add(new JsonObject().put("source_identifier", "S1")), status);
        return id;
    }

    @Test
    void theStatusCheckAcceptsExactlyTheEnumValues() {
        for (ExecutionStatus s : ExecutionStatus.values()) {
            UUID id = insert(s.wire());
            assertThat(db.sql().first("SELECT status FROM batch_execution_record WHERE uuid = $1", r -> r.getString(0), id))
                    .contains(s.wire());
        }
        assertThatThrownBy(() -> insert("paused")).hasMessageContaining("ck_execution_status");
    }

    @Test
    void thePhaseCheckAcceptsExactlyTheEnumValuesAndNull() {
        UUID id = insert("running");
        for (ExecutionPhase p : ExecutionPhase.values()) {
            db.sql().update("UPDATE batch_execution_record SET execution_phase = $2 WHERE uuid = $1", id, p.wire());
        }
        db.sql().update("UPDATE batch_execution_record SET execution_phase = NULL WHERE uuid = $1", id);
        assertThatThrownBy(() -> db.sql().update("UPDATE batch_execution_record SET execution_phase = 'poll' WHERE uuid = $1",
                id)).hasMessageContaining("ck_execution_phase");
    }

    @Test
    void theAxisColumnDefaultsAreTheEnumDefaults() {
        UUID id = insert("pending");
        List<String> row = db.sql().first("SELECT control_phase, submission_state, scheduler_state, daliuge_state, "
                        + "output_state, terminal_outcome, retry_count::text FROM batch_execution_record WHERE uuid = $1",
                r -> Arrays.asList(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                        r.getString(5), r.getString(6)), id).orElseThrow();
        assertThat(row).containsExactly(ControlPhase.parse(null).wire(), SubmissionState.parse(null).wire(),
                SchedulerState.parse(null).wire(), DaliugeState.parse(null).wire(), OutputState.parse(null).wire(),
                null, "0");
        ExecutionRow created = ExecutionRow.created(id, false);
        assertThat(Arrays.asList(created.controlPhase(), created.submissionState(), created.schedulerState(),
                created.daliugeState(), created.outputState(), created.terminalOutcome(),
                String.valueOf(created.retryCount()))).isEqualTo(row);
    }

    @Test
    void theCompletionGateAgreesWithTheDatabaseCheck() {
        List<String> outputTexts = new ArrayList<>();
        for (OutputState o : OutputState.values()) {
            outputTexts.add(o.wire());
        }
        outputTexts.add(null);
        outputTexts.add("VERIFIED");
        int accepted = 0;
        int refused = 0;
        for (boolean required : new boolean[]{false, true}) {
            for (String output : outputTexts) {
                UUID id = insert("running");
                db.sql().update("UPDATE batch_execution_record SET output_verification_required = $2, output_state = $3 "
                        + "WHERE uuid = $1", id, required, output);
                ExecutionRow pure = ExecutionRow.created(id, required).toBuilder().outputState(output)
                        .status(ExecutionStatus.COMPLETED).build();
                String what = "required=" + required + " output=" + output;
                if (pure.satisfiesCompletionGate()) {
                    db.sql().update("UPDATE batch_execution_record SET status = 'completed' WHERE uuid = $1", id);
                    accepted++;
                } else {
                    assertThatThrownBy(() -> db.sql().update(
                            "UPDATE batch_execution_record SET status = 'completed' WHERE uuid = $1", id)).as(what)
                            .hasMessageContaining("ck_required_output_completion_verified");
                    refused++;
                }
            }
        }
        assertThat(accepted).isEqualTo(outputTexts.size() + 1);
        assertThat(refused).isEqualTo(outputTexts.size() - 1);
    }
}
