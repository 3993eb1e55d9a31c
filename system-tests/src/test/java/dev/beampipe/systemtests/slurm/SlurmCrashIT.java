package dev.beampipe.systemtests.slurm;

import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.config.graph.GraphSource;
import dev.beampipe.model.config.graph.LoadedGraph;
import dev.beampipe.model.config.validation.ParseResult;
import dev.beampipe.model.config.validation.ProjectConfigValidation;
import dev.beampipe.model.profile.ProfileBinder;
import dev.beampipe.model.profile.ProfileStore;
import dev.beampipe.model.testing.ReferenceFiles;
import dev.beampipe.model.testing.RealSlurm;
import dev.beampipe.model.testing.RequiresRealSlurm;
import dev.beampipe.systemtests.ServiceProcess;
import dev.beampipe.systemtests.discovery.WallabyConfigVariant;
import dev.beampipe.systemtests.execution.ExecutionCluster;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7 acceptance 4: SIGKILL the worker after {@code sbatch} returned but before the job id was stored. The
 * profile's {@code environment_setup} wraps sbatch in a shell function that sleeps after it returns, so the job
 * exists while the worker still waits for the submission command; the worker is killed as soon as the job shows up
 * in {@code squeue --name=<session id>}. A fresh worker takes over: exactly one Slurm job carries the name
 * (squeue and sacct), the slurm poll tick's name reconciliation adopts it (a {@code beampipe-slurm-name-lookup/v1}
 * observation with result {@code exact}, {@code scheduler_job_id} = that job), and the run completes. Against the
 * fake login node always, and against the real one-node cluster when {@code BEAMPIPE_TEST_SLURM_ENV} is set.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlurmCrashIT {
    /** sbatch submits, then the submission command keeps the worker waiting; the kill lands in the sleep. */
    static final String SLOW_SBATCH = "sbatch() { command sbatch \"$@\"; local rc=$?; sleep 60; return $rc; }";
    static final String NAME_LOOKUP = "beampipe-slurm-name-lookup/v1";

    private static ExecutionCluster cluster;
    private static final List<SlurmLoginNode> nodes = new ArrayList<>();
    private static SlurmLoginNode fakeNode;
    private static Optional<SlurmLoginNode> realNode;
    private static List<String> sources;
    private static ServiceProcess worker;
    private static int workers;

    @BeforeAll
    static void start() throws IOException {
        cluster = ExecutionCluster.create("slurm-crash", true, 100);
        Path dir = cluster.logs().resolve("login-nodes");
        fakeNode = track(SlurmLoginNode.fake(dir));
        realNode = RealSlurm.fromEnvironment().map(SlurmLoginNode::real).map(SlurmCrashIT::track);
        cluster.env("BEAMPIPE_SSH_CREDENTIALS_DIR", Files.createDirectories(dir.resolve("no-slots")).toString());
        cluster.env("BEAMPIPE_SLURM_POLL_INTERVAL_SECONDS", "5");
        for (SlurmLoginNode node : nodes) {
            node.workerEnv().forEach(cluster::env);
            new ProfileStore(cluster.db(), StableJson::sha256).create(ProfileBinder.bind(
                    node.profile(profileName(node), cluster.dlg().tmBase(), SLOW_SBATCH)));
        }
        sources = cluster.executableSources(2, 77);
        cluster.register(sources, false);
        cluster.startScheduler();
        worker = freshWorker();
    }

    @AfterAll
    static void stop() {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            nodes.forEach(SlurmLoginNode::close);
        }
    }

    @Test
    @Order(1)
    void againstTheFakeLoginNode() throws InterruptedException {
        killAfterSbatchThenReconcileByName(fakeNode, sources.get(0));
    }

    @Test
    @Order(2)
    @RequiresRealSlurm
    void againstRealSlurm() throws InterruptedException {
        killAfterSbatchThenReconcileByName(realNode.orElseThrow(), sources.get(1));
    }

    private static void killAfterSbatchThenReconcileByName(SlurmLoginNode node, String source) throws InterruptedException {
        activateConfigNaming(profileName(node));
        cluster.enable(List.of(source));
        UUID id = cluster.awaitExecution(source, Duration.ofSeconds(60));
        cluster.awaitTrue(Duration.ofSeconds(120), () -> cluster.row(id).getString("daliuge_session_id") != null,
                () -> "execution " + id + " has a session id; row " + ExecutionCluster.summary(cluster.row(id)));
        String sid = cluster.row(id).getString("daliuge_session_id");
        Instant intentAt = Instant.now().minusSeconds(120);

        String[] jobId = new String[1];
        cluster.awaitTrue(Duration.ofSeconds(180), () -> (jobId[0] = firstJobNamed(node, sid)) != null,
                () -> "a Slurm job named " + sid + " on the " + node.label() + "; row " + ExecutionCluster.summary(cluster.row(id)));
        JsonObject atKill = cluster.row(id);
        assertThat(atKill.getString("scheduler_job_id")).as("job id stored before the kill (sbatch has returned, the "
                + "submission command has not)").isNull();
        assertThat(atKill.getString("submission_state")).as("submission state at the kill").isEqualTo("in_flight");
        killAndReplaceWorker();

        JsonObject row = cluster.awaitRow(id, Duration.ofSeconds(240), "ends terminal after the worker was killed",
                ExecutionCluster::terminal);

        assertThat(node.squeueIdsNamed(sid)).as("squeue -t all --name=" + sid + " on the " + node.label())
                .containsExactly(jobId[0]);
        assertThat(node.sacctRowsNamed(sid, intentAt)).as("sacct --name=" + sid + " on the " + node.label())
                .containsExactly(jobId[0] + "|" + sid + "|COMPLETED");
        if (node.fake().isPresent()) {
            assertThat(node.fakeJobIdsNamed(sid)).as("jobs the fake sbatch accepted").containsExactly(jobId[0]);
        }
        assertThat(row.getString("scheduler_job_id")).as("the adopted job id " + ExecutionCluster.summary(row))
                .isEqualTo(jobId[0]);
        List<JsonObject> lookups = nameLookups(id);
        assertThat(lookups).as("name-lookup evidence of " + id).anySatisfy(p -> {
            assertThat(p.getString("result")).isEqualTo("exact");
            assertThat(p.getString("daliuge_session_id")).isEqualTo(sid);
            assertThat(p.getJsonArray("matched_scheduler_job_ids")).isEqualTo(new JsonArray().add(jobId[0]));
        });
        assertThat(row.getString("status")).as("terminal status " + ExecutionCluster.summary(row)).isEqualTo("completed");
        assertThat(cluster.events(id, "execution.completed")).as("'execution.completed' events of " + id).isEqualTo(1);
    }

    private static String firstJobNamed(SlurmLoginNode node, String sid) {
        try {
            List<String> ids = node.squeueIdsNamed(sid);
            return ids.isEmpty() ? null : ids.get(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static List<JsonObject> nameLookups(UUID id) {
        return cluster.db().sql().list("SELECT payload::text FROM execution_observations WHERE execution_id = $1 "
                + "AND source_version = $2 ORDER BY observed_at", r -> new JsonObject(r.getString(0)), id, NAME_LOOKUP);
    }

    private static String profileName(SlurmLoginNode node) {
        return "crash-" + node.slot();
    }

    /** The reference WALLABY config naming {@code profile}, its graph pinned, output verification off. */
    private static void activateConfigNaming(String profile) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("deployment_profile_name", profile);
        keys.put("concurrent_execution_run_limit", "2");
        keys.put("execution_slurm_remote_poll_interval_seconds", "5");
        Path yaml = WallabyConfigVariant.reference().set("automation.execution", keys)
                .set("output_verification", "required", "false").writeTo(cluster.logs());
        cluster.activate(yaml, Optional.of(referenceGraph(yaml)));
    }

    private static LoadedGraph referenceGraph(Path yaml) {
        try {
            ParseResult.Parsed ok = (ParseResult.Parsed) ProjectConfigValidation.parse(Files.readString(yaml));
            return new GraphSource(ReferenceFiles.path(".").toAbsolutePath().normalize()).load(ok.config().graph());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void killAndReplaceWorker() {
        worker.sigkill();
        assertThat(worker.process.isAlive()).as("worker process after SIGKILL").isFalse();
        worker = freshWorker();
    }

    private static ServiceProcess freshWorker() {
        ServiceProcess p = cluster.startWorker("worker-" + (++workers));
        cluster.workerId(p);
        return p;
    }

    private static SlurmLoginNode track(SlurmLoginNode node) {
        nodes.add(node);
        return node;
    }
}
