package dev.beampipe.model.slurm.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.profile.SlurmRemoteDeployment;
import dev.beampipe.model.slurm.protocol.BatchFiles;
import dev.beampipe.simulators.slurm.SubmittedJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** §4.5/§4.6/§8.2 against the fake login node: what ran, what was uploaded, definite vs uncertain. */
class SlurmSubmitterTest {
    @RegisterExtension
    static final FakeNodeExtension fake = new FakeNodeExtension();
    static SlurmSubmitter submitter;

    @BeforeAll
    static void start() {
        submitter = new SlurmSubmitter(fake.fx().connector, Map.of("BEAMPIPE_ASKAPSOFT_SIF", "/images/askap.sif"));
    }

    @AfterEach
    void clear() {
        fake.node().scenario().sbatchBanner();
    }

    static ArrayNode pgt() throws Exception {
        return (ArrayNode) new ObjectMapper().readTree("""
                ["translator-name.pgt.graph",[{"oid":"b","app":"x","humanReadableKey":"1_0"},{"oid":"a","nm":"é \\"q\\""}]]""");
    }

    static String sid() {
        return "wallaby_" + UUID.randomUUID().toString().substring(0, 8) + "_2026-01-02T03-04-05";
    }

    static long in(Duration d) {
        return System.nanoTime() + d.toNanos();
    }

    SlurmSubmission submit(UUID exec, String sid, SlurmRemoteDeployment d) throws Exception {
        return submitter.submit(exec, sid, pgt(), d, fake.fx().target, fake.fx().creds, in(Duration.ofMinutes(2)));
    }

    SubmittedJob job(String name) {
        return fake.node().jobs().stream().filter(j -> name.equals(j.name())).findFirst().orElseThrow();
    }

    boolean queued(String name) {
        return fake.node().jobs().stream().anyMatch(j -> name.equals(j.name()));
    }

    @Test
    void happyPathRunsTheSpecStepsAndUploadsExactly() throws Exception {
        UUID exec = UUID.randomUUID();
        String sid = sid();
        SlurmRemoteDeployment d = fake.fx().profile(o -> { });
        int before = fake.node().commands().size();
        SlurmSubmission s = submit(exec, sid, d);

        String staging = fake.fx().dlgRoot + "/staging";
        Path pgtFile = Path.of(staging, "BeampipeExecution_" + exec + ".pgt.graph");
        Path iniFile = Path.of(staging, "BeampipeExecution_" + exec + ".ini");
        ArrayNode bound = pgt();
        bound.set(0, TextNode.valueOf(sid + ".pgt.graph"));
        assertThat(Files.readString(pgtFile)).isEqualTo(StableJson.write(bound));
        assertThat(Files.readString(iniFile)).isEqualTo(BatchFiles.ini(d, "beampipe", pgtFile.toString()));
        assertThat(Files.exists(Path.of(staging, "BeampipeExecution_" + exec + ".slurm"))).isFalse();

        assertThat(s.jobId()).matches("[0-9]+");
        assertThat(s.sessionDir()).startsWith(fake.fx().dlgRoot + "/workspace/");
        assertThat(s.jobScriptPath()).isEqualTo(s.sessionDir() + "/jobsub.sh");
        assertThat(s.stagingRoot()).isEqualTo(s.sessionDir() + "/wallaby-staging");
        assertThat(Files.isDirectory(Path.of(s.stagingRoot()))).isTrue();
        assertThat(s.compositeId()).isEqualTo(sid + ":" + s.jobId() + "|" + s.sessionDir());
        assertThat(s.commands()).extracting(RecordedCommand::step)
                .containsExactly("mkdir_staging", "upload_pgt", "upload_ini", "create_dlg_job", "sbatch");

        SubmittedJob job = job(sid);
        assertThat(job.id()).isEqualTo(s.jobId());
        assertThat(job.account()).isEqualTo("acct");
        assertThat(job.time()).isEqualTo("00:10:00");
        assertThat(job.export()).isEqualTo("BEAMPIPE_SLURM_ACCOUNT,WALLABY_HIRES_STAGING_ROOT");
        assertThat(job.exported()).containsEntry("BEAMPIPE_SLURM_ACCOUNT", "acct")
                .containsEntry("WALLABY_HIRES_STAGING_ROOT", s.stagingRoot());
        assertThat(job.output()).isEqualTo(s.sessionDir() + "/slurm-%j.out");
        assertThat(job.error()).isEqualTo(s.sessionDir() + "/slurm-%j.err");
        assertThat(job.script()).isEqualTo(s.jobScriptPath());

        List<String> seen = fake.node().commands().subList(before, fake.node().commands().size());
        assertThat(seen.get(0)).isEqualTo("mkdir -p -- " + staging);
        assertThat(seen).anyMatch(c -> c.startsWith("bash -lc ") && c.contains("python3 -m dlg.deploy.create_dlg_job --action submit -f setonix"));
        assertThat(seen.get(seen.size() - 1)).startsWith("bash -lc ").contains("--parsable");
    }

    @Test
    void aTemplateIsUploadedAndPassedOn() throws Exception {
        UUID exec = UUID.randomUUID();
        String sid = sid();
        SlurmSubmission s = submit(exec, sid, fake.fx().profile(o -> o.put("slurm_template", "#!/bin/bash\n#SBATCH --nodes=1\necho $session_id\n")));
        Path tpl = Path.of(fake.fx().dlgRoot + "/staging", "BeampipeExecution_" + exec + ".slurm");
        assertThat(Files.readString(tpl)).isEqualTo("#!/bin/bash\n#SBATCH --nodes=1\necho $session_id\n");
        assertThat(s.commands()).extracting(RecordedCommand::step).contains("upload_template");
        assertThat(s.commands().get(4).command()).contains("--slurm_template " + tpl);
    }

    @Test
    void bannerLinesBeforeTheReceiptAreIgnored() throws Exception {
        fake.node().scenario().sbatchBanner("Welcome to the login node", "module singularity loaded");
        String sid = sid();
        assertThat(submit(UUID.randomUUID(), sid, fake.fx().profile(o -> { })).jobId()).isEqualTo(job(sid).id());
    }

    @Test
    void sbatchExplicitFailureIsDefinite() {
        fake.node().scenario().sbatchFails(1, "sbatch: error: Batch job submission failed: Invalid account or account/partition combination specified");
        String sid = sid();
        assertThatThrownBy(() -> submit(UUID.randomUUID(), sid, fake.fx().profile(o -> { })))
                .isInstanceOfSatisfying(SlurmSubmitException.class, e -> {
                    assertThat(e.definite()).isTrue();
                    assertThat(e.getMessage()).startsWith("remote command failed (exit=1)")
                            .contains("Invalid account or account/partition combination specified");
                });
        assertThat(queued(sid)).isFalse();
    }

    @Test
    void anUnknownPartitionIsDefinite() {
        String sid = sid();
        assertThatThrownBy(() -> submit(UUID.randomUUID(), sid, fake.fx().profile(o -> o.putObject("resources").put("partition", "nosuch"))))
                .isInstanceOfSatisfying(SlurmSubmitException.class, e -> {
                    assertThat(e.definite()).isTrue();
                    assertThat(e.getMessage()).contains("sbatch: error: invalid partition specified: nosuch");
                });
    }

    @Test
    void anInvalidReceiptAfterExitZeroIsUncertain() {
        fake.node().scenario().sbatchInvalidReceipt("Submitted batch job");
        String sid = sid();
        assertThatThrownBy(() -> submit(UUID.randomUUID(), sid, fake.fx().profile(o -> { })))
                .isInstanceOfSatisfying(SlurmSubmitException.class, e -> {
                    assertThat(e.uncertain()).isTrue();
                    assertThat(e.getMessage()).isEqualTo("sbatch exited successfully, but its submission receipt was invalid: "
                            + "sbatch --parsable returned no valid numeric job ID; non_empty_lines=1");
                });
        assertThat(queued(sid)).as("the job exists: resubmitting would duplicate it").isTrue();
    }

    @Test
    void aDuplicatedReceiptIsUncertain() {
        fake.node().scenario().sbatchDuplicatedReceipt();
        assertThatThrownBy(() -> submit(UUID.randomUUID(), sid(), fake.fx().profile(o -> { })))
                .isInstanceOfSatisfying(SlurmSubmitException.class, e -> {
                    assertThat(e.uncertain()).isTrue();
                    assertThat(e.getMessage()).contains("sbatch --parsable returned multiple possible job IDs; non_empty_lines=2");
                });
    }

    @Test
    void aConnectionLostAfterSbatchRanIsUncertain() {
        fake.node().scenario().dropConnectionAfterRunning("--parsable");
        String sid = sid();
        assertThatThrownBy(() -> submit(UUID.randomUUID(), sid, fake.fx().profile(o -> { })))
                .isInstanceOfSatisfying(SlurmSubmitException.class, e -> {
                    assertThat(e.uncertain()).isTrue();
                    assertThat(e.getMessage()).startsWith("sbatch may have queued a job: ");
                    assertThat(e.commands()).extracting(RecordedCommand::step).endsWith("sbatch");
                });
        assertThat(queued(sid)).isTrue();
    }

    @Test
    void aConnectionLostOnceSbatchWasSentIsUncertain() {
        fake.node().scenario().dropConnectionOn("--parsable");
        assertThatThrownBy(() -> submit(UUID.randomUUID(), sid(), fake.fx().profile(o -> { })))
                .isInstanceOfSatisfying(SlurmSubmitException.class, e -> assertThat(e.uncertain()).isTrue());
    }

    @Test
    void sbatchRunningIntoTheDeadlineIsAnUncertainTimeout() {
        fake.node().scenario().noExitStatus("--parsable");
        String sid = sid();
        assertThatThrownBy(() -> submitter.submit(UUID.randomUUID(), sid, pgt(), fake.fx().profile(o -> { }), fake.fx().target, fake.fx().creds,
                in(Duration.ofSeconds(10))))
                .isInstanceOfSatisfying(SlurmSubmitException.class, e -> {
                    assertThat(e.uncertain()).isTrue();
                    assertThat(e.deadlineExceeded()).isTrue();
                    assertThat(e.getMessage()).startsWith("backend submission exceeded its persisted wall-clock deadline at ");
                });
        assertThat(queued(sid)).isTrue();
    }

    @Test
    void failuresBeforeSbatchAreDefinite() {
        fake.node().scenario().dropConnectionOn("create_dlg_job");
        String sid = sid();
        assertThatThrownBy(() -> submit(UUID.randomUUID(), sid, fake.fx().profile(o -> { })))
                .isInstanceOfSatisfying(SlurmSubmitException.class, e -> {
                    assertThat(e.definite()).isTrue();
                    assertThat(e.commands()).extracting(RecordedCommand::step).endsWith("create_dlg_job");
                });
        assertThat(queued(sid)).isFalse();
    }

    @Test
    void aMissingSifFailsBeforeAnyCommand() {
        SlurmSubmitter noSif = new SlurmSubmitter(fake.fx().connector, Map.of());
        int before = fake.node().commands().size();
        assertThatThrownBy(() -> noSif.submit(UUID.randomUUID(), sid(), pgt(),
                fake.fx().profile(o -> o.put("environment_setup", "export BEAMPIPE_ASKAPSOFT_SIF=\"$BEAMPIPE_ASKAPSOFT_SIF\"")),
                fake.fx().target, fake.fx().creds, in(Duration.ofMinutes(1))))
                .isInstanceOfSatisfying(SlurmSubmitException.class, e -> {
                    assertThat(e.definite()).isTrue();
                    assertThat(e).hasMessage("deployment.environment_setup requires non-empty BEAMPIPE_ASKAPSOFT_SIF");
                });
        assertThat(fake.node().commands()).hasSize(before);
    }

    @Test
    void theSifIsExportedToTheJob() throws Exception {
        String sid = sid();
        submit(UUID.randomUUID(), sid, fake.fx().profile(o -> o.put("environment_setup", "export BEAMPIPE_ASKAPSOFT_SIF=\"$BEAMPIPE_ASKAPSOFT_SIF\"")));
        assertThat(job(sid).export()).isEqualTo("BEAMPIPE_SLURM_ACCOUNT,WALLABY_HIRES_STAGING_ROOT,BEAMPIPE_ASKAPSOFT_SIF");
        assertThat(job(sid).exported()).containsEntry("BEAMPIPE_ASKAPSOFT_SIF", "/images/askap.sif");
    }

    @Test
    void aDeadlineReachedBeforeSbatchIsADefiniteTimeout() {
        String sid = sid();
        assertThatThrownBy(() -> submitter.submit(UUID.randomUUID(), sid, pgt(), fake.fx().profile(o -> { }), fake.fx().target, fake.fx().creds,
                System.nanoTime() - 1))
                .isInstanceOfSatisfying(SlurmSubmitException.class, e -> {
                    assertThat(e.definite()).isTrue();
                    assertThat(e.deadlineExceeded()).isTrue();
                    assertThat(e.getMessage()).startsWith("backend submission exceeded its persisted wall-clock deadline at ");
                });
        assertThat(queued(sid)).isFalse();
    }

    @Test
    void anInvalidSessionIdIsRejectedBeforeConnecting() {
        assertThatThrownBy(() -> submit(UUID.randomUUID(), "bad name", fake.fx().profile(o -> { })))
                .isInstanceOfSatisfying(SlurmSubmitException.class, e -> assertThat(e.definite()).isTrue());
    }

    @Test
    void aDryRunPlanNamesEveryStepWithoutConnecting() throws Exception {
        UUID exec = UUID.randomUUID();
        String sid = sid();
        int before = fake.node().commands().size();
        List<RecordedCommand> plan = submitter.plan(exec, sid, pgt(), fake.fx().profile(o -> { }), "beampipe");
        assertThat(plan).extracting(RecordedCommand::step)
                .containsExactly("mkdir_staging", "upload_pgt", "upload_ini", "create_dlg_job", "sbatch");
        assertThat(plan.get(1).command()).isEqualTo("upload " + fake.fx().dlgRoot + "/staging/BeampipeExecution_" + exec + ".pgt.graph");
        assertThat(plan.get(4).command()).contains("--job-name=" + sid).contains("--parsable");
        assertThat(fake.node().commands()).hasSize(before);
    }
}
