package dev.beampipe.model.slurm.protocol;

import dev.beampipe.model.profile.SlurmRemoteDeployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The files and scripts of a Slurm submission (40-backends §4.5 steps 4–9, §4.7, §4.10 log locations). */
public final class BatchFiles {
    public static final String SIF = "BEAMPIPE_ASKAPSOFT_SIF";
    public static final List<String> PREFLIGHT_COMMANDS =
            List.of("sbatch", "squeue", "sacct", "scancel", "scontrol", "srun", "python3", "wallaby_hires");

    private BatchFiles() {
    }

    /** Where the files of one execution are uploaded: {@code R/staging/BeampipeExecution_<uuid>.<ext>}. */
    public static String stagingDir(SlurmRemoteDeployment d) {
        return SessionPaths.root(d.dlgRoot()) + "/staging";
    }

    public static String stagedFile(SlurmRemoteDeployment d, java.util.UUID executionId, String extension) {
        return stagingDir(d) + "/BeampipeExecution_" + executionId + "." + extension;
    }

    /**
     * The INI of §4.5 step 5 (joined by {@code \n}, no trailing newline). A {@code $} in MODULES/VENV is written
     * {@code $$}, the ExtendedInterpolation escape, so create_dlg_job reads it back literally.
     */
    public static String ini(SlurmRemoteDeployment d, String user, String pgtPath) {
        List<String> lines = new ArrayList<>(List.of(
                "[DEPLOYMENT]",
                "remote = False",
                "submit = False",
                "[ENGINE]",
                "NUM_NODES = " + d.effectiveNodes(),
                "NUM_ISLANDS = " + d.effectiveIslands(),
                "JOB_DUR = " + d.effectiveWallTimeMinutes(),
                "MAX_THREADS = " + d.maxThreads(),
                "VERBOSE_LEVEL = " + d.verboseLevel(),
                "ALL_NICS = " + (d.allNics() ? "True" : "False"),
                "[GRAPH]",
                "PHYSICAL_GRAPH = " + pgtPath,
                "[FACILITY]",
                "USER = " + user,
                "ACCOUNT = " + d.account(),
                "LOGIN_NODE = " + d.loginNode(),
                "HOME_DIR = " + d.homeDir(),
                "DLG_ROOT = " + SessionPaths.root(d.dlgRoot()),
                "LOG_DIR = " + d.logDir(),
                "EXEC_PREFIX = " + d.execPrefix()));
        if (d.modules() != null) {
            addMultiline(lines, "MODULES", d.modules());
        }
        if (d.venv() != null) {
            addMultiline(lines, "VENV", d.venv());
        }
        return String.join("\n", lines);
    }

    private static void addMultiline(List<String> lines, String key, String value) {
        List<String> parts = value.replace("\r", "").lines().toList();
        String first = parts.isEmpty() ? "" : parts.get(0);
        lines.add(key + " = " + first.replace("$", "$$"));
        for (String extra : parts.subList(Math.min(1, parts.size()), parts.size())) {
            if (!extra.isBlank()) {
                lines.add("    " + extra.replace("$", "$$"));
            }
        }
    }

    public static boolean needsSif(SlurmRemoteDeployment d) {
        return d.environmentSetup() != null && d.environmentSetup().contains(SIF);
    }

    /** The env prelude of §4.5, in its exact order. */
    public static String envPrelude(SlurmRemoteDeployment d, Map<String, String> workerEnv) throws MissingSifException {
        String account = "export BEAMPIPE_SLURM_ACCOUNT=" + ShellQuote.quote(d.account());
        List<String> lines = new ArrayList<>();
        lines.add("set -euo pipefail");
        lines.add(account);
        if (d.modules() != null) {
            lines.add("set +u");
            d.modules().lines().filter(l -> !l.isBlank()).map(String::trim).forEach(lines::add);
            lines.add("set -u");
        }
        if (d.venv() != null) {
            lines.add("set +u");
            lines.add(d.venv().trim());
            lines.add("set -u");
        }
        if (needsSif(d)) {
            String sif = workerEnv.get(SIF);
            if (sif == null || sif.isEmpty()) {
                throw new MissingSifException();
            }
            lines.add("export " + SIF + "=" + ShellQuote.quote(sif));
        }
        if (d.environmentSetup() != null) {
            d.environmentSetup().lines().filter(l -> !l.isBlank()).forEach(lines::add);
        }
        lines.add(account);
        return String.join("\n", lines);
    }

    /** §4.5 step 7: the script run with {@code bash -lc}. */
    public static String createDlgJobScript(SlurmRemoteDeployment d, Map<String, String> env, String pgtPath,
                                            String iniPath, String templatePathOrNull) throws MissingSifException {
        List<String> argv = new ArrayList<>(List.of("python3", "-m", "dlg.deploy.create_dlg_job", "--action", "submit",
                "-f", d.facility(), "-P", pgtPath, "--config_file", iniPath));
        if (templatePathOrNull != null) {
            argv.add("--slurm_template");
            argv.add(templatePathOrNull);
        }
        return envPrelude(d, env) + "\nexport DLG_ROOT=" + ShellQuote.quote(SessionPaths.root(d.dlgRoot())) + "\n"
                + ShellQuote.join(argv);
    }

    /**
     * §4.5 step 9 argv in the reference's order, plus (decision 6) {@code --output}/{@code --error} into the session
     * dir (the job script's parent) just before the job script, so the logs land where {@link #logPaths} says.
     */
    public static List<String> sbatchArgv(SlurmRemoteDeployment d, String sid, String jobScript) {
        SlurmRemoteDeployment.Resources r = d.resources();
        String export = "--export=BEAMPIPE_SLURM_ACCOUNT,WALLABY_HIRES_STAGING_ROOT" + (needsSif(d) ? "," + SIF : "");
        long minutes = d.effectiveWallTimeMinutes();
        List<String> argv = new ArrayList<>(List.of("sbatch", export, "--parsable", "--job-name=" + sid,
                "--account=" + d.account(), "--nodes=" + d.effectiveNodes(),
                String.format("--time=%02d:%02d:00", minutes / 60, minutes % 60)));
        if (r.partition() != null) {
            argv.add("--partition=" + r.partition());
        }
        if (r.memory() != null) {
            argv.add("--mem=" + r.memory());
        }
        if (r.constraint() != null) {
            argv.add("--constraint=" + r.constraint());
        }
        if (r.qualityOfService() != null) {
            argv.add("--qos=" + r.qualityOfService());
        }
        if (r.tasks() != null) {
            argv.add("--ntasks=" + r.tasks());
        }
        if (r.cpusPerTask() != null) {
            argv.add("--cpus-per-task=" + r.cpusPerTask());
        }
        String sessionDir = parent(jobScript);
        argv.add("--output=" + sessionDir + "/slurm-%j.out");
        argv.add("--error=" + sessionDir + "/slurm-%j.err");
        argv.add(jobScript);
        return argv;
    }

    /** §4.5 step 9: the only submission-kind command's script. */
    public static String submitScript(SlurmRemoteDeployment d, Map<String, String> env, String stagingRoot,
                                      List<String> sbatchArgv) throws MissingSifException {
        String root = ShellQuote.quote(stagingRoot);
        return envPrelude(d, env) + "\numask 077\nmkdir -p -- " + root + "\nexport WALLABY_HIRES_STAGING_ROOT=" + root
                + "\n" + ShellQuote.join(sbatchArgv);
    }

    /** §4.7, lines in order. */
    public static String preflightScript(SlurmRemoteDeployment d, Map<String, String> env) throws MissingSifException {
        List<String> lines = new ArrayList<>();
        lines.add(envPrelude(d, env));
        PREFLIGHT_COMMANDS.forEach(c -> lines.add(commandCheck(c)));
        lines.add("wallaby_hires --version >/dev/null");
        String root = ShellQuote.quote(SessionPaths.root(d.dlgRoot()));
        lines.add("test -d " + root + " && test -w " + root
                + " || { echo 'DLG_ROOT is not a writable directory' >&2; exit 73; }");
        lines.add("python3 -c 'import dlg.deploy.create_dlg_job; import wallaby_hires'");
        if (needsSif(d)) {
            lines.add(commandCheck("singularity"));
            lines.add("test -f \"$BEAMPIPE_ASKAPSOFT_SIF\" && test -r \"$BEAMPIPE_ASKAPSOFT_SIF\" || "
                    + "{ echo 'BEAMPIPE_ASKAPSOFT_SIF is not a readable regular file' >&2; exit 66; }");
        }
        return String.join("\n", lines);
    }

    private static String commandCheck(String c) {
        return "command -v " + c + " >/dev/null 2>&1 || { echo 'missing required command: " + c + "' >&2; exit 127; }";
    }

    public static String bashLc(String script) {
        return "bash -lc " + ShellQuote.quote(script);
    }

    /** Where a job's stdout/stderr are: the session dir (where sbatchArgv points them), else {@code log_dir}. */
    public record LogPaths(String stdout, String stderr) {
    }

    public static LogPaths logPaths(String jobId, String sessionDirOrNull, String logDir) {
        String root = sessionDirOrNull != null ? sessionDirOrNull : logDir;
        return new LogPaths(root + "/slurm-" + jobId + ".out", root + "/slurm-" + jobId + ".err");
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
