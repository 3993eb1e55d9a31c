package dev.beampipe.model.ledger.execute;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static dev.beampipe.model.ledger.LedgerFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Once a submission was begun ({@code in_flight|uncertain|submitted}) the pre-submission stage writes refuse: a stale
 * run must not rewind the phases or overwrite the digests and the manifest of the run that owns the submission.
 */
class ExecuteLedgerSubmissionGuardTest {
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

    @ParameterizedTest
    @ValueSource(strings = {"in_flight", "uncertain", "submitted"})
    void everyPreSubmissionWriteRefusesABegunSubmission(String submission) {
        UUID id = execution(db, module(), "running", "A");
        JsonObject stored = new JsonObject().put("beampipe_run_record", new JsonObject()
                .put("dim", new JsonObject().put("session_id", "sid")));
        set(db, id, "submission_state = '" + submission + "', control_phase = 'submitted', execution_phase = 'submit', "
                + "manifest_sha256 = $2, workflow_manifest = $3", "d".repeat(64), stored);
        JsonObject built = new JsonObject().put("datasets", new JsonArray());
        ExecuteLedger.GraphArtifacts artifacts = new ExecuteLedger.GraphArtifacts(built,
                new JsonObject().put("nodeDataArray", new JsonArray()), new JsonObject().put("nodeDataArray", new JsonArray()),
                "manifest.json");

        assertThat(ExecuteLedger.beforeSubmission(db.sql(), id)).isFalse();
        assertThat((boolean) db.inTransaction(sql -> ExecuteLedger.markAdmitted(sql, id, "c"))).isFalse();
        assertThat((boolean) db.inTransaction(sql -> ExecuteLedger.markStageRunning(sql, id, "c"))).isFalse();
        assertThat(db.inTransaction(sql -> ExecuteLedger.storeGraphArtifacts(sql, id, artifacts, "c")).applied()).isFalse();
        assertThat((boolean) db.inTransaction(sql -> ExecuteLedger.markSubmitStarted(sql, id, built, "c"))).isFalse();
        assertThat((boolean) db.inTransaction(sql -> ExecuteLedger.markNotSubmitted(sql, id, built, "c"))).isFalse();

        JsonObject row = row(db, id);
        assertThat(row.getString("control_phase")).isEqualTo("submitted");
        assertThat(row.getString("execution_phase")).isEqualTo("submit");
        assertThat(row.getString("status")).isEqualTo("running");
        assertThat(row.getString("manifest_sha256")).isEqualTo("d".repeat(64));
        assertThat(row.getJsonObject("workflow_manifest")).isEqualTo(stored);
        assertThat(db.sql().count("SELECT count(*) FROM execution_artifacts WHERE execution_id = $1", id)).isZero();
    }
}
