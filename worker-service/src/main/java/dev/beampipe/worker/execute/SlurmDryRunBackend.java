package dev.beampipe.worker.execute;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.daliuge.TranslatorClient;
import dev.beampipe.model.profile.Deployment;
import dev.beampipe.model.profile.SlurmRemoteDeployment;
import dev.beampipe.model.slurm.protocol.BatchFiles;
import dev.beampipe.model.slurm.protocol.CompositeJobId;
import dev.beampipe.model.slurm.protocol.MissingSifException;
import dev.beampipe.model.slurm.protocol.SessionPaths;
import dev.beampipe.model.slurm.ssh.SshTarget;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A Slurm profile with real backends disabled (decision 14, 40-backends §7.1): no TM call and no SSH connection.
 * Each step of the real submission (§4.5) is stored as a {@code dry_run_request} artifact describing what would have
 * been sent: the TM {@code unroll_and_partition} form, the uploads of the PGT, the rendered INI and the
 * {@code slurm_template}, the {@code create_dlg_job} command, and the {@code sbatch} command with its argv and the
 * {@code #SBATCH} lines that the options amount to.
 *
 * <p>The stand-in template is {@code [<sid>.pgt.graph, [<patched logical graph>]]} (as the REST dry run's, no
 * Translator). Without {@code create_dlg_job} there is no session directory: the dry run names
 * {@code <dlg_root>/workspace/dry-run-<sid>} (job script {@code jobsub.sh} in it), so the paths obey the real
 * derivation rules. The receipt carries job id {@value #JOB_ID} — Slurm never assigns it — and the execution then
 * completes through {@code slurm_poll_tick}, which observes dry-run executions without SSH.
 */
public final class SlurmDryRunBackend implements ExecutionBackend {
    /** The dry run's job id: digits, as a receipt requires, but never one Slurm hands out (ids start at 1). */
    public static final String JOB_ID = "0";
    private final DryRunRecorder recorder;
    private final Clock clock;
    private final Map<String, String> env;

    public SlurmDryRunBackend(DryRunRecorder recorder, Clock clock, Map<String, String> env) {
        this.recorder = recorder;
        this.clock = clock;
        this.env = Map.copyOf(env);
    }

    @Override
    public String schedulerName() {
        return "slurm";
    }

    @Override
    public String managerUrl(Deployment deployment) {
        return null;
    }

    @Override
    public String targetFingerprint(Deployment deployment) {
        return SlurmExecutionBackend.fingerprint((SlurmRemoteDeployment) deployment, env);
    }

    @Override
    public SlurmSubmitted submit(SubmitRequest request) throws SubmitFailure {
        SlurmRemoteDeployment d = request.slurm();
        String sid = request.sessionId();
        SshTarget target = SshTarget.of(d, env);
        String tm = TranslatorClient.baseUrl(request.translation().tmUrl());
        java.util.LinkedHashMap<String, String> form = new java.util.LinkedHashMap<>(
                TranslatorClient.unrollForm(request.patchedGraph(), request.translation()));
        recorder.record("tm_unroll_and_partition", http(tm + "/unroll_and_partition", form));

        ArrayNode standIn = JsonNodeFactory.instance.arrayNode().add(request.patchedGraph().deepCopy());
        ArrayNode wrapped = SlurmPgt.wrap(standIn, sid);
        String pgtPath = BatchFiles.stagedFile(d, request.executionId(), "pgt.graph");
        String iniPath = BatchFiles.stagedFile(d, request.executionId(), "ini");
        String templatePath = d.slurmTemplate() == null || d.slurmTemplate().isBlank() ? null
                : BatchFiles.stagedFile(d, request.executionId(), "slurm");
        String root = SessionPaths.root(d.dlgRoot());
        String sessionDir = root + "/workspace/dry-run-" + sid;
        String jobScript = sessionDir + "/jobsub.sh";
        String stagingRoot = sessionDir + "/wallaby-staging";
        try {
            recorder.record("slurm_mkdir_staging", command(target, "mkdir -p -- " + BatchFiles.stagingDir(d)));
            recorder.record("slurm_upload_pgt", upload(target, pgtPath, StableJson.write(wrapped))
                    .put("pgt_content_source", "dry-run stand-in [<sid>.pgt.graph, [<patched logical graph>]]: "
                            + "no Translator was called"));
            recorder.record("slurm_upload_ini", upload(target, iniPath, BatchFiles.ini(d, target.user(), pgtPath)));
            if (templatePath != null) {
                recorder.record("slurm_upload_template", upload(target, templatePath, d.slurmTemplate()));
            }
            String create = BatchFiles.createDlgJobScript(d, env, pgtPath, iniPath, templatePath);
            recorder.record("slurm_create_dlg_job", command(target, BatchFiles.bashLc(create)).put("script", create));
            List<String> argv = BatchFiles.sbatchArgv(d, sid, jobScript);
            String submit = BatchFiles.submitScript(d, env, stagingRoot, argv);
            recorder.record("slurm_sbatch", command(target, BatchFiles.bashLc(submit)).put("script", submit)
                    .put("argv", new JsonArray(argv)).put("sbatch_directives", new JsonArray(directives(argv)))
                    .put("job_script", jobScript + " (written by create_dlg_job; the dry run names the path only)"));
        } catch (MissingSifException e) {
            throw SubmitFailure.definite(e.getMessage(), e);
        }
        String composite = new CompositeJobId(sid, JOB_ID, sessionDir).encode();
        return new SlurmSubmitted(sid, wrapped, JOB_ID, sessionDir, stagingRoot, composite, clock.instant(),
                target.host(), target.user(), jobScript);
    }

    /** The {@code #SBATCH} lines equivalent to the scheduling options of the argv (between the command and the script). */
    static List<String> directives(List<String> argv) {
        return argv.subList(1, argv.size() - 1).stream()
                .filter(a -> !a.equals("--parsable") && !a.startsWith("--export="))
                .map(a -> "#SBATCH " + a).toList();
    }

    private static JsonObject http(String url, Map<String, String> fields) {
        JsonArray ordered = new JsonArray();
        fields.forEach((name, value) -> ordered.add(new JsonObject().put("name", name).put("value", value)));
        return new JsonObject().put("schema", DryRunRecorder.SCHEMA).put("method", "POST").put("url", url)
                .put("content_type", "application/x-www-form-urlencoded").put("body", TranslatorClient.formBody(fields))
                .put("form", ordered).put("sent", false);
    }

    private static JsonObject command(SshTarget target, String command) {
        return new JsonObject().put("schema", DryRunRecorder.SCHEMA).put("transport", "ssh")
                .put("target", target.display()).put("target_fingerprint", target.fingerprint())
                .put("command", command).put("sent", false);
    }

    private static JsonObject upload(SshTarget target, String path, String content) {
        return command(target, "upload_text_atomic " + path).put("path", path).put("content", content);
    }
}
