package dev.beampipe.cli.slurm;

import dev.beampipe.cli.CommandRun;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code beampipe slurm credentials …} in-process on temporary credential roots, with ssh-keyscan against a real SSH server. */
class SlurmCredentialsCommandTest {
    static final String PASSPHRASE = "planted-Passphrase-7f3c91";
    static LoginNodeForKeyscan node;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startNode() throws Exception {
        node = new LoginNodeForKeyscan();
    }

    @AfterAll
    static void stopNode() throws Exception {
        node.close();
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", tmp.resolve("home").toString());
        return env;
    }

    CommandRun run(Prompter prompter, String... args) {
        return run(env(), prompter, args);
    }

    CommandRun run(Map<String, String> env, Prompter prompter, String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "credentials";
        System.arraycopy(args, 0, full, 1, args.length);
        return CommandRun.of(new SlurmCommand(env, prompter), full);
    }

    Path root() {
        return tmp.resolve("creds");
    }

    static String mode(Path p) {
        return SlotFiles.mode(p).orElseThrow();
    }

    static KeyPair load(Path key, String passphrase) throws Exception {
        byte[] bytes = Files.readAllBytes(key);
        Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("test"), new ByteArrayInputStream(bytes),
                passphrase == null ? null : FilePasswordProvider.of(passphrase));
        Iterator<KeyPair> it = pairs.iterator();
        return it.next();
    }

    @Test
    void initWithoutPassphraseWritesAnEd25519KeyWithTheSlotModes() throws Exception {
        CommandRun r = run(ScriptedPrompter.none(), "init", "--slot", "setonix-pawsey0411", "--dir", root().toString(),
                "--skip-keyscan", "--no-passphrase", "--yes");
        assertThat(r.exit()).as(r.err()).isZero();
        Path dir = root().resolve("setonix-pawsey0411");
        assertThat(mode(dir)).isEqualTo("0700");
        assertThat(mode(dir.resolve("private_key"))).isEqualTo("0600");
        assertThat(mode(dir.resolve("private_key.pub"))).isEqualTo("0644");
        assertThat(dir.resolve("passphrase")).doesNotExist();
        assertThat(root().resolve("known_hosts")).doesNotExist();

        String publicLine = Files.readString(dir.resolve("private_key.pub")).strip();
        assertThat(publicLine).startsWith("ssh-ed25519 ").contains(" beampipe-setonix-pawsey0411@");
        KeyPair pair = load(dir.resolve("private_key"), null);
        assertThat(KeyUtils.compareKeys(pair.getPublic(), PublicKeyEntry.parsePublicKeyEntry(publicLine).resolvePublicKey(null, null, null))).isTrue();
        assertThat(r.out()).contains(publicLine, "slurm credentials check --slot setonix-pawsey0411", "slurm ping --profile PROFILE",
                KeyUtils.getFingerPrint(pair.getPublic()));
        assertThat(r.out()).doesNotContain(new String(Files.readAllBytes(dir.resolve("private_key"))).lines().skip(1).findFirst().orElseThrow());
    }

    @Test
    void initWithAPassphraseFileEncryptsTheKeyAndScansTheHostKeyIntoTheSharedKnownHosts() throws Exception {
        Path passphraseFile = tmp.resolve("pp");
        Files.writeString(passphraseFile, PASSPHRASE + "\n");
        CommandRun r = run(ScriptedPrompter.none(), "init", "--slot", "s1", "--dir", root().toString(), "--host", "127.0.0.1",
                "--port", Integer.toString(node.port()), "--passphrase-file", passphraseFile.toString(), "--accept-host-key", "--yes");
        assertThat(r.exit()).as(r.err()).isZero();
        Path dir = root().resolve("s1");
        assertThat(Files.readString(dir.resolve("passphrase"))).isEqualTo(PASSPHRASE);
        assertThat(mode(dir.resolve("passphrase"))).isEqualTo("0600");
        assertThat(load(dir.resolve("private_key"), PASSPHRASE).getPublic()).isNotNull();
        assertThatThrownBy(() -> load(dir.resolve("private_key"), "wrong")).isNotNull();

        String knownHosts = Files.readString(root().resolve("known_hosts"));
        assertThat(knownHosts).startsWith("[127.0.0.1]:" + node.port() + " ssh-ed25519 AAAA");
        assertThat(mode(root().resolve("known_hosts"))).isEqualTo("0644");
        assertThat(r.out()).contains(node.fingerprint());
        assertThat(r.out() + r.err()).doesNotContain(PASSPHRASE).doesNotContain("PRIVATE KEY");

        // a second scan of the same key does not duplicate the line
        CommandRun again = run(ScriptedPrompter.none(), "init", "--slot", "s2", "--dir", root().toString(), "--host", "127.0.0.1",
                "--port", Integer.toString(node.port()), "--no-passphrase", "--accept-host-key");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(Files.readString(root().resolve("known_hosts"))).isEqualTo(knownHosts);
    }

    @Test
    void anUntrustedHostKeyWritesNothing() {
        CommandRun batch = run(ScriptedPrompter.none(), "init", "--slot", "s1", "--dir", root().toString(), "--host", "127.0.0.1",
                "--port", Integer.toString(node.port()), "--no-passphrase");
        assertThat(batch.exit()).isEqualTo(1);
        assertThat(batch.err()).contains("host keys not trusted", "--accept-host-key");
        assertThat(batch.out()).contains(node.fingerprint());
        assertThat(root()).doesNotExist();

        ScriptedPrompter no = ScriptedPrompter.answering(false);
        CommandRun declined = run(no, "init", "--slot", "s1", "--dir", root().toString(), "--host", "127.0.0.1",
                "--port", Integer.toString(node.port()), "--no-passphrase");
        assertThat(declined.exit()).isEqualTo(1);
        assertThat(no.asked).contains("Trust these SSH host keys?");
        assertThat(root()).doesNotExist();

        CommandRun accepted = run(ScriptedPrompter.answering(true, PASSPHRASE, PASSPHRASE), "init", "--slot", "s1", "--dir", root().toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(node.port()));
        assertThat(accepted.exit()).as(accepted.err()).isZero();
        assertThat(root().resolve("s1/passphrase")).hasContent(PASSPHRASE);
        assertThat(accepted.out() + accepted.err()).doesNotContain(PASSPHRASE);
    }

    @Test
    void badInputChangesNothing() throws Exception {
        assertThat(run(ScriptedPrompter.none(), "init", "--slot", "../evil", "--dir", root().toString(), "--skip-keyscan", "--no-passphrase").err())
                .contains("deployment.ssh_credential must be 1-50 ASCII letters");
        assertThat(run(ScriptedPrompter.none(), "init", "--slot", "s1", "--dir", root().toString(), "--skip-keyscan", "--yes").err())
                .contains("--passphrase-file FILE or --no-passphrase with --yes");
        assertThat(run(ScriptedPrompter.answering(true, "one", "two"), "init", "--slot", "s1", "--dir", root().toString(), "--skip-keyscan").err())
                .contains("the passphrases do not match");
        assertThat(run(ScriptedPrompter.none(), "init", "--slot", "s1", "--dir", root().toString(), "--no-passphrase").err())
                .contains("--host is required unless --skip-keyscan");
        Map<String, String> noTools = env();
        noTools.put("PATH", tmp.resolve("empty-bin").toString());
        CommandRun acl = run(noTools, ScriptedPrompter.none(), "init", "--slot", "s1", "--dir", root().toString(), "--skip-keyscan", "--no-passphrase", "--acl");
        assertThat(acl.exit()).isEqualTo(1);
        assertThat(acl.err()).contains("setfacl is not installed", "apt-get install acl");
        assertThat(root()).doesNotExist();
    }

    @Test
    void anExistingSlotIsReplacedOnlyWithForce() throws Exception {
        assertThat(run(ScriptedPrompter.none(), "init", "--slot", "s1", "--dir", root().toString(), "--skip-keyscan", "--no-passphrase").exit()).isZero();
        Path key = root().resolve("s1/private_key");
        byte[] first = Files.readAllBytes(key);
        CommandRun refused = run(ScriptedPrompter.none(), "init", "--slot", "s1", "--dir", root().toString(), "--skip-keyscan", "--no-passphrase");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("already exists", "--force");
        assertThat(Files.readAllBytes(key)).isEqualTo(first);
        CommandRun forced = run(ScriptedPrompter.none(), "init", "--slot", "s1", "--dir", root().toString(), "--skip-keyscan", "--no-passphrase", "--force");
        assertThat(forced.exit()).as(forced.err()).isZero();
        assertThat(Files.readAllBytes(key)).isNotEqualTo(first);
    }

    static String knownHostsLine(String host) {
        return host + " " + Ed25519Keys.generate("host", java.util.Optional.empty()).publicKeyLine().replaceFirst(" host$", "");
    }

    @Test
    void forceReplacesTheWholeSlotAndNothingOfTheOldKeyStays() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Ed25519Keys old = Ed25519Keys.generate("old@laptop", java.util.Optional.of(PASSPHRASE));
        Files.write(src.resolve("old"), old.privateKeyFile());
        Files.writeString(src.resolve("old.pub"), old.publicKeyLine() + "\n");
        Files.writeString(src.resolve("pp"), PASSPHRASE);
        Files.writeString(src.resolve("kh"), knownHostsLine("setonix.pawsey.org.au") + "\n");
        CommandRun first = run(ScriptedPrompter.none(), "import", "--slot", "s1", "--dir", root().toString(), "--private-key",
                src.resolve("old").toString(), "--passphrase-file", src.resolve("pp").toString(), "--known-hosts", src.resolve("kh").toString());
        assertThat(first.exit()).as(first.err()).isZero();
        Path dir = root().resolve("s1");

        // a new unencrypted key without a .pub; the login node is scanned into the root's known_hosts
        Ed25519Keys replacement = Ed25519Keys.generate("new@laptop", java.util.Optional.empty());
        Files.write(src.resolve("new"), replacement.privateKeyFile());
        CommandRun forced = run(ScriptedPrompter.none(), "import", "--slot", "s1", "--dir", root().toString(), "--private-key",
                src.resolve("new").toString(), "--host", "127.0.0.1", "--port", Integer.toString(node.port()), "--accept-host-key", "--force");
        assertThat(forced.exit()).as(forced.err()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("private_key"))).isEqualTo(replacement.privateKeyFile());
        assertThat(dir.resolve("private_key.pub")).doesNotExist();
        assertThat(dir.resolve("passphrase")).doesNotExist();
        assertThat(dir.resolve("known_hosts")).doesNotExist();
        assertThat(Files.readString(root().resolve("known_hosts"))).startsWith("[127.0.0.1]:" + node.port() + " ssh-ed25519 ");

        // init --force without a passphrase after a slot with one and with its own known_hosts
        Files.writeString(dir.resolve("passphrase"), PASSPHRASE);
        Files.writeString(dir.resolve("known_hosts"), knownHostsLine("setonix.pawsey.org.au") + "\n");
        CommandRun init = run(ScriptedPrompter.none(), "init", "--slot", "s1", "--dir", root().toString(), "--host", "127.0.0.1",
                "--port", Integer.toString(node.port()), "--no-passphrase", "--accept-host-key", "--force");
        assertThat(init.exit()).as(init.err()).isZero();
        assertThat(dir.resolve("passphrase")).doesNotExist();
        assertThat(dir.resolve("known_hosts")).doesNotExist();
        assertThat(dir.resolve("private_key.pub")).exists();
    }

    @Test
    void importedKnownHostsMustHoldPlainHostKeys() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.write(src.resolve("id"), Ed25519Keys.generate("op@laptop", java.util.Optional.empty()).privateKeyFile());
        String plain = knownHostsLine("setonix.pawsey.org.au");
        Files.writeString(src.resolve("hashed"), "|1|c2FsdA==|aGFzaA== " + plain.substring(plain.indexOf(' ') + 1) + "\n");
        Files.writeString(src.resolve("marker"), "@cert-authority *.pawsey.org.au " + plain.substring(plain.indexOf(' ') + 1) + "\n");
        Files.writeString(src.resolve("nokey"), "# only a comment\nsetonix.pawsey.org.au ssh-ed25519 not-base64\n");
        for (String[] bad : new String[][] {{"hashed", "hashed known_hosts entries are not supported"},
                {"marker", "marker @cert-authority is not supported"}, {"nokey", "holds no host key"}}) {
            CommandRun r = run(ScriptedPrompter.none(), "import", "--slot", "s1", "--dir", root().toString(),
                    "--private-key", src.resolve("id").toString(), "--known-hosts", src.resolve(bad[0]).toString());
            assertThat(r.exit()).as(bad[0]).isEqualTo(1);
            assertThat(r.err()).as(bad[0]).contains("known_hosts file " + src.resolve(bad[0]), bad[1]);
            assertThat(root()).as(bad[0]).doesNotExist();
        }
        Files.writeString(src.resolve("plain"), "# setonix\n" + plain + "\n");
        CommandRun ok = run(ScriptedPrompter.none(), "import", "--slot", "s1", "--dir", root().toString(),
                "--private-key", src.resolve("id").toString(), "--known-hosts", src.resolve("plain").toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(root().resolve("s1/known_hosts")).hasContent("# setonix\n" + plain);
    }

    @Test
    void aTrustedRescanReplacesTheHostsOldKeyInTheSharedKnownHosts() throws Exception {
        Files.createDirectories(root());
        String stale = "[127.0.0.1]:" + node.port() + " " + knownHostsLine("x").substring(2);
        String other = knownHostsLine("setonix.pawsey.org.au");
        Files.writeString(root().resolve("known_hosts"), other + "\n" + stale + "\n");
        CommandRun r = run(ScriptedPrompter.none(), "init", "--slot", "s1", "--dir", root().toString(), "--host", "127.0.0.1",
                "--port", Integer.toString(node.port()), "--no-passphrase", "--accept-host-key");
        assertThat(r.exit()).as(r.err()).isZero();
        java.util.List<String> lines = Files.readAllLines(root().resolve("known_hosts"));
        assertThat(lines).contains(other).doesNotContain(stale);
        assertThat(lines).filteredOn(l -> l.startsWith("[127.0.0.1]:" + node.port() + " ")).singleElement()
                .satisfies(l -> assertThat(HostKeyScan.fingerprint(l.split(" ")[2])).contains(node.fingerprint()));
    }

    @Test
    void importCopiesRegularFilesAndNeedsAKnownHostsSource() throws Exception {
        Path src = tmp.resolve("src");
        Files.createDirectories(src);
        Ed25519Keys key = Ed25519Keys.generate("operator@laptop", java.util.Optional.of(PASSPHRASE));
        Files.write(src.resolve("id_ed25519"), key.privateKeyFile());
        Files.writeString(src.resolve("id_ed25519.pub"), key.publicKeyLine() + "\n");
        Files.writeString(src.resolve("pp"), PASSPHRASE + "\n");
        Files.writeString(src.resolve("known_hosts"), knownHostsLine("setonix.pawsey.org.au") + "\n");
        Files.createSymbolicLink(src.resolve("link"), src.resolve("id_ed25519"));

        CommandRun noHosts = run(ScriptedPrompter.none(), "import", "--slot", "s1", "--dir", root().toString(),
                "--private-key", src.resolve("id_ed25519").toString());
        assertThat(noHosts.exit()).isEqualTo(1);
        assertThat(noHosts.err()).contains("no known_hosts for slot 's1'");
        CommandRun symlink = run(ScriptedPrompter.none(), "import", "--slot", "s1", "--dir", root().toString(),
                "--private-key", src.resolve("link").toString(), "--known-hosts", src.resolve("known_hosts").toString());
        assertThat(symlink.exit()).isEqualTo(1);
        assertThat(symlink.err()).contains("is a symbolic link");
        assertThat(root()).doesNotExist();

        CommandRun r = run(ScriptedPrompter.none(), "import", "--slot", "s1", "--dir", root().toString(),
                "--private-key", src.resolve("id_ed25519").toString(), "--passphrase-file", src.resolve("pp").toString(),
                "--known-hosts", src.resolve("known_hosts").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Path dir = root().resolve("s1");
        assertThat(Files.readAllBytes(dir.resolve("private_key"))).isEqualTo(key.privateKeyFile());
        assertThat(mode(dir.resolve("private_key"))).isEqualTo("0600");
        assertThat(Files.readString(dir.resolve("private_key.pub")).strip()).isEqualTo(key.publicKeyLine());
        assertThat(mode(dir.resolve("private_key.pub"))).isEqualTo("0644");
        assertThat(mode(dir.resolve("passphrase"))).isEqualTo("0600");
        assertThat(mode(dir.resolve("known_hosts"))).isEqualTo("0644");
        assertThat(mode(dir)).isEqualTo("0700");
        assertThat(r.out() + r.err()).doesNotContain(PASSPHRASE).doesNotContain("PRIVATE KEY");
    }

    @Test
    void listShowAndRemoveNeverPrintContents() throws Exception {
        Path passphraseFile = tmp.resolve("pp");
        Files.writeString(passphraseFile, PASSPHRASE);
        assertThat(run(ScriptedPrompter.none(), "init", "--slot", "b-slot", "--dir", root().toString(), "--skip-keyscan",
                "--passphrase-file", passphraseFile.toString()).exit()).isZero();
        assertThat(run(ScriptedPrompter.none(), "init", "--slot", "a.slot", "--dir", root().toString(), "--skip-keyscan", "--no-passphrase").exit()).isZero();
        Files.createDirectories(root().resolve("not a slot"));

        CommandRun list = run(ScriptedPrompter.none(), "list", "--dir", root().toString());
        assertThat(list.json().toString()).isEqualTo("[\"a.slot\",\"b-slot\"]");

        CommandRun show = run(ScriptedPrompter.none(), "show", "--slot", "b-slot", "--dir", root().toString());
        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.json().get("private_key").get("mode").asText()).isEqualTo("0600");
        assertThat(show.json().get("private_key").get("present").asBoolean()).isTrue();
        assertThat(show.json().get("passphrase").get("path").asText()).isEqualTo(root().resolve("b-slot/passphrase").toString());
        assertThat(show.json().get("known_hosts").get("present").asBoolean()).isFalse();
        assertThat(show.out()).doesNotContain(PASSPHRASE).doesNotContain("PRIVATE KEY").doesNotContain("ssh-ed25519");
        assertThat(run(ScriptedPrompter.none(), "show", "--slot", "nope", "--dir", root().toString()).err())
                .contains("credential slot 'nope' does not exist");

        CommandRun noYes = run(ScriptedPrompter.none(), "remove", "--slot", "b-slot", "--dir", root().toString());
        assertThat(noYes.exit()).isEqualTo(1);
        assertThat(noYes.err()).contains("--yes");
        assertThat(root().resolve("b-slot/private_key")).exists();
        Files.createSymbolicLink(root().resolve("linked"), root().resolve("a.slot"));
        assertThat(run(ScriptedPrompter.none(), "remove", "--slot", "linked", "--dir", root().toString(), "--yes").err())
                .contains("is a symbolic link");
        assertThat(root().resolve("a.slot/private_key")).exists();
        CommandRun removed = run(ScriptedPrompter.none(), "remove", "--slot", "b-slot", "--dir", root().toString(), "--yes");
        assertThat(removed.exit()).as(removed.err()).isZero();
        assertThat(root().resolve("b-slot")).doesNotExist();
    }

    @Test
    void syncComparesTheServicesRootAndChecksReadability() throws Exception {
        assertThat(run(ScriptedPrompter.none(), "init", "--slot", "s1", "--dir", root().toString(), "--skip-keyscan", "--no-passphrase").exit()).isZero();
        Files.writeString(root().resolve("known_hosts"), "[127.0.0.1]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDGk\n");
        Map<String, String> env = env();
        env.put("BEAMPIPE_SSH_CREDENTIALS_DIR", root().toString());
        CommandRun ok = run(env, ScriptedPrompter.none(), "sync", "--slot", "s1");
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.json().get("bind_source_matches").asBoolean()).isTrue();
        assertThat(ok.json().get("configured_slots").toString()).isEqualTo("[\"s1\"]");

        CommandRun elsewhere = run(env(), ScriptedPrompter.none(), "sync", "--slot", "s1", "--dir", root().toString());
        assertThat(elsewhere.exit()).isEqualTo(1);
        assertThat(elsewhere.json().get("bind_source_matches").asBoolean()).isFalse();
        assertThat(elsewhere.err()).contains("set BEAMPIPE_SSH_CREDENTIALS_DIR=" + root());
    }

    @Test
    void copyIdRunsSshCopyIdWithTheSlotsPublicKey() throws Exception {
        assertThat(run(ScriptedPrompter.none(), "init", "--slot", "s1", "--dir", root().toString(), "--skip-keyscan", "--no-passphrase").exit()).isZero();
        // ssh-copy-id needs the remote account's password, which no test host has; a recording script stands in for it
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path argsFile = tmp.resolve("copy-id.args");
        Path script = bin.resolve("ssh-copy-id");
        Files.writeString(script, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + argsFile + "'\n");
        script.toFile().setExecutable(true);
        Map<String, String> env = env();
        env.put("PATH", bin.toString());
        CommandRun r = run(env, ScriptedPrompter.none(), "copy-id", "--slot", "s1", "--dir", root().toString(), "--user", "alice",
                "--host", "setonix.pawsey.org.au", "--port", "2222");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readAllLines(argsFile)).containsExactly("-i", root().resolve("s1/private_key.pub").toString(), "-p", "2222",
                "alice@setonix.pawsey.org.au");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "/flag, /env,  /home, /h,  /flag",
            "-,     /env,  /home, /h,  /env",
            "-,     -,     /home, /h,  /home/credentials/ssh",
            "-,     -,     -,     /h,  /h/beampipe/credentials/ssh",
            "-,     -,     -,     -,   /run/beampipe/ssh",
    })
    void credentialRootForCommands(String flag, String envDir, String beampipeHome, String home, String expected) {
        Map<String, String> env = new HashMap<>();
        if (envDir != null) env.put("BEAMPIPE_SSH_CREDENTIALS_DIR", envDir);
        if (beampipeHome != null) env.put("BEAMPIPE_HOME", beampipeHome);
        if (home != null) env.put("HOME", home);
        assertThat(CredentialRoot.forCommands(flag, env)).isEqualTo(Path.of(expected));
    }

    @Test
    void keyscanOutputParsing() {
        String out = "# 127.0.0.1:2222 SSH-2.0-OpenSSH_9.2\n[127.0.0.1]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDGk\n\nbroken\n";
        assertThat(HostKeyScan.parse(out)).singleElement().satisfies(k -> {
            assertThat(k.line()).isEqualTo("[127.0.0.1]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDGk");
            assertThat(k.fingerprint()).startsWith("SHA256:");
        });
    }
}
