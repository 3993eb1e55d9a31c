package dev.beampipe.cli.daliuge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.cli.CommandRun;
import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.daliuge.IslandManagerClient;
import dev.beampipe.model.daliuge.PhysicalGraph;
import dev.beampipe.model.daliuge.TranslatorClient;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.ledger.ExecutionCreator;
import dev.beampipe.model.profile.DeploymentProfile;
import dev.beampipe.model.profile.ProfileStore;
import dev.beampipe.model.profile.RestRemoteDeployment;
import dev.beampipe.model.profile.StoredProfile;
import dev.beampipe.model.profile.Translation;
import dev.beampipe.model.testing.TestDatabase;
import dev.beampipe.simulators.daliuge.DaliugeSimulator;
import dev.beampipe.simulators.daliuge.IslandManagerSimulator;
import dev.beampipe.simulators.daliuge.Outcome;
import dev.beampipe.simulators.http.Fault;
import dev.beampipe.simulators.http.ManualClock;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code beampipe daliuge …} in-process against a fresh PostgreSQL (profiles, executions) and the DALiuGE simulator. */
class DaliugeCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static TestDatabase database;
    static Database db;
    static DaliugeSimulator sim;
    static ManualClock clock;
    static JsonNode logicalGraph;
    static String profile;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.create();
        db = database.db();
        clock = new ManualClock(Instant.parse("2026-11-29T10:00:00Z"));
        sim = DaliugeSimulator.start(0, 0, clock, IslandManagerSimulator.DEFAULT_NODES, 100, null);
        try (InputStream in = DaliugeCommandTest.class.getResourceAsStream("/daliuge/beam-mosaic.graph")) {
            logicalGraph = JSON.readTree(in);
        }
        profile = store().create(restProfile("sim-rest")).profile().name();
    }

    @AfterAll
    static void stop() {
        sim.close();
        database.close();
    }

    @BeforeEach
    void reset() {
        sim.reset();
    }

    static ProfileStore store() {
        return new ProfileStore(db, StableJson::sha256);
    }

    static DeploymentProfile restProfile(String name) {
        return new DeploymentProfile(name, null, null, false, null, new Translation("metis", 2, 0, sim.tmBase().toString()),
                new RestRemoteDeployment(sim.dimBase().getHost(), (long) sim.dimBase().getPort(), sim.dimBase().getHost(),
                        (long) sim.dimBase().getPort(), false, true));
    }

    static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", database.url().toUrlWithSecret());
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null) {
                env.remove(pairs[i]);
            } else {
                env.put(pairs[i], pairs[i + 1]);
            }
        }
        return env;
    }

    static CommandRun daliuge(Map<String, String> env, String... args) {
        return CommandRun.of(new DaliugeCommand(env), args);
    }

    static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void inspectAndPingReadTheProfilesTranslatorAndManager() {
        for (String verb : List.of("inspect", "ping")) {
            CommandRun r = daliuge(env(), verb, "--profile", profile);
            assertThat(r.exit()).as(r.err()).isZero();
            JsonNode j = r.json();
            assertThat(j.get("profile").asText()).isEqualTo(profile);
            assertThat(texts(j.at("/translator/methods"))).containsExactly("BROWSER", "SERVER");
            assertThat(j.at("/translator/diagnostics/0/code").asText()).isEqualTo("daliuge.version_unreported");
            assertThat(texts(j.at("/manager/nodes"))).isEqualTo(IslandManagerSimulator.DEFAULT_NODES);
        }
        assertThat(sim.tm().journal().matching("GET", "/api/submission_method")).isNotEmpty();
    }

    @Test
    void withoutAProfileTheSettingsApply() {
        Map<String, String> noDb = new HashMap<>(Map.of("BEAMPIPE_TM_URL", sim.tmBase().toString()));
        CommandRun tmOnly = daliuge(noDb, "inspect");
        assertThat(tmOnly.exit()).as(tmOnly.err()).isZero();
        assertThat(tmOnly.json().get("profile").isNull()).isTrue();
        assertThat(tmOnly.json().get("manager").isNull()).isTrue();
        assertThat(texts(tmOnly.json().at("/translator/methods"))).isEmpty(); // the TM was not told a DIM

        CommandRun nothing = daliuge(Map.of(), "inspect");
        assertThat(nothing.exit()).isEqualTo(1);
        assertThat(nothing.err()).contains("Translator Manager URL is not configured");
        CommandRun noDim = daliuge(Map.of(), "sessions");
        assertThat(noDim.exit()).isEqualTo(1);
        assertThat(noDim.err()).contains("Data Island Manager URL is not configured");
        CommandRun unknown = daliuge(env(), "sessions", "--profile", "no-such-profile");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("deployment profile 'no-such-profile' does not exist");
    }

    @Test
    void sessionsAndOneSessionObservation() throws Exception {
        String sid = "obs-" + UUID.randomUUID();
        sim.dim().outcome(sid, Outcome.NEVER_END);
        new IslandManagerClient(sim.dimBase().toString(), true).createAppendDeploy(sid, translate());
        clock.advanceMillis(500);
        Map<String, String> dimOnly = Map.of("BEAMPIPE_DIM_URL", sim.dimBase().toString());
        CommandRun sessions = daliuge(dimOnly, "sessions");
        assertThat(sessions.exit()).as(sessions.err()).isZero();
        assertThat(sessions.json()).anySatisfy(s -> assertThat(s.get("sessionId").asText()).isEqualTo(sid));

        CommandRun one = daliuge(env(), "session-inspect", sid, "--profile", profile);
        assertThat(one.exit()).as(one.err()).isZero();
        assertThat(one.json().get("state").asText()).isEqualTo("running");
        assertThat(one.json().at("/graph/drops").asInt()).isPositive();

        CommandRun missing = daliuge(dimOnly, "session-inspect", "no-such-session");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("daliuge.notfound (daliuge_dim session_status)");
    }

    @Test
    void aDeadManagerIsAConnectivityError() throws Exception {
        CommandRun r = daliuge(Map.of("BEAMPIPE_DIM_URL", "http://operator:s3cret@127.0.0.1:" + closedPort()), "sessions");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("Error: daliuge.connectivity (daliuge_dim list_sessions): connection failed");
        assertThat(r.err() + r.out()).doesNotContain("s3cret");
    }

    @Test
    void sessionCancelIsConfirmedAndNeedsRealBackends() throws Exception {
        String sid = "direct-" + UUID.randomUUID();
        sim.dim().outcome(sid, Outcome.NEVER_END);
        new IslandManagerClient(sim.dimBase().toString(), true).createAppendDeploy(sid, translate());
        clock.advanceMillis(500);

        CommandRun dry = daliuge(env(), "session-cancel", sid, "--profile", profile);
        assertThat(dry.exit()).isEqualTo(1);
        assertThat(dry.json().get("dry_run").asBoolean()).isTrue();
        assertThat(dry.json().at("/request/url").asText()).endsWith("/api/sessions/" + sid + "/cancel");
        assertThat(sim.dim().count("cancel_session")).isZero();

        CommandRun real = daliuge(env("BEAMPIPE_USE_REAL_BACKENDS", "true"), "session-cancel", sid, "--profile", profile);
        assertThat(real.exit()).as(real.err()).isZero();
        assertThat(real.json().get("session_id").asText()).isEqualTo(sid);
        assertThat(real.json().get("cancelled").asBoolean()).isTrue();
        assertThat(sim.dim().sessionState(sid).toString()).containsIgnoringCase("cancel");

        sim.dim().faults().add("cancel_session", Fault.status(555, "InvalidSessionState", 1));
        CommandRun refused = daliuge(env("BEAMPIPE_USE_REAL_BACKENDS", "true"), "session-cancel", sid, "--profile", profile);
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.json().get("cancelled").asBoolean()).isFalse();
        assertThat(refused.err()).contains("not confirmed");
    }

    @Test
    void translateReTranslatesThePersistedPatchedGraphWithThePinnedProfile() throws Exception {
        StoredProfile pinned = store().create(restProfile("pinned-" + UUID.randomUUID().toString().substring(0, 6)));
        UUID id = execution(ExecutionCreator.snapshot(pinned));
        JsonObject patched = new JsonObject(logicalGraph.toString());
        db.sql().update("INSERT INTO execution_artifacts (uuid, execution_id, kind, storage_kind, inline_json, media_type, "
                        + "sha256, size_bytes, producer_phase) VALUES ($1, $2, 'patched_graph', 'database', $3, 'application/json', "
                        + "$4, 1, 'graph_patched')", Uuid7.next(), id, patched, StableJson.sha256(logicalGraph));
        int sessionsBefore = sim.dim().sessionsCreated().size();

        CommandRun r = daliuge(env(), "translate", "--execution", id.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("execution_id").asText()).isEqualTo(id.toString());
        assertThat(j.get("dry_run").asBoolean()).isTrue();
        assertThat(j.get("patched_graph_sha256").asText()).isEqualTo(StableJson.sha256(logicalGraph));
        PhysicalGraph expected = translate();
        assertThat(texts(j.get("roots"))).isEqualTo(expected.roots());
        assertThat(j.get("physical_graph").size()).isEqualTo(expected.drops().size());
        assertThat(j.get("physical_graph_sha256").asText()).isEqualTo(StableJson.sha256(j.get("physical_graph")));
        assertThat(sim.dim().sessionsCreated()).hasSize(sessionsBefore);
        assertThat(sim.tm().journal().matching("POST", "/map")).isNotEmpty();
    }

    @Test
    void translateExplainsWhatIsMissing() {
        UUID noGraph = execution(ExecutionCreator.snapshot(store().byName(profile).orElseThrow()));
        CommandRun r = daliuge(env(), "translate", "--execution", noGraph.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("has no persisted patched_graph artifact");
        CommandRun missing = daliuge(env(), "translate", "--execution", Uuid7.next().toString());
        assertThat(missing.err()).contains("not found");
        UUID slurm = execution(new JsonObject().put("name", "hpc").put("translation", new JsonObject())
                .put("deployment", new JsonObject().put("kind", "slurm_remote").put("login_node", "login.example")));
        db.sql().update("INSERT INTO execution_artifacts (uuid, execution_id, kind, storage_kind, inline_json, media_type, "
                + "sha256, producer_phase) VALUES ($1, $2, 'patched_graph', 'database', '{}'::jsonb, 'application/json', "
                + "'x', 'graph_patched')", Uuid7.next(), slurm);
        CommandRun onSlurm = daliuge(env(), "translate", "--execution", slurm.toString());
        assertThat(onSlurm.exit()).isEqualTo(1);
        assertThat(onSlurm.err()).containsAnyOf("slurm_remote profile", "unreadable pinned profile");
    }

    static UUID execution(JsonObject snapshot) {
        UUID id = Uuid7.next();
        db.sql().update("INSERT INTO batch_execution_record (uuid, project_module, sources, archive_name, status, "
                + "deployment_profile_snapshot) VALUES ($1, 'm', $2, 'casda', 'failed', $3)", id, new JsonArray(), snapshot);
        return id;
    }

    static PhysicalGraph translate() throws Exception {
        return new TranslatorClient(sim.tmBase().toString(), true, Duration.ofSeconds(10))
                .translate(logicalGraph, restProfile("x").translation(), (RestRemoteDeployment) restProfile("x").deployment());
    }

}
