package dev.beampipe.simulators.slurm;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scripts the fake login node: the fates of the next submitted jobs (queued, first in first out; unqueued jobs
 * get {@link #defaultFate}), faults of the fake commands (counted: {@code times} calls, -1 = until cleared) and
 * faults at the SSH level (by regex on the exec'd command line).
 */
public final class SlurmScenario {

    private final FakeSlurmAdmin admin;
    private final SshFaults sshFaults;

    SlurmScenario(FakeSlurmAdmin admin, SshFaults sshFaults) {
        this.admin = admin;
        this.sshFaults = sshFaults;
    }

    // ------------------------------------------------------------------------------------------ job fates

    /** Queues the fate of the next submitted job. */
    public SlurmScenario nextJob(JobFate fate) {
        admin.run(op("queue_fate", "fate", fate.toJson()));
        return this;
    }

    public SlurmScenario defaultFate(JobFate fate) {
        admin.run(op("default_fate", "fate", fate.toJson()));
        return this;
    }

    public SlurmScenario completeAfter(Duration pending, Duration running) {
        return nextJob(JobFate.completeAfter(pending, running));
    }

    /** Next job: 1 s pending, 2 s running, then FAILED with {@code exit:0}. */
    public SlurmScenario failWith(int exit) {
        return nextJob(JobFate.defaults().failingWith(exit));
    }

    /** Next job: 1 s pending, 2 s running, then TIMEOUT (the .batch step CANCELLED 0:15). */
    public SlurmScenario timeout() {
        return nextJob(JobFate.defaults().endingIn("TIMEOUT"));
    }

    /**
     * Next job: 1 s pending, then a final state ({@code OUT_OF_MEMORY}, {@code NODE_FAIL}, … after 2 s running) or
     * a live raw state held until cancelled ({@code SUSPENDED}, {@code PENDING+REQUEUE_HOLD}, {@code REQUEUED} …).
     */
    public SlurmScenario state(String rawState) {
        return nextJob(JobFate.defaults().endingIn(rawState));
    }

    /** Next job pends for {@code wait} with squeue reason {@code reason} (e.g. {@code Priority}), then completes. */
    public SlurmScenario pendingFor(Duration wait, String reason) {
        return nextJob(JobFate.completeAfter(wait, Duration.ofSeconds(2)).pendingReason(reason));
    }

    /** Moves the fake controller's clock forward (job fates are computed from it). */
    public SlurmScenario advance(Duration by) {
        admin.run(op("advance", "seconds", by.toMillis() / 1000.0));
        return this;
    }

    /** How long a finished job stays known to squeue/scontrol (real default 300 s). */
    public SlurmScenario minJobAge(Duration age) {
        return config("min_job_age", age.toMillis() / 1000.0);
    }

    /** Partitions sbatch accepts (the first is the default). */
    public SlurmScenario partitions(String... names) {
        config("default_partition", names[0]);
        return config("partitions", List.of(names));
    }

    /** Accounts sbatch accepts (association enforcement); by default any account is accepted. */
    public SlurmScenario accounts(String... names) {
        return config("accounts", List.of(names));
    }

    /** QOS names sbatch accepts when {@code --qos} is given; by default any. */
    public SlurmScenario qos(String... names) {
        return config("qos", List.of(names));
    }

    /** {@code sinfo --version} text (default {@code slurm-wlm 22.05.8}). */
    public SlurmScenario version(String text) {
        return config("version", text);
    }

    // -------------------------------------------------------------------------------- faults of the commands

    /** Lines every sbatch prints before its receipt (module/banner noise). */
    public SlurmScenario sbatchBanner(String... lines) {
        return config("banner", Arrays.asList(lines));
    }

    /** Every {@code --parsable} receipt gets {@code ;cluster}; null removes it. */
    public SlurmScenario sbatchClusterSuffix(String cluster) {
        return config("cluster", cluster);
    }

    /** The next sbatch creates its job but prints {@code text} instead of a receipt. */
    public SlurmScenario sbatchInvalidReceipt(String text) {
        return commandFault("receipt", 1, Map.of("mode", "invalid", "text", text));
    }

    /** The next sbatch creates its job and prints its receipt twice. */
    public SlurmScenario sbatchDuplicatedReceipt() {
        return commandFault("receipt", 1, Map.of("mode", "duplicate"));
    }

    /** The next {@code times} sbatch calls fail with these stderr lines and exit 1 (e.g. a QOS or time-limit error). */
    public SlurmScenario sbatchFails(int times, String... stderrLines) {
        return commandFault("sbatch_error", times, Map.of("stderr", List.of(stderrLines)));
    }

    /** The next {@code times} squeue calls: {@code Unable to contact slurm controller (connect failure)}, exit 1. */
    public SlurmScenario squeueControllerDown(int times) {
        return commandFault("controller_down", times, Map.of());
    }

    /** sacct answers {@code Slurm accounting storage is disabled}, exit 1 ({@code false} restores it). */
    public SlurmScenario accountingDisabled(boolean disabled) {
        return commandFault("accounting_disabled", disabled ? -1 : 0, Map.of());
    }

    // ----------------------------------------------------------------------------------- SSH-level faults

    /** Commands matching {@code regex} run and send their output, but never an exit status. */
    public SlurmScenario noExitStatus(String regex) {
        sshFaults.add(SshFaults.Kind.NO_EXIT_STATUS, regex, Duration.ZERO);
        return this;
    }

    /** The connection drops right after a command matching {@code regex} is read; it does not run. */
    public SlurmScenario dropConnectionOn(String regex) {
        sshFaults.add(SshFaults.Kind.DROP_BEFORE_RUN, regex, Duration.ZERO);
        return this;
    }

    /** A command matching {@code regex} runs to its end, then the connection drops before its exit status. */
    public SlurmScenario dropConnectionAfterRunning(String regex) {
        sshFaults.add(SshFaults.Kind.DROP_AFTER_RUN, regex, Duration.ZERO);
        return this;
    }

    /** Commands matching {@code regex} start only after {@code delay}. */
    public SlurmScenario slowCommand(String regex, Duration delay) {
        sshFaults.add(SshFaults.Kind.DELAY, regex, delay);
        return this;
    }

    /** Removes every fault (SSH-level and command-level); fates and jobs stay. */
    public SlurmScenario clearFaults() {
        sshFaults.clear();
        admin.run(Map.of("op", "clear_faults"));
        return this;
    }

    // ---------------------------------------------------------------------------------------- inspection

    @SuppressWarnings("unchecked")
    public List<SubmittedJob> jobs() {
        Map<String, Object> dump = admin.run(Map.of("op", "dump"));
        return ((List<Object>) dump.get("jobs")).stream()
                .map(j -> SubmittedJob.fromJson((Map<String, Object>) j)).toList();
    }

    /** The fake controller's whole state (jobs, queued fates, faults, config) as JSON-shaped maps. */
    public Map<String, Object> dump() {
        Map<String, Object> dump = new LinkedHashMap<>(admin.run(Map.of("op", "dump")));
        dump.put("ssh_faults", sshFaults.all().stream()
                .map(f -> Map.of("kind", f.kind().name().toLowerCase(java.util.Locale.ROOT),
                        "pattern", f.pattern().pattern(), "delay_ms", f.delay().toMillis()))
                .toList());
        return dump;
    }

    @SuppressWarnings("unchecked")
    boolean cancel(String id, int uid) {
        Map<String, Object> answer = admin.run(Map.of("op", "cancel", "id", id, "uid", uid));
        return !((List<Object>) answer.get("cancelled")).isEmpty();
    }

    Map<String, Object> raw(Map<String, Object> operation) {
        return admin.run(operation);
    }

    private SlurmScenario config(String key, Object value) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(key, value);
        admin.run(op("config", "config", config));
        return this;
    }

    private SlurmScenario commandFault(String name, int times, Map<String, Object> detail) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("op", "fault");
        op.put("name", name);
        op.put("count", times);
        op.put("detail", detail);
        admin.run(op);
        return this;
    }

    private static Map<String, Object> op(String kind, String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("op", kind);
        m.put(key, value);
        return m;
    }
}
