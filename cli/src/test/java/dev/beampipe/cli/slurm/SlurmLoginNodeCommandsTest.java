package dev.beampipe.cli.slurm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.cli.CommandRun;
import dev.beampipe.cli.profile.ProfileCommand;
import dev.beampipe.cli.scheduler.SchedulerCommand;
import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.profile.ProfileBinder;
import dev.beampipe.model.profile.ProfileStore;
import dev.beampipe.model.testing.TestDatabase;
import dev.beampipe.simulators.slurm.FakeLoginNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code slurm ping}, {@code slurm credentials check}, {@code profile test} and {@code scheduler status} in-process
 * against the fake login node (MINA SSH server, real bash, fake Slurm commands) and a real PostgreSQL.
 */
class SlurmLoginNodeCommandsTest {
    static final String PASSPHRASE = "planted-Login-Passphrase-31d8";
    static final String SLOT = "setonix-test";

    @TempDir
    static Path tmp;
    static TestDatabase database;
    static FakeLoginNode node;
    static Path root;
    static String privateKeyBody;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.create();
        node = FakeLoginNode.start(FakeLoginNode.Options.in(tmp.resolve("node")));
        root = tmp.resolve("creds");
        Path passphraseFile = tmp.resolve("pp");
        Files.writeString(passphraseFile, PASSPHRASE + "\n");
        CommandRun init = CommandRun.of(new SlurmCommand(baseEnv(), ScriptedPrompter.none()), "credentials", "init", "--slot", SLOT,
                "--dir", root.toString(), "--skip-keyscan", "--passphrase-file", passphraseFile.toString(), "--yes");
        assertThat(init.exit()).as(init.err()).isZero();
        Files.writeString(root.resolve("known_hosts"), node.knownHostsLine() + "\n");
        node.authorize(Files.readString(root.resolve(SLOT).resolve("private_key.pub")).strip());
        privateKeyBody = Files.readString(root.resolve(SLOT).resolve("private_key")).lines().skip(1).findFirst().orElseThrow();
    }

    @AfterAll
    static void stop() {
        node.close();
        database.close();
    }

    static Map<String, String> baseEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", tmp.resolve("home").toString());
        return env;
    }

    static Map<String, String> env() {
        Map<String, String> env = baseEnv();
        env.put("BEAMPIPE_SSH_CREDENTIALS_DIR", root.toString());
        env.put("DATABASE_URL", database.url().toUrlWithSecret());
        env.put("USER", "alice");
        return env;
    }

    static String profile(String deployment) throws Exception {
        String name = "p-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode doc = new ObjectMapper().readTree("{\"name\": \"" + name + "\", \"translation\": {}, \"deployment\": " + deployment + "}");
        new ProfileStore(database.db(), StableJson::sha256).create(ProfileBinder.bind(doc));
        return name;
    }

    static String slurmProfile(String remoteUser) throws Exception {
        return profile("{\"kind\": \"slurm_remote\", \"login_node\": \"127.0.0.1\", \"ssh_port\": " + node.port() + ", "
                + (remoteUser == null ? "" : "\"remote_user\": \"" + remoteUser + "\", ")
                + "\"ssh_credential\": \"" + SLOT + "\", \"account\": \"pawsey0411\", \"home_dir\": \"/home/op\", "
                + "\"log_dir\": \"/scratch/logs\", \"dlg_root\": \"/scratch/dlg\", "
                + "\"resources\": {\"partition\": \"work\", \"wall_time_minutes\": 90}}");
    }

    static CommandRun slurm(Map<String, String> env, String... args) {
        return CommandRun.of(new SlurmCommand(env, ScriptedPrompter.none()), args);
    }

    static void assertNoSecrets(CommandRun r) {
        assertThat(r.out() + r.err()).doesNotContain(PASSPHRASE).doesNotContain(privateKeyBody).doesNotContain("PRIVATE KEY");
    }

    @Test
    void pingWithAProfileLogsInWithTheSlotAndRunsSqueueAndSacct() throws Exception {
        String name = slurmProfile("bob");
        CommandRun r = slurm(env(), "ping", "--profile", name);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.json().get("target").asText()).isEqualTo("bob@127.0.0.1");
        assertThat(r.json().get("transport").asText()).isEqualTo("mina-sshd");
        assertThat(r.json().has("squeue_stdout")).isTrue();
        assertThat(r.json().has("sacct_stdout")).isTrue();
        assertThat(node.commands()).anyMatch(c -> c.contains("squeue -u") && c.contains("head -3"));
        assertNoSecrets(r);
    }

    @Test
    void pingFailsWhenSqueueFailsAndReportsAFailingSacctInItsOutput() throws Exception {
        String name = slurmProfile("bob");
        try {
            node.scenario().squeueControllerDown(1);
            CommandRun down = slurm(env(), "ping", "--profile", name);
            assertThat(down.exit()).isEqualTo(1);
            assertThat(down.out()).isEmpty();
            assertThat(down.err()).contains("remote command failed (exit=1)", "Unable to contact slurm controller");
            assertNoSecrets(down);

            node.scenario().accountingDisabled(true);
            CommandRun noAccounting = slurm(env(), "ping", "--profile", name);
            assertThat(noAccounting.exit()).as(noAccounting.err()).isZero();
            assertThat(noAccounting.json().get("sacct_stdout").asText())
                    .startsWith("(sacct failed: ").contains("Slurm accounting storage is disabled");
            assertNoSecrets(noAccounting);
        } finally {
            node.scenario().clearFaults();
        }
    }

    @Test
    void pingWithFlagsUsesTheGlobalKeyAndTheUserChain() {
        Map<String, String> env = env();
        env.put("SLURM_SSH_PRIVATE_KEY_PATH", root.resolve(SLOT).resolve("private_key").toString());
        env.put("SLURM_SSH_PRIVATE_KEY_PASSPHRASE_FILE", root.resolve(SLOT).resolve("passphrase").toString());
        env.put("SLURM_SSH_KNOWN_HOSTS", root.resolve("known_hosts").toString());
        CommandRun r = slurm(env, "ping", "--host", "127.0.0.1", "--port", Integer.toString(node.port()));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.json().get("target").asText()).isEqualTo("alice@127.0.0.1");
        CommandRun flagged = slurm(env, "ping", "--host", "127.0.0.1", "--port", Integer.toString(node.port()), "--user", "carol");
        assertThat(flagged.json().get("target").asText()).isEqualTo("carol@127.0.0.1");
        assertNoSecrets(r);
    }

    @Test
    void pingRefusesRestProfilesAndMissingUsers() throws Exception {
        String rest = profile("{\"kind\": \"rest_remote\", \"deploy_host\": \"dim.example\"}");
        CommandRun r = slurm(env(), "ping", "--profile", rest);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("profile is not slurm_remote");
        Map<String, String> noUser = env();
        noUser.remove("USER");
        CommandRun nobody = slurm(noUser, "ping", "--profile", slurmProfile(null));
        assertThat(nobody.exit()).isEqualTo(1);
        assertThat(nobody.err()).contains("remote user required");
        CommandRun noHost = slurm(noUser, "ping");
        assertThat(noHost.err()).contains("--host is required without --profile");
    }

    @Test
    void aChangedHostKeyIsReportedClearlyAndExitsNonZero() throws Exception {
        String name = slurmProfile("bob");
        node.restartWithHostKey(tmp.resolve("other_host_key"));
        try {
            CommandRun r = slurm(env(), "ping", "--profile", name);
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).startsWith("Error: ").contains("host key", "[127.0.0.1]:" + node.port(), "SHA256:");
            assertNoSecrets(r);
        } finally {
            node.restartWithHostKey(tmp.resolve("node").resolve("ssh_host_ed25519_key"));
        }
        assertThat(slurm(env(), "ping", "--profile", name).exit()).isZero();
    }

    @Test
    void credentialsCheckDecryptsTheKeyAndPingsTheProfile() throws Exception {
        String name = slurmProfile("bob");
        CommandRun r = slurm(env(), "credentials", "check", "--slot", SLOT, "--profile", name);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.json().get("ok").asBoolean()).isTrue();
        assertThat(r.json().get("passphrase").asBoolean()).isTrue();
        assertThat(r.json().get("ping").get("target").asText()).isEqualTo("bob@127.0.0.1");
        assertNoSecrets(r);

        // a wrong passphrase: the slot is copied with another passphrase file
        Path other = tmp.resolve("wrong-root");
        Files.createDirectories(other.resolve(SLOT));
        Files.copy(root.resolve(SLOT).resolve("private_key"), other.resolve(SLOT).resolve("private_key"));
        Files.setPosixFilePermissions(other.resolve(SLOT).resolve("private_key"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Files.writeString(other.resolve(SLOT).resolve("passphrase"), "not-the-passphrase");
        Files.setPosixFilePermissions(other.resolve(SLOT).resolve("passphrase"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Files.writeString(other.resolve("known_hosts"), node.knownHostsLine() + "\n");
        CommandRun wrong = slurm(env(), "credentials", "check", "--slot", SLOT, "--dir", other.toString());
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.err()).contains("wrong passphrase");
        assertThat(wrong.out() + wrong.err()).doesNotContain("not-the-passphrase");
        assertNoSecrets(wrong);
    }

    @Test
    void profileTestAndSchedulerStatusRunTheConnectivityTestOverSsh() throws Exception {
        String name = slurmProfile("bob");
        CommandRun test = CommandRun.of(new ProfileCommand(env()), "test", name);
        assertThat(test.exit()).as(test.err()).isZero();
        assertThat(test.json().get("profile").asText()).isEqualTo(name);
        assertThat(test.json().get("connectivity").get("commands").get("sbatch").asBoolean()).isTrue();
        assertThat(test.json().get("connectivity").get("authenticated").asBoolean()).isTrue();
        assertThat(test.json().get("resource_request").get("account").asText()).isEqualTo("pawsey0411");
        assertNoSecrets(test);

        CommandRun status = CommandRun.of(new SchedulerCommand(env()), "status", "--profile", name);
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.json().get("connectivity").get("missing")).isEmpty();
        assertThat(status.json().get("queue").has("counts")).isTrue();
        assertThat(status.json().get("capacity").get("total_nodes").asLong()).isPositive();
        assertThat(status.json().get("sbatch_directives").get(0).asText()).isEqualTo("#SBATCH --account=pawsey0411");
        assertNoSecrets(status);

        String rest = profile("{\"kind\": \"rest_remote\", \"deploy_host\": \"dim.example\"}");
        CommandRun refused = CommandRun.of(new SchedulerCommand(env()), "status", "--profile", rest);
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("profile is not slurm_remote");
    }

    @Test
    void anUnauthorizedKeyIsAnAuthenticationError() throws Exception {
        Path other = tmp.resolve("unauthorized");
        CommandRun init = CommandRun.of(new SlurmCommand(baseEnv(), ScriptedPrompter.none()), "credentials", "init", "--slot", SLOT,
                "--dir", other.toString(), "--skip-keyscan", "--no-passphrase");
        assertThat(init.exit()).isZero();
        Files.writeString(other.resolve("known_hosts"), node.knownHostsLine() + "\n");
        Map<String, String> env = env();
        env.put("BEAMPIPE_SSH_CREDENTIALS_DIR", other.toString());
        CommandRun r = slurm(env, "ping", "--profile", slurmProfile("bob"));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("authentication failed");
    }
}
