package dev.beampipe.simulators.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fake DALiuGE package with the real python3 and bash: create_dlg_job's INI semantics and its batch script. */
class FakeDaliugeTest {

    @TempDir
    static Path dir;
    static FakeSlurmTools tools;

    static final String PGT = "[\"BeampipeExecution_x.pgt.graph\",[{\"oid\":\"1_0\",\"app\":\"a\"},{\"oid\":\"1_1\"}]]";
    static final String INI = String.join("\n",
            "[DEPLOYMENT]", "remote = False", "submit = False",
            "[ENGINE]", "NUM_NODES = 2", "NUM_ISLANDS = 1", "JOB_DUR = 125", "MAX_THREADS = 4", "VERBOSE_LEVEL = 1",
            "ALL_NICS = True",
            "[GRAPH]", "PHYSICAL_GRAPH = %PGT%",
            "[FACILITY]", "USER = alice", "ACCOUNT = science", "LOGIN_NODE = 127.0.0.1", "HOME_DIR = /home/alice",
            "DLG_ROOT = %ROOT%", "LOG_DIR = ", "EXEC_PREFIX = srun -l",
            "MODULES = echo module-one", "    echo module-two", "VENV = echo venv-on");

    record Run(int exit, String stdout, String stderr) {
    }

    @BeforeAll
    static void install() {
        tools = FakeSlurmTools.install(dir.resolve("tools"));
    }

    static Run bash(String script, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", "-c", script);
        pb.environment().put("PYTHONPATH", tools.pythonPath().toString());
        pb.environment().put("PATH", tools.slurmBin() + ":" + tools.dlgBin() + ":" + System.getenv("PATH"));
        pb.environment().remove("DLG_ROOT");
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        return new Run(p.waitFor(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    /** Stages a PGT + INI like beampipe does, runs create_dlg_job, returns (run, dlg root). */
    static Run create(String name, String ini, String template, boolean withRoot) throws IOException, InterruptedException {
        Path root = Files.createDirectories(dir.resolve(name).resolve("dlg"));
        Path staging = Files.createDirectories(root.resolve("staging"));
        Path pgt = staging.resolve("BeampipeExecution_0b7e.pgt.graph");
        Files.writeString(pgt, PGT);
        Path iniPath = staging.resolve("BeampipeExecution_0b7e.ini");
        Files.writeString(iniPath, ini.replace("%PGT%", pgt.toString()).replace("%ROOT%", root.toString()));
        String command = (withRoot ? "export DLG_ROOT=" + root + "\n" : "")
                + "python3 -m dlg.deploy.create_dlg_job --action submit -f setonix -P " + pgt + " --config_file " + iniPath;
        if (template != null) {
            Path tpl = staging.resolve("BeampipeExecution_0b7e.slurm");
            Files.writeString(tpl, template);
            command += " --slurm_template " + tpl;
        }
        return bash(command, Map.of());
    }

    static Path jobScript(Run run) {
        Matcher m = Pattern.compile("^Created job submission script (.+)$", Pattern.MULTILINE).matcher(run.stdout());
        assertThat(m.find()).as(run.stdout() + run.stderr()).isTrue();
        return Path.of(m.group(1).strip());
    }

    @Test
    void creates_the_session_dir_like_daliuge_and_prints_the_job_script_path() throws Exception {
        Run run = create("plain", INI, null, true);
        assertThat(run.exit()).as(run.stderr()).isZero();
        Path root = dir.resolve("plain/dlg");
        assertThat(run.stdout()).matches("Created job submission script " + Pattern.quote(root + "/workspace/")
                + "BeampipeExecution_\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\d/jobsub\\.sh\\n");
        Path script = jobScript(run);
        Path session = script.getParent();
        assertThat(session.resolve("BeampipeExecution_0b7e.pgt.graph")).hasContent(PGT);
        String text = Files.readString(script);
        assertThat(text).startsWith("#!/bin/bash --login\n\n#SBATCH --nodes=2\n#SBATCH --ntasks-per-node=1\n"
                + "#SBATCH --cpus-per-task=1\n#SBATCH --job-name=DALiuGE-" + session.getFileName() + "\n#SBATCH --time=02:05:00\n"
                + "#SBATCH --output=" + session + "/slurm-%j.out\n#SBATCH --error=" + session + "/slurm-%j.err\n"
                + "echo module-one\necho module-two\nexport DLG_ROOT=" + root + "\necho venv-on\n");
        assertThat(text).endsWith("\nsrun -l python3 -m dlg.deploy.start_dlg_cluster --log_dir " + session
                + " --physical-graph \"" + session + "/BeampipeExecution_0b7e.pgt.graph\" --verbose-level 1 --max-threads 4"
                + " --app 0 --num_islands 1 --all_nics --ssid " + session.getFileName() + "\n");
    }

    @Test
    void the_job_script_is_a_real_batch_script_whose_run_writes_the_dlg_log_and_exits_as_told() throws Exception {
        Path script = jobScript(create("runs", INI, null, true));
        Run job = bash("bash " + script, Map.of("BEAMPIPE_FAKE_DLG_RUN_SECONDS", "0", "BEAMPIPE_FAKE_DLG_EXIT", "4"));
        assertThat(job.exit()).as(job.stderr()).isEqualTo(4);
        assertThat(job.stdout()).startsWith("module-one\nmodule-two\nvenv-on\n");
        String log = Files.readString(script.getParent().resolve("logs/dlg.log"));
        assertThat(log).contains("2 drops").contains("drop 1_0\ndrop 1_1\n").contains("exit 4");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "empty value dropped (default applies);NUM_NODES = ;#SBATCH --nodes=1",
        "lower-case key;num_nodes = 3;#SBATCH --nodes=3",
        "any section;[ELSEWHERE]\\nNUM_NODES = 5;#SBATCH --nodes=5",
        "escaped dollar;VENV = echo $$HOME;echo $HOME",
        "interpolation;VENV = echo ${ENGINE:MAX_THREADS};echo 4"})
    void ini_is_read_with_daliuge_semantics(String label, String line, String expected) throws Exception {
        String ini = INI.replace("NUM_NODES = 2", "").replace("VENV = echo venv-on", "") + "\n" + line.replace("\\n", "\n");
        Run run = create("ini-" + Math.abs(label.hashCode()), ini, null, true);
        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(Files.readString(jobScript(run))).contains(expected + "\n");
    }

    @Test
    void a_bare_dollar_in_venv_breaks_create_dlg_job_like_extended_interpolation() throws Exception {
        Run run = create("dollar", INI.replace("VENV = echo venv-on", "VENV = source $HOME/venv/bin/activate"), null, true);
        assertThat(run.exit()).isNotZero();
        assertThat(run.stderr()).contains("InterpolationSyntaxError").contains("'$' must be followed by '$' or '{'");
        assertThat(run.stdout()).doesNotContain("Created job submission script");
        assertThat(dir.resolve("dollar/dlg/workspace")).doesNotExist();
    }

    @Test
    void dlg_root_is_required_in_the_environment() throws Exception {
        Run run = create("noroot", INI, null, false);
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stderr()).isEqualTo("DLG_ROOT is not set in the environment\n");
        assertThat(dir.resolve("noroot/dlg/workspace")).doesNotExist();
    }

    @Test
    void a_slurm_template_is_substituted_and_the_start_command_appended() throws Exception {
        String template = "#!/bin/bash --login\n#SBATCH --job-name=$session_id\n#SBATCH --nodes=$NUM_NODES\n"
                + "#SBATCH --account=$ACCOUNT\ncd $dlg_root\n";
        Run run = create("template", INI, template, true);
        assertThat(run.exit()).as(run.stderr()).isZero();
        Path script = jobScript(run);
        String session = script.getParent().getFileName().toString();
        String text = Files.readString(script);
        assertThat(text).startsWith("#!/bin/bash --login\n#SBATCH --job-name=" + session + "\n#SBATCH --nodes=2\n"
                + "#SBATCH --account=science\ncd " + dir.resolve("template/dlg") + "\n");
        assertThat(text).contains("-m dlg.deploy.start_dlg_cluster --log_dir " + script.getParent());
    }

    @Test
    void wallaby_hires_is_an_executable_and_a_module() throws Exception {
        Run run = bash("wallaby_hires --version && python3 -c 'import dlg.deploy.create_dlg_job; import wallaby_hires; "
                + "print(wallaby_hires.__version__)'", Map.of());
        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo("wallaby_hires 0.0.0+beampipe.fake\n0.0.0+beampipe.fake\n");
    }

    @Test
    void on_the_fake_node_the_whole_submission_sequence_runs_through_ssh() throws Exception {
        try (FakeLoginNode node = FakeLoginNode.start(FakeLoginNode.Options.in(dir.resolve("node")));
             SshTestClient ssh = new SshTestClient(node.hostPublicKey())) {
            node.authorize(ssh.publicKeyLine());
            Path root = node.home().resolve("dlg");
            Path staging = root.resolve("staging");
            assertThat(ssh.exec(node, "mkdir -p -- " + staging).exitStatus()).isZero();
            Path pgt = staging.resolve("BeampipeExecution_0b7e.pgt.graph");
            Path ini = staging.resolve("BeampipeExecution_0b7e.ini");
            upload(ssh, node, pgt, PGT);
            upload(ssh, node, ini, INI.replace("%PGT%", pgt.toString()).replace("%ROOT%", root.toString()));
            SshTestClient.Result created = ssh.exec(node, "bash -lc 'set -euo pipefail\nexport BEAMPIPE_SLURM_ACCOUNT=science\n"
                    + "export DLG_ROOT=" + root + "\npython3 -m dlg.deploy.create_dlg_job --action submit -f setonix -P " + pgt
                    + " --config_file " + ini + "'");
            assertThat(created.exitStatus()).as(created.stderr()).isZero();
            String script = created.stdout().strip().substring("Created job submission script ".length());
            String session = Path.of(script).getParent().toString();
            SshTestClient.Result submitted = ssh.exec(node, "bash -lc 'set -euo pipefail\nexport BEAMPIPE_SLURM_ACCOUNT=science\n"
                    + "umask 077\nmkdir -p -- " + session + "/wallaby-staging\nexport WALLABY_HIRES_STAGING_ROOT=" + session
                    + "/wallaby-staging\nsbatch --export=BEAMPIPE_SLURM_ACCOUNT,WALLABY_HIRES_STAGING_ROOT --parsable "
                    + "--job-name=beampipe-sid --account=science --nodes=2 --time=02:05:00 " + script + "'");
            assertThat(submitted.exitStatus()).as(submitted.stderr()).isZero();
            assertThat(submitted.stdout()).matches("\\d+\\n");
            SubmittedJob job = node.jobs().get(0);
            assertThat(job.name()).isEqualTo("beampipe-sid");
            assertThat(job.script()).isEqualTo(script);
            assertThat(job.output()).isEqualTo(session + "/slurm-%j.out");
            assertThat(job.exported()).containsEntry("WALLABY_HIRES_STAGING_ROOT", session + "/wallaby-staging");
            try (Stream<Path> files = Files.list(Path.of(session))) {
                assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                        .isEqualTo(List.of("BeampipeExecution_0b7e.pgt.graph", "jobsub.sh", "wallaby-staging"));
            }
        }
    }

    private static void upload(SshTestClient ssh, FakeLoginNode node, Path path, String content) throws IOException {
        SshTestClient.Result r = ssh.exec(node, "umask 077 && tee '" + path + "' >/dev/null",
                content.getBytes(StandardCharsets.UTF_8), java.time.Duration.ofSeconds(20));
        assertThat(r.exitStatus()).isZero();
    }
}
