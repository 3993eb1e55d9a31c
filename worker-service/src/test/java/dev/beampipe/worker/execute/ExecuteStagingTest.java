package dev.beampipe.worker.execute;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.testing.TestDatabase;
import dev.beampipe.simulators.daliuge.DaliugeSimulator;
import dev.beampipe.simulators.tap.TapSimulator;
import dev.beampipe.worker.discovery.tap.CasdaCredentials;
import dev.beampipe.worker.discovery.tap.TapClient;
import dev.beampipe.worker.discovery.tap.TapSettings;
import dev.beampipe.worker.discovery.tap.VotableTable;
import dev.beampipe.worker.staging.CasdaStagingSettings;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Real CASDA staging inside the execute job: the CASDA simulator (DataLink + SODA) over HTTP, PostgreSQL. */
class ExecuteStagingTest {
    static final String USER = "opal-user";
    static final String PASSWORD = "pw-Xk93-secret";
    static final Map<String, String> REAL = Map.of(ExecuteOptions.USE_REAL_BACKENDS, "true");
    static TestDatabase testDb;
    static Database db;
    static DaliugeSimulator dlg;
    static TapSimulator casda;
    ExecuteFixture f;

    @BeforeAll
    static void start() {
        testDb = TestDatabase.create();
        db = testDb.db();
        dlg = DaliugeSimulator.start(0);
        casda = TapSimulator.start(0);
    }

    @AfterAll
    static void stop() {
        casda.close();
        dlg.close();
        testDb.close();
    }

    @BeforeEach
    void fixture() throws Exception {
        casda.reset();
        casda.casdaAuth().require(USER, PASSWORD);
        casda.staging().executingMillis(100);
        dlg.reset();
        f = new ExecuteFixture(db, dlg);
    }

    CasdaStagingSettings settings() {
        return CasdaStagingSettings.defaults().withLoginUrl(casda.casdaLogin())
                .withPolling(Duration.ofMillis(25), Duration.ofSeconds(20));
    }

    static String local(String url) {
        return casda.casdaDataLink() + url.substring(url.indexOf('?'));
    }

    /** One visibility of {@code sbid}, beam {@code beam}, as discovery stores it, with URLs on the simulator. */
    static ObjectNode record(String sid, int sbid, int beam) throws Exception {
        String did = "scan-" + (100000 + sbid * 7) + "-" + beam;
        String file = String.format("%s_A_beam%02d_10arc_split.ms.tar", sid, beam);
        casda.staging().fileName(did, file);
        TapClient tap = new TapClient(new TapSettings(Duration.ofSeconds(10), 0), Optional.empty());
        VotableTable table = tap.querySync(casda.casdaTapBase().toString(),
                "SELECT * FROM casda.observation_evaluation_file WHERE sbid = '" + sbid + "'");
        Map<String, String> eval = table.rows().stream().filter(r -> r.get("format").equals("calibration")).findFirst()
                .orElseThrow();
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("source_identifier", sid);
        r.put("sbid", String.valueOf(sbid));
        r.put("dataset_id", file);
        r.put("visibility_filename", file);
        r.put("obs_publisher_did", did);
        r.put("access_url", local("https://data.csiro.au/casda_vo_proxy/vo/datalink/links?ID=" + did));
        r.put("evaluation_file", eval.get("filename"));
        r.put("evaluation_file_access_url", local(eval.get("access_url")));
        return r;
    }

    @Test
    void stagedUrlsReachTheManifestAndTheScopeIsChecked() throws Exception {
        String sid = "HIPASSJ1318-21";
        f.source(sid, Map.of("1234", List.of(record(sid, 1234, 0), record(sid, 1234, 1))));
        ExecuteFixture.Admitted a = f.admit("casda", new JsonObject().put("do_submit", false), sid);

        f.handler(REAL, Optional.of(new CasdaCredentials(USER, PASSWORD)), settings()).handle(a.context());

        JsonObject row = f.row(a.id());
        assertThat(row.getString("status")).isEqualTo("not_submitted");
        String manifest = row.getJsonObject("workflow_manifest").encode();
        assertThat(manifest).contains("staged_url").contains("evaluation_file_url").contains("X-Amz-Signature");
        assertThat(casda.casdaAuth().logins()).as("preflight login + staging login").isEqualTo(2);
        assertThat(casda.staging().count("create")).isEqualTo(2);
        assertThat(dlg.tm().journal().all()).isEmpty();
    }

    @Test
    void rejectedCredentialsFailThePreflightBeforeAnyStaging() throws Exception {
        String sid = "HIPASSJ1318-22";
        f.source(sid, Map.of("1234", List.of(record(sid, 1234, 0))));
        ExecuteFixture.Admitted a = f.admit("casda", new JsonObject(), sid);

        f.handler(REAL, Optional.of(new CasdaCredentials(USER, "wrong")), settings()).handle(a.context());

        JsonObject row = f.row(a.id());
        assertThat(row.getString("status")).isEqualTo("failed");
        assertThat(row.getString("failure_class")).isEqualTo("authentication");
        assertThat(row.getString("last_error")).startsWith("CASDA authentication failed: CASDA login failed: HTTP 401");
        assertThat(row.getString("last_error")).doesNotContain("wrong");
        assertThat(casda.staging().counts()).isEmpty();
    }

    @Test
    void unreachableTranslatorFailsThePreflight() throws Exception {
        String sid = "HIPASSJ1318-23";
        f.source(sid, 1, "1001");
        ExecuteFixture.Admitted a = f.admit("other", new JsonObject(), sid);
        db.sql().update("UPDATE batch_execution_record SET deployment_profile_snapshot = jsonb_set(deployment_profile_snapshot, "
                + "'{translation,tm_url}', '\"http://127.0.0.1:1\"') WHERE uuid = $1", a.id());

        f.handler(REAL).handle(a.context());

        JsonObject row = f.row(a.id());
        assertThat(row.getString("status")).isEqualTo("failed");
        assertThat(row.getString("last_error")).isEqualTo("DALiuGE Translation Manager at http://127.0.0.1:1 is unreachable "
                + "(connection failed to http://127.0.0.1:1). Start TM (e.g. docker-compose up dlg-tm) before submit.");
        assertThat(row.getString("submission_state")).isEqualTo("not_started");
        assertThat(dlg.dim().journal().all()).isEmpty();
    }
}
