package dev.beampipe.simulators.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fake login node through a real MINA SSH client and a real bash: outputs as real Slurm 22.05.8 prints them. */
class FakeLoginNodeTest {

    @TempDir
    static Path dir;
    static FakeLoginNode node;
    static SshTestClient ssh;

    @BeforeAll
    static void start() throws IOException {
        node = FakeLoginNode.start(FakeLoginNode.Options.in(dir.resolve("node")));
        ssh = new SshTestClient(node.hostPublicKey());
        node.authorize(ssh.publicKeyLine());
        Files.writeString(node.home().resolve("job.sh"),
                "#!/bin/bash --login\n#SBATCH --job-name=from-script\n#SBATCH --nodes=2\necho hi\n");
    }

    @AfterAll
    static void stop() {
        ssh.close();
        node.close();
    }

    @AfterEach
    void clearFaults() {
        node.scenario().clearFaults().minJobAge(Duration.ofSeconds(300)).sbatchBanner().sbatchClusterSuffix(null);
    }

    private static SshTestClient.Result run(String command) throws IOException {
        return ssh.exec(node, command);
    }

    private static String submit(String name) throws IOException {
        SshTestClient.Result r = run("sbatch --parsable --job-name=" + name + " --account=science --time=00:30:00 job.sh");
        assertThat(r.exitStatus()).as(r.stderr()).isZero();
        assertThat(r.stdout()).matches("\\d+\\n");
        return r.stdout().strip();
    }

    private static String sid() {
        return "sid-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void known_hosts_line_is_the_bracketed_loopback_form_with_the_ed25519_key() {
        assertThat(node.knownHostsLine()).matches("\\[127\\.0\\.0\\.1]:" + node.port() + " ssh-ed25519 AAAA[A-Za-z0-9+/=]+");
    }

    @Test
    void the_host_key_file_is_reused_so_known_hosts_stays_valid_across_restarts() {
        try (FakeLoginNode again = FakeLoginNode.start(FakeLoginNode.Options.in(dir.resolve("again"))
                .withHostKey(dir.resolve("node/ssh_host_ed25519_key")))) {
            assertThat(again.knownHostsLine().split(" ", 2)[1]).isEqualTo(node.knownHostsLine().split(" ", 2)[1]);
        }
    }

    @Test
    void exec_returns_stdout_stderr_and_the_exit_status_of_a_real_bash() throws IOException {
        SshTestClient.Result r = run("echo out; echo err >&2; x='a b'; echo \"$x\" $USER $HOME; exit 3");
        assertThat(r.exitStatus()).isEqualTo(3);
        assertThat(r.stdout()).isEqualTo("out\na b alice " + node.home() + "\n");
        assertThat(r.stderr()).isEqualTo("err\n");
    }

    @Test
    void stdin_is_passed_through_for_uploads() throws IOException {
        Path target = node.home().resolve("up/file.txt");
        Files.createDirectories(target.getParent());
        SshTestClient.Result r = ssh.exec(node, "umask 077 && tee '" + target + "' >/dev/null",
                "line 1\nit's\n".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(20));
        assertThat(r.exitStatus()).isZero();
        assertThat(Files.readString(target)).isEqualTo("line 1\nit's\n");
        assertThat(node.commands()).contains("umask 077 && tee '" + target + "' >/dev/null");
    }

    @Test
    void a_login_shell_finds_the_fake_tools_first_and_the_preflight_passes() throws IOException {
        SshTestClient.Result r = run("bash -lc 'for c in sbatch squeue sacct scancel scontrol srun python3 wallaby_hires "
                + "singularity; do command -v $c >/dev/null 2>&1 || { echo \"missing required command: $c\" >&2; exit 127; }; done\n"
                + "command -v sbatch\nwallaby_hires --version\n"
                + "python3 -c '\"'\"'import dlg.deploy.create_dlg_job; import wallaby_hires'\"'\"'\n"
                + "test -d \"$HOME\" && test -w \"$HOME\"'");
        assertThat(r.exitStatus()).as(r.stderr()).isZero();
        assertThat(r.stdout()).isEqualTo(node.tools().slurmBin().resolve("sbatch") + "\nwallaby_hires 0.0.0+beampipe.fake\n");
    }

    @Test
    void an_unauthorized_or_revoked_key_is_refused() throws IOException {
        try (SshTestClient stranger = new SshTestClient(node.hostPublicKey())) {
            assertThatThrownBy(() -> stranger.exec(node, "true")).isInstanceOf(Exception.class);
            node.authorize(stranger.publicKeyLine());
            assertThat(stranger.exec(node, "true").exitStatus()).isZero();
            node.revoke(stranger.publicKeyLine());
            stranger.forgetSessions();   // a revoked key does not end established sessions, as with sshd
            assertThatThrownBy(() -> stranger.exec(node, "true")).isInstanceOf(Exception.class);
        }
    }

    @Test
    void a_restart_with_another_host_key_fails_a_client_pinned_to_the_old_one() throws IOException {
        try (FakeLoginNode other = FakeLoginNode.start(FakeLoginNode.Options.in(dir.resolve("rekey")));
             SshTestClient client = new SshTestClient(null)) {
            client.expectHostKey(other.hostPublicKey());
            other.authorize(client.publicKeyLine());
            String before = other.knownHostsLine();
            int port = other.port();
            assertThat(client.exec(other, "true").exitStatus()).isZero();
            other.restartWithHostKey(dir.resolve("rekey/other_host_key"));
            client.forgetSessions();
            assertThat(other.port()).isEqualTo(port);
            assertThat(other.knownHostsLine()).isNotEqualTo(before);
            assertThatThrownBy(() -> client.exec(other, "true")).isInstanceOf(Exception.class);
        }
    }

    @Test
    void sbatch_parsable_prints_the_id_and_records_what_it_received() throws IOException {
        String sid = sid();
        SshTestClient.Result r = run("bash -lc 'export BEAMPIPE_SLURM_ACCOUNT=science WALLABY_HIRES_STAGING_ROOT=/tmp/stg\n"
                + "sbatch --export=BEAMPIPE_SLURM_ACCOUNT,WALLABY_HIRES_STAGING_ROOT --parsable --job-name=" + sid
                + " --account=science --nodes=1 --time=02:05:00 --partition=debug --mem=4G --qos=normal job.sh'");
        assertThat(r.exitStatus()).as(r.stderr()).isZero();
        assertThat(r.stdout()).matches("\\d+\\n");
        assertThat(r.stderr()).isEmpty();
        SubmittedJob job = node.jobs().stream().filter(j -> j.id().equals(r.stdout().strip())).findFirst().orElseThrow();
        assertThat(job.name()).isEqualTo(sid);
        assertThat(job.account()).isEqualTo("science");
        assertThat(job.time()).isEqualTo("02:05:00");
        assertThat(job.partition()).isEqualTo("debug");
        assertThat(job.nodes()).isEqualTo("1");
        assertThat(job.mem()).isEqualTo("4G");
        assertThat(job.export()).isEqualTo("BEAMPIPE_SLURM_ACCOUNT,WALLABY_HIRES_STAGING_ROOT");
        assertThat(job.exported()).containsEntry("WALLABY_HIRES_STAGING_ROOT", "/tmp/stg").containsEntry("BEAMPIPE_SLURM_ACCOUNT", "science");
        assertThat(job.script()).isEqualTo(node.home().resolve("job.sh").toString());
        assertThat(job.user()).isEqualTo("alice");
    }

    @Test
    void sbatch_without_parsable_and_script_directives() throws IOException {
        SshTestClient.Result r = run("sbatch job.sh");
        assertThat(r.stdout()).matches("Submitted batch job \\d+\\n");
        String id = r.stdout().strip().substring("Submitted batch job ".length());
        SubmittedJob job = node.jobs().stream().filter(j -> j.id().equals(id)).findFirst().orElseThrow();
        assertThat(job.name()).isEqualTo("from-script");
        assertThat(job.nodes()).isEqualTo("2");
    }

    @Test
    void sbatch_rejects_an_unknown_partition_or_account_with_the_real_texts() throws IOException {
        int before = node.jobs().size();
        SshTestClient.Result r = run("sbatch --parsable --partition=nosuch job.sh");
        assertThat(r.exitStatus()).isEqualTo(1);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEqualTo("sbatch: error: invalid partition specified: nosuch\n"
                + "sbatch: error: Batch job submission failed: Invalid partition name specified\n");
        node.scenario().accounts("science");
        try {
            SshTestClient.Result a = run("sbatch --parsable --account=nope job.sh");
            assertThat(a.exitStatus()).isEqualTo(1);
            assertThat(a.stderr()).isEqualTo("sbatch: error: Batch job submission failed: "
                    + "Invalid account or account/partition combination specified\n");
        } finally {
            node.scenario().raw(java.util.Map.of("op", "config", "config", new java.util.HashMap<>(java.util.Collections.singletonMap("accounts", null))));
        }
        SshTestClient.Result t = run("sbatch --parsable --time=soon job.sh");
        assertThat(t.stderr()).isEqualTo("sbatch: error: Invalid --time specification\n");
        assertThat(node.jobs()).hasSize(before);
    }

    @Test
    void sbatch_receipt_faults_banner_cluster_invalid_duplicated() throws IOException {
        node.scenario().sbatchBanner("Loading module foo", "").sbatchClusterSuffix("setonix");
        SshTestClient.Result banner = run("sbatch --parsable job.sh");
        assertThat(banner.stdout()).matches("Loading module foo\\n\\n\\d+;setonix\\n");
        node.scenario().sbatchBanner().sbatchClusterSuffix(null).sbatchInvalidReceipt("Submitted batch job ?");
        int before = node.jobs().size();
        SshTestClient.Result invalid = run("sbatch --parsable job.sh");
        assertThat(invalid.exitStatus()).isZero();
        assertThat(invalid.stdout()).isEqualTo("Submitted batch job ?\n");
        assertThat(node.jobs()).hasSize(before + 1);
        node.scenario().sbatchDuplicatedReceipt();
        SshTestClient.Result dup = run("sbatch --parsable job.sh");
        assertThat(dup.stdout()).matches("(\\d+)\\n\\1\\n");
        assertThat(run("sbatch --parsable job.sh").stdout()).matches("\\d+\\n");
        node.scenario().sbatchFails(1, "sbatch: error: Batch job submission failed: Invalid qos specification");
        SshTestClient.Result qos = run("sbatch --parsable job.sh");
        assertThat(qos.exitStatus()).isEqualTo(1);
        assertThat(qos.stderr()).isEqualTo("sbatch: error: Batch job submission failed: Invalid qos specification\n");
    }

    @Test
    void a_job_goes_pending_running_completed_and_vanishes_from_squeue_at_once() throws IOException {
        node.scenario().nextJob(JobFate.completeAfter(Duration.ofSeconds(100), Duration.ofSeconds(100)).pendingReason("Priority"));
        String sid = sid();
        String id = submit(sid);
        assertThat(run("squeue -h --jobs=" + id + " -o '%i|%T|%R'").stdout()).isEqualTo(id + "|PENDING|(Priority)\n");
        assertThat(run("squeue -h -j " + id + " -o '%t|%r|%P|%M|%l'").stdout()).isEqualTo("PD|Priority|debug|0:00|30:00\n");
        assertThat(run("sacct -j " + id + " --format=JobID,State,ExitCode -P -n").stdout()).isEqualTo(id + "|PENDING|0:0\n");
        node.scenario().advance(Duration.ofSeconds(100));
        assertThat(run("squeue -h --jobs=" + id + " -o '%i|%T|%R'").stdout()).isEqualTo(id + "|RUNNING|node01\n");
        assertThat(run("sacct -j " + id + " --format=JobID,State,ExitCode -P -n").stdout())
                .isEqualTo(id + "|RUNNING|0:0\n" + id + ".batch|RUNNING|0:0\n" + id + ".extern|RUNNING|0:0\n");
        node.scenario().advance(Duration.ofSeconds(100));
        SshTestClient.Result gone = run("squeue -h --jobs=" + id + " -o '%i|%T|%R'");
        assertThat(gone.exitStatus()).isZero();
        assertThat(gone.stdout()).isEmpty();
        assertThat(run("squeue -h -t all --jobs=" + id + " -o '%i|%j|%T|%r'").stdout()).isEqualTo(id + "|" + sid + "|COMPLETED|None\n");
        assertThat(run("sacct -j " + id + " --format=JobID,State,ExitCode -P -n").stdout())
                .isEqualTo(id + "|COMPLETED|0:0\n" + id + ".batch|COMPLETED|0:0\n" + id + ".extern|COMPLETED|0:0\n");
    }

    @Test
    void failed_and_timed_out_jobs_in_squeue_all_and_sacct() throws IOException {
        node.scenario().nextJob(JobFate.completeAfter(Duration.ZERO, Duration.ZERO).failingWith(3))
                .nextJob(JobFate.completeAfter(Duration.ZERO, Duration.ZERO).endingIn("TIMEOUT"));
        String failed = submit(sid());
        String timedOut = submit(sid());
        assertThat(run("sacct -j " + failed + "," + timedOut + " --format=JobID,State,ExitCode -P -n").stdout()).isEqualTo(
                failed + "|FAILED|3:0\n" + failed + ".batch|FAILED|3:0\n" + failed + ".extern|COMPLETED|0:0\n"
                        + timedOut + "|TIMEOUT|0:0\n" + timedOut + ".batch|CANCELLED|0:15\n" + timedOut + ".extern|COMPLETED|0:0\n");
        assertThat(run("squeue -h -t all -j " + failed + "," + timedOut + " -o '%T|%r|%R'").stdout())
                .isEqualTo("FAILED|NonZeroExitCode|(NonZeroExitCode)\nTIMEOUT|TimeLimit|(TimeLimit)\n");
        assertThat(run("scontrol show job " + failed).stdout()).contains("JobState=FAILED Reason=NonZeroExitCode").contains("ExitCode=3:0");
    }

    @Test
    void scancel_exits_zero_for_anything_and_cancels_live_jobs() throws IOException {
        node.scenario().nextJob(JobFate.completeAfter(Duration.ZERO, Duration.ofSeconds(1000)))
                .nextJob(JobFate.completeAfter(Duration.ofSeconds(1000), Duration.ofSeconds(1000)));
        String running = submit(sid());
        String pending = submit(sid());
        for (String id : new String[] {running, pending, "999999"}) {
            SshTestClient.Result r = run("scancel -- " + id);
            assertThat(r.exitStatus()).isZero();
            assertThat(r.stdout() + r.stderr()).isEmpty();
        }
        String uid = run("id -u").stdout().strip();
        assertThat(run("sacct -j " + running + "," + pending + " --format=JobID,State,ExitCode -P -n").stdout()).isEqualTo(
                running + "|CANCELLED by " + uid + "|0:0\n" + running + ".batch|CANCELLED|0:15\n" + running + ".extern|COMPLETED|0:0\n"
                        + pending + "|CANCELLED by " + uid + "|0:0\n");
        assertThat(run("squeue -h -t all --jobs=" + running + " -o '%T'").stdout()).isEqualTo("CANCELLED\n");
    }

    @Test
    void an_operator_cancel_outside_beampipe_shows_cancelled_by_0() throws IOException {
        node.scenario().nextJob(JobFate.completeAfter(Duration.ZERO, Duration.ofSeconds(1000)));
        String id = submit(sid());
        assertThat(node.cancelJob(id)).isTrue();
        assertThat(node.cancelJob(id)).isFalse();
        assertThat(run("sacct -X -j " + id + " --format=JobID,State,ExitCode -P -n").stdout()).isEqualTo(id + "|CANCELLED by 0|0:0\n");
    }

    @Test
    void squeue_unknown_ids_fail_but_a_mixed_list_answers_known_rows() throws IOException {
        node.scenario().nextJob(JobFate.completeAfter(Duration.ofSeconds(1000), Duration.ofSeconds(1)));
        String id = submit(sid());
        SshTestClient.Result unknown = run("squeue -h --jobs=999998 -o '%i|%T|%R'");
        assertThat(unknown.exitStatus()).isEqualTo(1);
        assertThat(unknown.stdout()).isEmpty();
        assertThat(unknown.stderr()).isEqualTo("slurm_load_jobs error: Invalid job id specified\n");
        SshTestClient.Result mixed = run("squeue -h --jobs=999998," + id + " -o '%i|%T|%R'");
        assertThat(mixed.exitStatus()).isZero();
        assertThat(mixed.stdout()).isEqualTo(id + "|PENDING|(None)\n");
        assertThat(mixed.stderr()).isEmpty();
        assertThat(run("sacct -j 999998 --format=JobID,State,ExitCode -P -n")).isEqualTo(new SshTestClient.Result(0, "", "", true));
    }

    @Test
    void a_finished_job_is_purged_after_min_job_age() throws IOException {
        node.scenario().minJobAge(Duration.ofSeconds(60)).nextJob(JobFate.completeAfter(Duration.ZERO, Duration.ZERO));
        String id = submit(sid());
        assertThat(run("squeue -h --jobs=" + id + " -o '%i'").exitStatus()).isZero();
        node.scenario().advance(Duration.ofSeconds(61));
        SshTestClient.Result purged = run("squeue -h --jobs=" + id + " -o '%i'");
        assertThat(purged.exitStatus()).isEqualTo(1);
        assertThat(purged.stderr()).isEqualTo("slurm_load_jobs error: Invalid job id specified\n");
        assertThat(run("sacct -X -j " + id + " --format=JobID,State -P -n").stdout()).isEqualTo(id + "|COMPLETED\n");
    }

    @Test
    void the_unquoted_reference_squeue_format_breaks_in_a_real_shell() throws IOException {
        SshTestClient.Result r = run("bash -lc 'squeue -h -j 1 -o %i|%T|%R'");
        assertThat(r.exitStatus()).isEqualTo(127);
        assertThat(r.stderr()).contains("%T: command not found");
    }

    @Test
    void controller_down_and_accounting_disabled_faults() throws IOException {
        node.scenario().squeueControllerDown(1).accountingDisabled(true);
        SshTestClient.Result down = run("squeue -h --jobs=1 -o '%i|%T|%R'");
        assertThat(down.exitStatus()).isEqualTo(1);
        assertThat(down.stderr()).isEqualTo("slurm_load_jobs error: Unable to contact slurm controller (connect failure)\n");
        assertThat(run("squeue -h -o '%i'").exitStatus()).isZero();
        SshTestClient.Result acct = run("sacct -j 1 --format=JobID,State,ExitCode -P -n");
        assertThat(acct.exitStatus()).isEqualTo(1);
        assertThat(acct.stderr()).isEqualTo("Slurm accounting storage is disabled\n");
        node.scenario().accountingDisabled(false);
        assertThat(run("sacct -j 1 --format=JobID,State,ExitCode -P -n").exitStatus()).isZero();
    }

    @Test
    void name_lookup_commands_of_the_reconciliation() throws IOException {
        node.scenario().nextJob(JobFate.completeAfter(Duration.ofSeconds(1000), Duration.ofSeconds(1)).pendingReason("Resources"))
                .nextJob(JobFate.completeAfter(Duration.ZERO, Duration.ZERO).failingWith(2));
        String sid = sid();
        String pending = submit(sid);
        String failed = submit(sid);
        submit(sid());
        String since = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC)
                .format(Instant.now().minusSeconds(3600));
        assertThat(run("squeue -h --name='" + sid + "' -o '%i|%j|%T|%R'").stdout()).isEqualTo(pending + "|" + sid + "|PENDING|(Resources)\n");
        assertThat(run("TZ=UTC sacct -n -X --name='" + sid + "' --starttime='" + since + "' -o 'JobIDRaw,JobName,State,Reason' -P").stdout())
                .isEqualTo(pending + "|" + sid + "|PENDING|Resources\n" + failed + "|" + sid + "|FAILED|NonZeroExitCode\n");
        String future = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC)
                .format(Instant.now().plusSeconds(3600));
        assertThat(run("TZ=UTC sacct -n -X --name='" + sid + "' --starttime='" + future + "' -o 'JobIDRaw,JobName,State,Reason' -P").stdout())
                .isEqualTo(pending + "|" + sid + "|PENDING|Resources\n");
    }

    @Test
    void exotic_states_out_of_memory_held_and_stale_accounting() throws IOException {
        node.scenario().nextJob(JobFate.completeAfter(Duration.ZERO, Duration.ZERO).endingIn("OUT_OF_MEMORY"))
                .nextJob(JobFate.completeAfter(Duration.ZERO, Duration.ZERO).endingIn("PENDING+REQUEUE_HOLD"))
                .nextJob(JobFate.completeAfter(Duration.ZERO, Duration.ZERO).accountingLag("stale_running", Duration.ofSeconds(100)))
                .nextJob(JobFate.completeAfter(Duration.ZERO, Duration.ZERO).accountingLag("missing", Duration.ofSeconds(100)));
        String oom = submit(sid());
        String held = submit(sid());
        String stale = submit(sid());
        String missing = submit(sid());
        assertThat(run("sacct -j " + oom + "," + stale + "," + missing + " --format=JobID,State,ExitCode -P -n").stdout()).isEqualTo(
                oom + "|OUT_OF_MEMORY|0:125\n" + oom + ".batch|OUT_OF_MEMORY|0:125\n" + oom + ".extern|COMPLETED|0:0\n"
                        + stale + "|RUNNING|0:0\n" + stale + ".batch|COMPLETED|0:0\n" + stale + ".extern|RUNNING|0:0\n");
        assertThat(run("squeue -h --jobs=" + held + " -o '%i|%T|%t'").stdout()).isEqualTo(held + "|PENDING+REQUEUE_HOLD|PD+RH\n");
        assertThat(node.cancelJob(held)).isTrue();
        assertThat(run("sacct -j " + held + " --format=JobID,State,ExitCode -P -n").stdout()).isEqualTo(held + "|CANCELLED by 0|0:0\n");
        node.scenario().advance(Duration.ofSeconds(101));
        assertThat(run("sacct -X -j " + stale + "," + missing + " --format=JobID,State -P -n").stdout())
                .isEqualTo(stale + "|COMPLETED\n" + missing + "|COMPLETED\n");
    }

    @Test
    void sinfo_and_the_queue_and_ping_commands() throws IOException {
        assertThat(run("sinfo --version").stdout()).isEqualTo("slurm-wlm 22.05.8\n");
        assertThat(run("sinfo -h -o '%P|%D|%t'").stdout()).isEqualTo("debug*|1|mix\n");
        node.scenario().nextJob(JobFate.completeAfter(Duration.ofSeconds(1000), Duration.ZERO));
        submit(sid());
        assertThat(run("squeue -h -u \"$USER\" -o '%T|%P'").stdout()).contains("PENDING|debug\n");
        SshTestClient.Result ping = run("squeue -u $USER -h | head -3");
        assertThat(ping.exitStatus()).isZero();
        assertThat(ping.stdout()).containsPattern("\\s+\\d+\\s+debug\\s+sid-\\S*\\s+alice\\s+PD\\s+0:00\\s+\\d+\\s+\\(None\\)");
        assertThat(run("sacct -u $USER --format=JobID,State --noheader | head -3").exitStatus()).isZero();
    }

    @Test
    void no_exit_status_fault_leaves_the_channel_without_a_status() throws IOException {
        node.scenario().noExitStatus("^echo never");
        SshTestClient.Result r = ssh.exec(node, "echo never", null, Duration.ofSeconds(2));
        assertThat(r.exitStatus()).isNull();
        assertThat(r.closed()).isFalse();
        assertThat(r.stdout()).isEqualTo("never\n");
    }

    @Test
    void a_connection_dropped_before_sbatch_runs_creates_no_job_and_after_it_runs_the_job_exists() throws IOException {
        int before = node.jobs().size();
        node.scenario().dropConnectionOn("sbatch .*--job-name=dropped-before");
        SshTestClient.Result first = ssh.exec(node, "sbatch --parsable --job-name=dropped-before job.sh", null, Duration.ofSeconds(10));
        assertThat(first.exitStatus()).isNull();
        assertThat(first.closed()).isTrue();
        assertThat(node.jobs()).hasSize(before);
        node.scenario().dropConnectionAfterRunning("sbatch .*--job-name=dropped-after");
        SshTestClient.Result second = ssh.exec(node, "sbatch --parsable --job-name=dropped-after job.sh", null, Duration.ofSeconds(10));
        assertThat(second.exitStatus()).isNull();
        assertThat(second.closed()).isTrue();
        assertThat(node.jobs()).hasSize(before + 1);
        assertThat(node.jobs().get(before).name()).isEqualTo("dropped-after");
        assertThat(node.commands()).contains("sbatch --parsable --job-name=dropped-before job.sh");
    }

    @Test
    void a_slow_command_still_answers_once_its_delay_is_over() throws IOException {
        node.scenario().slowCommand("^echo slow", Duration.ofMillis(300));
        SshTestClient.Result r = run("echo slow");
        assertThat(r.exitStatus()).isZero();
        assertThat(r.stdout()).isEqualTo("slow\n");
    }
}
