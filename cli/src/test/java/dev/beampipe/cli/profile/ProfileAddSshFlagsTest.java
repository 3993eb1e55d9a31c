package dev.beampipe.cli.profile;

import dev.beampipe.cli.CommandRun;
import dev.beampipe.cli.slurm.Ed25519Keys;
import dev.beampipe.cli.slurm.SlotFiles;
import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.profile.ProfileStore;
import dev.beampipe.model.profile.SlurmRemoteDeployment;
import dev.beampipe.model.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code profile add --ssh-slot/--ssh-private-key …}: the slot is assigned and the key imported; bad input changes nothing. */
class ProfileAddSshFlagsTest {
    static final String PASSPHRASE = "planted-profile-add-passphrase-55e0";
    static TestDatabase database;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        database = TestDatabase.create();
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", database.url().toUrlWithSecret());
        env.put("BEAMPIPE_SSH_CREDENTIALS_DIR", tmp.resolve("creds").toString());
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        return env;
    }

    Path profileFile(String name, String kind) throws Exception {
        Path file = tmp.resolve(name + ".yaml");
        Files.writeString(file, kind.equals("slurm_remote")
                ? "name: " + name + "\ntranslation: {}\ndeployment:\n  kind: slurm_remote\n  login_node: setonix.example\n  account: a\n"
                + "  home_dir: /h\n  log_dir: /l\n  dlg_root: /d\n"
                : "name: " + name + "\ntranslation: {}\ndeployment:\n  kind: rest_remote\n  deploy_host: dim.example\n");
        return file;
    }

    @Test
    void assignsTheSlotAndImportsTheKey() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Ed25519Keys key = Ed25519Keys.generate("op@laptop", Optional.of(PASSPHRASE));
        Files.write(src.resolve("id"), key.privateKeyFile());
        Files.writeString(src.resolve("id.pub"), key.publicKeyLine() + "\n");
        Files.writeString(src.resolve("pp"), PASSPHRASE);
        Files.writeString(src.resolve("kh"), knownHostsLine() + "\n");
        String name = "slurm-" + UUID.randomUUID().toString().substring(0, 8);
        CommandRun r = CommandRun.of(new ProfileCommand(env()), "add", "-f", profileFile(name, "slurm_remote").toString(),
                "--ssh-slot", "setonix", "--ssh-private-key", src.resolve("id").toString(), "--ssh-passphrase-file", src.resolve("pp").toString(),
                "--ssh-known-hosts", src.resolve("kh").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("Imported SSH credential slot 'setonix'");
        assertThat(r.json().toString()).contains("\"ssh_credential\":\"setonix\"");
        Path slot = tmp.resolve("creds/setonix");
        assertThat(SlotFiles.mode(slot.resolve("private_key"))).contains("0600");
        assertThat(SlotFiles.mode(slot.resolve("passphrase"))).contains("0600");
        assertThat(SlotFiles.mode(slot.resolve("known_hosts"))).contains("0644");
        assertThat(((SlurmRemoteDeployment) new ProfileStore(database.db(), StableJson::sha256).byName(name).orElseThrow()
                .profile().deployment()).sshCredential()).isEqualTo("setonix");
        assertThat(r.out() + r.err()).doesNotContain(PASSPHRASE).doesNotContain("PRIVATE KEY");
    }

    static String knownHostsLine() {
        return "setonix.example " + Ed25519Keys.generate("host", Optional.empty()).publicKeyLine().replaceFirst(" host$", "");
    }

    @Test
    void forceReplacesTheSlotWithoutTheOldKeysPublicKeyAndPassphrase() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Ed25519Keys old = Ed25519Keys.generate("op@laptop", Optional.of(PASSPHRASE));
        Files.write(src.resolve("old"), old.privateKeyFile());
        Files.writeString(src.resolve("old.pub"), old.publicKeyLine() + "\n");
        Files.writeString(src.resolve("pp"), PASSPHRASE);
        Files.writeString(src.resolve("kh"), knownHostsLine() + "\n");
        Ed25519Keys replacement = Ed25519Keys.generate("op@laptop", Optional.empty());
        Files.write(src.resolve("new"), replacement.privateKeyFile());
        String name = "slurm-" + UUID.randomUUID().toString().substring(0, 8);
        Path file = profileFile(name, "slurm_remote");
        CommandRun first = CommandRun.of(new ProfileCommand(env()), "add", "-f", file.toString(), "--ssh-slot", "setonix",
                "--ssh-private-key", src.resolve("old").toString(), "--ssh-passphrase-file", src.resolve("pp").toString(),
                "--ssh-known-hosts", src.resolve("kh").toString());
        assertThat(first.exit()).as(first.err()).isZero();
        CommandRun forced = CommandRun.of(new ProfileCommand(env()), "add", "-f", file.toString(), "--ssh-slot", "setonix",
                "--ssh-private-key", src.resolve("new").toString(), "--ssh-known-hosts", src.resolve("kh").toString(), "--force");
        assertThat(forced.exit()).as(forced.err()).isZero();
        Path slot = tmp.resolve("creds/setonix");
        assertThat(Files.readAllBytes(slot.resolve("private_key"))).isEqualTo(replacement.privateKeyFile());
        assertThat(slot.resolve("private_key.pub")).doesNotExist();
        assertThat(slot.resolve("passphrase")).doesNotExist();
    }

    @Test
    void aHashedKnownHostsFileIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.write(src.resolve("id"), Ed25519Keys.generate("op@laptop", Optional.empty()).privateKeyFile());
        String line = knownHostsLine();
        Files.writeString(src.resolve("kh"), "|1|c2FsdA==|aGFzaA== " + line.substring(line.indexOf(' ') + 1) + "\n");
        String name = "slurm-" + UUID.randomUUID().toString().substring(0, 8);
        CommandRun r = CommandRun.of(new ProfileCommand(env()), "add", "-f", profileFile(name, "slurm_remote").toString(),
                "--ssh-slot", "setonix", "--ssh-private-key", src.resolve("id").toString(), "--ssh-known-hosts", src.resolve("kh").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("hashed known_hosts entries are not supported");
        assertThat(tmp.resolve("creds")).doesNotExist();
        assertThat(new ProfileStore(database.db(), StableJson::sha256).byName(name)).isEmpty();
    }

    @Test
    void anUnreachableDatabaseWritesNoSlotFiles() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.write(src.resolve("id"), Ed25519Keys.generate("op@laptop", Optional.empty()).privateKeyFile());
        Files.writeString(src.resolve("kh"), knownHostsLine() + "\n");
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Map<String, String> env = env();
        env.put("DATABASE_URL", "postgres://beampipe:secret@127.0.0.1:" + closed + "/beampipe");
        CommandRun r = CommandRun.of(new ProfileCommand(env), "add", "-f", profileFile("slurm-unreachable", "slurm_remote").toString(),
                "--ssh-slot", "setonix", "--ssh-private-key", src.resolve("id").toString(), "--ssh-known-hosts", src.resolve("kh").toString());
        assertThat(r.exit()).isNotZero();
        assertThat(tmp.resolve("creds")).doesNotExist();
    }

    @Test
    void badFlagCombinationsStoreNothing() throws Exception {
        String rest = "rest-" + UUID.randomUUID().toString().substring(0, 8);
        CommandRun onRest = CommandRun.of(new ProfileCommand(env()), "add", "-f", profileFile(rest, "rest_remote").toString(), "--ssh-slot", "s");
        assertThat(onRest.exit()).isEqualTo(1);
        assertThat(onRest.err()).contains("--ssh-slot needs a slurm_remote deployment profile");
        String slurm = "slurm-" + UUID.randomUUID().toString().substring(0, 8);
        CommandRun noSlot = CommandRun.of(new ProfileCommand(env()), "add", "-f", profileFile(slurm, "slurm_remote").toString(),
                "--ssh-private-key", tmp.resolve("id").toString());
        assertThat(noSlot.err()).contains("--ssh-private-key needs --ssh-slot");
        CommandRun noKey = CommandRun.of(new ProfileCommand(env()), "add", "-f", profileFile(slurm, "slurm_remote").toString(),
                "--ssh-slot", "s", "--ssh-known-hosts", tmp.resolve("kh").toString());
        assertThat(noKey.err()).contains("need --ssh-private-key");
        CommandRun badSlot = CommandRun.of(new ProfileCommand(env()), "add", "-f", profileFile(slurm, "slurm_remote").toString(),
                "--ssh-slot", "../x");
        assertThat(badSlot.exit()).isEqualTo(1);
        ProfileStore store = new ProfileStore(database.db(), StableJson::sha256);
        assertThat(store.byName(rest)).isEmpty();
        assertThat(store.byName(slurm)).isEmpty();
        assertThat(tmp.resolve("creds")).doesNotExist();
    }
}
