package dev.beampipe.model.slurm.ssh;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plants a private key (inline and as a file) and its passphrase, drives every failure path that involves them,
 * and greps every message, stack trace and {@code toString} for the secret text.
 */
class SshSecretLeakTest {
    static final String PASSPHRASE = "Planted-Passphrase-7f3a9c";
    static final String S = "LEAK";

    @TempDir
    static Path dir;
    static TestLoginNode node;
    static SshConnector connector;
    static TestKeys authorizedKeys;
    static TestKeys strangerKeys;
    static TestKeys otherHost;
    static Path knownHosts;
    static final List<String> seen = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        TestKeys host = TestKeys.generate(dir, "host", null);
        otherHost = TestKeys.generate(dir, "other-host", null);
        authorizedKeys = TestKeys.generate(dir, "authorized", PASSPHRASE);
        strangerKeys = TestKeys.generate(dir, "stranger", PASSPHRASE);
        node = new TestLoginNode(host.load(null));
        node.authorize(authorizedKeys.load(PASSPHRASE).getPublic());
        knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, node.knownHostsLine() + "\n");
        connector = new SshConnector(SshTimeouts.defaults());
    }

    @AfterAll
    static void stop() throws Exception {
        connector.close();
        node.close();
    }

    static Map<String, String> env(TestKeys keys, String passphrase) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("BEAMPIPE_SSH_CREDENTIALS_DIR", dir.resolve("root").toString());
        env.put("SLURM_SSH_PRIVATE_KEY_" + S, keys.privateText());
        env.put("SLURM_SSH_PRIVATE_KEY_PASSPHRASE_" + S, passphrase);
        env.put("SLURM_SSH_KNOWN_HOSTS_" + S, knownHosts.toString());
        return env;
    }

    static SshTarget target() {
        return new SshTarget("127.0.0.1", node.port(), "u", "leak");
    }

    static void record(Object o) {
        seen.add(String.valueOf(o));
        if (o instanceof Throwable t) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            seen.add(trace.toString());
        }
    }

    static void attempt(Map<String, String> env) {
        try {
            SshCredentials credentials = new SshCredentialResolver(env).resolve("leak");
            record(credentials);
            record(credentials.key());
            record(credentials.passphrase());
            try (RemoteShell shell = connector.open(target(), credentials)) {
                record(shell);
                record(shell.exec("echo token=abc password=hunter2 " + "; exit 4", Duration.ofSeconds(20))
                        .requireOk("echo"));
            }
        } catch (Exception e) {
            record(e);
        }
    }

    @Test
    void noFailurePathShowsTheKeyOrThePassphrase() throws Exception {
        attempt(env(authorizedKeys, PASSPHRASE));                  // works, then a failing command
        attempt(env(authorizedKeys, PASSPHRASE + "-wrong"));       // wrong passphrase
        attempt(env(strangerKeys, PASSPHRASE));                    // key the server does not accept
        Map<String, String> garbled = env(authorizedKeys, PASSPHRASE);
        garbled.put("SLURM_SSH_PRIVATE_KEY_" + S, authorizedKeys.privateText().replace('A', 'B'));
        attempt(garbled);                                          // corrupt key text
        Map<String, String> production = env(authorizedKeys, PASSPHRASE);
        production.put("BEAMPIPE_ENV", "production");
        attempt(production);                                       // inline key refused in production
        Path changed = dir.resolve("changed_known_hosts");
        Files.writeString(changed, "[127.0.0.1]:" + node.port() + " " + otherHost.publicLine() + "\n");
        Map<String, String> hostKey = env(authorizedKeys, PASSPHRASE);
        hostKey.put("SLURM_SSH_KNOWN_HOSTS_" + S, changed.toString());
        attempt(hostKey);                                          // host key mismatch
        Path keyFile = dir.resolve("loose_key");
        Files.writeString(keyFile, authorizedKeys.privateText());
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
        Map<String, String> loose = env(authorizedKeys, PASSPHRASE);
        loose.remove("SLURM_SSH_PRIVATE_KEY_" + S);
        loose.put("SLURM_SSH_PRIVATE_KEY_PATH_" + S, keyFile.toString());
        attempt(loose);                                            // key file too open

        String all = String.join("\n", seen);
        assertThat(seen).hasSizeGreaterThan(10);
        assertThat(all).contains("SshFailure[COMMAND]", "SshFailure[CREDENTIALS]", "SshFailure[AUTHENTICATION]", "SshFailure[HOST_KEY]");
        assertThat(all).doesNotContain(PASSPHRASE).doesNotContain("hunter2").contains("password=[REDACTED]");
        for (String line : authorizedKeys.privateText().split("\n")) {
            if (!line.startsWith("-----") && line.length() > 16) {
                assertThat(all).doesNotContain(line.substring(0, 16));
            }
        }
    }
}
