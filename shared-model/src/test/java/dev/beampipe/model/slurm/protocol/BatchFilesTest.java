package dev.beampipe.model.slurm.protocol;

import dev.beampipe.model.profile.SlurmRemoteDeployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchFilesTest {
    static final Map<String, String> ENV = Map.of("BEAMPIPE_ASKAPSOFT_SIF", "/software/askap/askapsoft.sif");
    static final String ACTIVATE = "source /software/projects/pawsey0411/jblackwood/venv/bin/activate";
    static final String MODULES = "module load singularity/4.1.0-askap && module load py-numpy/1.26.4 && module use /group/askap/modulefiles";

    @Test
    void iniOfTheReferenceProfileIsExact() {
        String pgt = "/scratch/pawsey0411/jblackwood/dlg/staging/BeampipeExecution_x.pgt.graph";
        assertThat(BatchFiles.ini(SlurmProfiles.reference(), "jblackwood", pgt)).isEqualTo(String.join("\n",
                "[DEPLOYMENT]", "remote = False", "submit = False",
                "[ENGINE]", "NUM_NODES = 1", "NUM_ISLANDS = 1", "JOB_DUR = 50", "MAX_THREADS = 0", "VERBOSE_LEVEL = 1",
                "ALL_NICS = False",
                "[GRAPH]", "PHYSICAL_GRAPH = " + pgt,
                "[FACILITY]", "USER = jblackwood", "ACCOUNT = pawsey0411", "LOGIN_NODE = setonix.pawsey.org.au",
                "HOME_DIR = /scratch/pawsey0411", "DLG_ROOT = /scratch/pawsey0411/jblackwood/dlg",
                "LOG_DIR = /scratch/pawsey0411/jblackwood/dlg/log", "EXEC_PREFIX = srun -l",
                "MODULES = " + MODULES, "VENV = " + ACTIVATE));
    }

    /** Port of slurm_deploy.rs: the INI contains {@code DLG_ROOT = /dlg}, {@code ACCOUNT = acct}. */
    @Test
    void minimalIniHasNoModulesOrVenvAndStripsTheRootsTrailingSlash() {
        String ini = BatchFiles.ini(SlurmProfiles.minimal("/dlg/"), "u", "/dlg/staging/p.pgt.graph");
        assertThat(ini.lines()).contains("DLG_ROOT = /dlg", "ACCOUNT = acct", "ALL_NICS = False")
                .noneMatch(l -> l.startsWith("MODULES") || l.startsWith("VENV"));
        assertThat(ini).doesNotEndWith("\n");
    }

    @Test
    void multiLineModulesAreContinuationLinesAndDollarIsEscaped() {
        SlurmRemoteDeployment d = SlurmProfiles.edited(o -> {
            o.put("modules", "module load a\n\nmodule load $B\n");
            o.put("venv", "source $HOME/venv/bin/activate");
            o.put("all_nics", true);
        });
        String ini = BatchFiles.ini(d, "u", "/p");
        assertThat(ini).endsWith("MODULES = module load a\n    module load $$B\nVENV = source $$HOME/venv/bin/activate");
        assertThat(ini).contains("ALL_NICS = True");
    }

    @Test
    void envPreludeOrderWithEverythingSet() throws MissingSifException {
        assertThat(BatchFiles.envPrelude(SlurmProfiles.reference(), ENV)).isEqualTo(String.join("\n",
                "set -euo pipefail",
                "export BEAMPIPE_SLURM_ACCOUNT=pawsey0411",
                "set +u", MODULES, "set -u",
                "set +u", ACTIVATE, "set -u",
                "export BEAMPIPE_ASKAPSOFT_SIF=/software/askap/askapsoft.sif",
                "export BEAMPIPE_ASKAPSOFT_SIF=\"$BEAMPIPE_ASKAPSOFT_SIF\"",
                "export BEAMPIPE_SLURM_ACCOUNT=pawsey0411"));
    }

    @Test
    void envPreludeMinimal() throws MissingSifException {
        assertThat(BatchFiles.envPrelude(SlurmProfiles.minimal("/dlg"), Map.of()))
                .isEqualTo("set -euo pipefail\nexport BEAMPIPE_SLURM_ACCOUNT=acct\nexport BEAMPIPE_SLURM_ACCOUNT=acct");
    }

    @Test
    void environmentSetupWithoutSifNeedsNoSif() throws MissingSifException {
        SlurmRemoteDeployment d = SlurmProfiles.edited(o -> o.put("environment_setup", "export A=1\n\n  export B='x y'"));
        assertThat(BatchFiles.envPrelude(d, Map.of())).contains("export A=1\n  export B='x y'\nexport BEAMPIPE_SLURM_ACCOUNT")
                .doesNotContain("ASKAPSOFT");
        assertThat(BatchFiles.sbatchArgv(d, "s", "/dlg/ws/s/jobsub.sh").get(1))
                .isEqualTo("--export=BEAMPIPE_SLURM_ACCOUNT,WALLABY_HIRES_STAGING_ROOT");
    }

    @ParameterizedTest
    @NullAndEmptySource
    void sifMentionedButMissingFailsBeforeAnyCommand(String sif) {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("BEAMPIPE_ASKAPSOFT_SIF", sif);
        SlurmRemoteDeployment d = SlurmProfiles.reference();
        assertThatThrownBy(() -> BatchFiles.envPrelude(d, env)).isInstanceOf(MissingSifException.class)
                .hasMessage("deployment.environment_setup requires non-empty BEAMPIPE_ASKAPSOFT_SIF");
        assertThatThrownBy(() -> BatchFiles.preflightScript(d, env)).isInstanceOf(MissingSifException.class);
        assertThatThrownBy(() -> BatchFiles.createDlgJobScript(d, env, "/p", "/i", null)).isInstanceOf(MissingSifException.class);
    }

    @Test
    void createDlgJobScript() throws MissingSifException {
        SlurmRemoteDeployment d = SlurmProfiles.minimal("/dlg root/");
        assertThat(BatchFiles.createDlgJobScript(d, Map.of(), "/dlg root/staging/B.pgt.graph", "/dlg root/staging/B.ini", null))
                .isEqualTo("set -euo pipefail\nexport BEAMPIPE_SLURM_ACCOUNT=acct\nexport BEAMPIPE_SLURM_ACCOUNT=acct\n"
                        + "export DLG_ROOT='/dlg root'\n"
                        + "python3 -m dlg.deploy.create_dlg_job --action submit -f setonix -P '/dlg root/staging/B.pgt.graph'"
                        + " --config_file '/dlg root/staging/B.ini'");
        assertThat(BatchFiles.createDlgJobScript(d, Map.of(), "/p", "/i", "/t.slurm")).endsWith(" --slurm_template /t.slurm");
    }

    @Test
    void sbatchArgvOfTheReferenceProfileIsExactAndPutsTheLogsInTheSessionDir() {
        String job = "/scratch/pawsey0411/jblackwood/dlg/workspace/s_2026-01-02T03-04-05/jobsub.sh";
        String dir = "/scratch/pawsey0411/jblackwood/dlg/workspace/s_2026-01-02T03-04-05";
        assertThat(BatchFiles.sbatchArgv(SlurmProfiles.reference(), "s_2026-01-02T03-04-05", job)).containsExactly(
                "sbatch", "--export=BEAMPIPE_SLURM_ACCOUNT,WALLABY_HIRES_STAGING_ROOT,BEAMPIPE_ASKAPSOFT_SIF", "--parsable",
                "--job-name=s_2026-01-02T03-04-05", "--account=pawsey0411", "--nodes=1", "--time=00:50:00",
                "--partition=work", "--ntasks=1", "--cpus-per-task=1",
                "--output=" + dir + "/slurm-%j.out", "--error=" + dir + "/slurm-%j.err", job);
        assertThat(BatchFiles.logPaths("42", dir, "/log"))
                .isEqualTo(new BatchFiles.LogPaths(dir + "/slurm-42.out", dir + "/slurm-42.err"));
        assertThat(BatchFiles.logPaths("42", null, "/log")).isEqualTo(new BatchFiles.LogPaths("/log/slurm-42.out", "/log/slurm-42.err"));
    }

    @ParameterizedTest
    @CsvSource({"125,--time=02:05:00", "0,--time=00:00:00", "6000,--time=100:00:00", "59,--time=00:59:00"})
    void wallTime(int minutes, String expected) {
        SlurmRemoteDeployment d = SlurmProfiles.edited(o -> ((com.fasterxml.jackson.databind.node.ObjectNode) o.get("resources"))
                .put("wall_time_minutes", minutes).put("memory", "10G").put("constraint", "x").put("quality_of_service", "high"));
        List<String> argv = BatchFiles.sbatchArgv(d, "s", "/d/w/s/j.sh");
        assertThat(argv).contains(expected);
        assertThat(argv.subList(7, argv.size() - 3)).containsExactly("--partition=work", "--mem=10G", "--constraint=x",
                "--qos=high", "--ntasks=1", "--cpus-per-task=1");
    }

    @Test
    void submitScript() throws MissingSifException {
        SlurmRemoteDeployment d = SlurmProfiles.minimal("/dlg");
        List<String> argv = BatchFiles.sbatchArgv(d, "s", "/dlg/ws/s/jobsub.sh");
        assertThat(BatchFiles.submitScript(d, Map.of(), "/dlg/ws/s/wallaby-staging", argv)).isEqualTo(
                "set -euo pipefail\nexport BEAMPIPE_SLURM_ACCOUNT=acct\nexport BEAMPIPE_SLURM_ACCOUNT=acct\n"
                        + "umask 077\nmkdir -p -- /dlg/ws/s/wallaby-staging\n"
                        + "export WALLABY_HIRES_STAGING_ROOT=/dlg/ws/s/wallaby-staging\n"
                        + "sbatch '--export=BEAMPIPE_SLURM_ACCOUNT,WALLABY_HIRES_STAGING_ROOT' --parsable '--job-name=s'"
                        + " '--account=acct' '--nodes=1' '--time=00:30:00' '--output=/dlg/ws/s/slurm-%j.out'"
                        + " '--error=/dlg/ws/s/slurm-%j.err' /dlg/ws/s/jobsub.sh");
    }

    @Test
    void preflightScriptLinesInOrder() throws MissingSifException {
        List<String> lines = BatchFiles.preflightScript(SlurmProfiles.reference(), ENV).lines().toList();
        int prelude = 11;
        assertThat(lines.subList(prelude, lines.size())).containsExactly(
                "command -v sbatch >/dev/null 2>&1 || { echo 'missing required command: sbatch' >&2; exit 127; }",
                "command -v squeue >/dev/null 2>&1 || { echo 'missing required command: squeue' >&2; exit 127; }",
                "command -v sacct >/dev/null 2>&1 || { echo 'missing required command: sacct' >&2; exit 127; }",
                "command -v scancel >/dev/null 2>&1 || { echo 'missing required command: scancel' >&2; exit 127; }",
                "command -v scontrol >/dev/null 2>&1 || { echo 'missing required command: scontrol' >&2; exit 127; }",
                "command -v srun >/dev/null 2>&1 || { echo 'missing required command: srun' >&2; exit 127; }",
                "command -v python3 >/dev/null 2>&1 || { echo 'missing required command: python3' >&2; exit 127; }",
                "command -v wallaby_hires >/dev/null 2>&1 || { echo 'missing required command: wallaby_hires' >&2; exit 127; }",
                "wallaby_hires --version >/dev/null",
                "test -d /scratch/pawsey0411/jblackwood/dlg && test -w /scratch/pawsey0411/jblackwood/dlg || { echo 'DLG_ROOT is not a writable directory' >&2; exit 73; }",
                "python3 -c 'import dlg.deploy.create_dlg_job; import wallaby_hires'",
                "command -v singularity >/dev/null 2>&1 || { echo 'missing required command: singularity' >&2; exit 127; }",
                "test -f \"$BEAMPIPE_ASKAPSOFT_SIF\" && test -r \"$BEAMPIPE_ASKAPSOFT_SIF\" || { echo 'BEAMPIPE_ASKAPSOFT_SIF is not a readable regular file' >&2; exit 66; }");
        assertThat(BatchFiles.preflightScript(SlurmProfiles.minimal("/dlg"), Map.of())).doesNotContain("singularity");
    }

    /** A real bash runs the bash -lc wrapper and sees the script unchanged (quotes, $, |, newlines). */
    @Test
    void bashLcCarriesTheScriptThroughARealShell() throws Exception {
        String script = "printf '%s|%s\\n' \"it's\" '$HOME'\necho \"a|b\" | tr '|' ':'";
        Process p = new ProcessBuilder("bash", "-c", BatchFiles.bashLc(script)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        assertThat(out).isEqualTo("it's|$HOME\na:b\n");
    }

    @Test
    void stagedFiles() {
        UUID id = UUID.fromString("0190a0b0-0000-7000-8000-000000000001");
        assertThat(BatchFiles.stagedFile(SlurmProfiles.minimal("/dlg/"), id, "ini"))
                .isEqualTo("/dlg/staging/BeampipeExecution_0190a0b0-0000-7000-8000-000000000001.ini");
    }
}
