package dev.beampipe.model.slurm.ssh;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** §4.2 resolution over a temporary credential root; the key files are only checked here, never parsed. */
class SshCredentialResolverTest {
    static final String SLOT = "setonix-pawsey0411";
    static final String S = "SETONIX_PAWSEY0411";
    static final String HOST_LINE = "[127.0.0.1]:2222 " + KnownHostsTest.KEY_A + "\n";

    @TempDir
    Path root;
    Map<String, String> env;

    @BeforeEach
    void baseEnvironment() {
        env = new HashMap<>();
        env.put("BEAMPIPE_SSH_CREDENTIALS_DIR", root.toString());
        env.put("HOME", root.resolve("home").toString());
    }

    Path secret(String relative, String content) throws IOException {
        return secret(relative, content, "rw-------");
    }

    Path secret(String relative, String content, String permissions) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    SshCredentials resolve(String slot) throws SshFailure {
        return new SshCredentialResolver(env).resolve(slot);
    }

    String failure(String slot) {
        SshFailure failure = catchThrowableOfType(() -> resolve(slot), SshFailure.class);
        assertThat(failure).as("resolution should fail").isNotNull();
        assertThat(failure.kind()).isEqualTo(SshFailure.Kind.CREDENTIALS);
        return failure.getMessage();
    }

    /** {@code env:NAME} = a variable naming a key file (inline text for the PEM variables), {@code file:rel} = a file under the root. */
    void plant(String items) throws IOException {
        for (String item : items.trim().split("\\s+")) {
            if (item.startsWith("env:")) {
                String name = item.substring(4);
                boolean inline = name.equals("SLURM_SSH_PRIVATE_KEY") || name.equals("SLURM_SSH_PRIVATE_KEY_" + S);
                env.put(name, inline ? "-----BEGIN OPENSSH PRIVATE KEY-----\ninline\n" : secret("keys/" + name, "k").toString());
            } else {
                secret(item.substring(5), "k");
            }
        }
    }

    static String shown(KeySource key, Path root) {
        return key instanceof KeySource.KeyFile file ? "file:" + root.relativize(file.path()) : "env:" + ((KeySource.Inline) key).variable();
    }

    @ParameterizedTest(name = "slot key from {0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "file:setonix-pawsey0411/private_key file:setonix-pawsey0411/slurm_key | file:setonix-pawsey0411/private_key",
            "file:setonix-pawsey0411/slurm_key | file:setonix-pawsey0411/slurm_key",
            "env:SLURM_SSH_PRIVATE_KEY_FILE_SETONIX_PAWSEY0411 file:setonix-pawsey0411/private_key | file:keys/SLURM_SSH_PRIVATE_KEY_FILE_SETONIX_PAWSEY0411",
            "env:SLURM_SSH_PRIVATE_KEY_PATH_SETONIX_PAWSEY0411 env:SLURM_SSH_PRIVATE_KEY_FILE_SETONIX_PAWSEY0411 | file:keys/SLURM_SSH_PRIVATE_KEY_PATH_SETONIX_PAWSEY0411",
            "env:SLURM_SSH_PRIVATE_KEY_SETONIX_PAWSEY0411 env:SLURM_SSH_PRIVATE_KEY_PATH_SETONIX_PAWSEY0411 | env:SLURM_SSH_PRIVATE_KEY_SETONIX_PAWSEY0411",
            "env:SLURM_SSH_PRIVATE_KEY_PATH file:setonix-pawsey0411/slurm_key | file:setonix-pawsey0411/slurm_key",
    })
    void slotKeyChain(String items, String expected) throws Exception {
        secret("known_hosts", HOST_LINE);
        plant(items);
        assertThat(shown(resolve(SLOT).key(), root)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "global key from {0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "env:SLURM_SSH_PRIVATE_KEY env:SLURM_SSH_PRIVATE_KEY_PATH | env:SLURM_SSH_PRIVATE_KEY",
            "env:SLURM_SSH_PRIVATE_KEY_PATH env:SLURM_SSH_PRIVATE_KEY_FILE | file:keys/SLURM_SSH_PRIVATE_KEY_PATH",
            "env:SLURM_SSH_PRIVATE_KEY_FILE file:setonix-pawsey0411/private_key | file:keys/SLURM_SSH_PRIVATE_KEY_FILE",
    })
    void globalKeyChain(String items, String expected) throws Exception {
        secret("known_hosts", HOST_LINE);
        plant(items);
        assertThat(shown(resolve(null).key(), root)).isEqualTo(expected);
    }

    @Test
    void aSlotWithoutKeyNamesWhereToPutIt() throws Exception {
        secret("known_hosts", HOST_LINE);
        env.put("SLURM_SSH_PRIVATE_KEY_PATH", secret("global", "k").toString());
        assertThat(failure(SLOT)).isEqualTo("no Slurm SSH private key for credential '" + SLOT + "': place private_key or "
                + "slurm_key at " + root.resolve(SLOT) + ", or set SLURM_SSH_PRIVATE_KEY_PATH_" + S);
    }

    @ParameterizedTest
    @CsvSource({"setonix-pawsey0411, SETONIX_PAWSEY0411", "a.b_c, A_B_C", "x, X"})
    void envSuffix(String slot, String suffix) {
        assertThat(SshCredentialResolver.envSuffix(slot)).isEqualTo(suffix);
    }

    @Test
    void anInvalidSlotNameIsRefused() {
        assertThat(failure("../etc")).startsWith("invalid Slurm SSH credential slot name");
    }

    @Test
    void homeFallbackOnlyWhenEnabledAndNeverInProduction() throws Exception {
        secret("known_hosts", HOST_LINE);
        secret("home/.ssh/id_rsa", "k");
        assertThat(failure(null)).startsWith("no Slurm SSH private key configured");
        env.put("BEAMPIPE_SLURM_SSH_ALLOW_HOME_FALLBACK", "yes");
        assertThat(shown(resolve(null).key(), root)).isEqualTo("file:home/.ssh/id_rsa");
        secret("home/.ssh/id_ed25519", "k");
        assertThat(shown(resolve(null).key(), root)).isEqualTo("file:home/.ssh/id_ed25519");
        env.put("BEAMPIPE_ENV", " Prod ");
        assertThat(failure(null)).startsWith("BEAMPIPE_SLURM_SSH_ALLOW_HOME_FALLBACK is not allowed in production");
    }

    @ParameterizedTest(name = "mode {0}")
    @CsvSource({"rw-r--r--, 0644", "rw-r-----, 0640", "rw----rw-, 0606", "rwx--x--x, 0711"})
    void looseKeyPermissionsAreRefused(String permissions, String mode) throws Exception {
        secret("known_hosts", HOST_LINE);
        Path key = secret(SLOT + "/private_key", "k", permissions);
        assertThat(failure(SLOT)).isEqualTo("SSH private key " + key + " permissions " + mode + " are too open (expected 0600 or stricter)");
        env.put("BEAMPIPE_ENV", "production");
        assertThat(failure(SLOT)).isEqualTo("SSH private key permissions " + mode + " are too open (expected 0600 or stricter)");
    }

    @Test
    void ownerOnlyModesAreAccepted() throws Exception {
        secret("known_hosts", HOST_LINE);
        secret(SLOT + "/private_key", "k", "r--------");
        assertThat(resolve(SLOT).key()).isInstanceOf(KeySource.KeyFile.class);
    }

    @Test
    void aMissingOrNonRegularKeyFileIsNamed() throws Exception {
        secret("known_hosts", HOST_LINE);
        env.put("SLURM_SSH_PRIVATE_KEY_PATH_" + S, root.resolve("absent").toString());
        assertThat(failure(SLOT)).isEqualTo("SSH private key " + root.resolve("absent") + " does not exist (from SLURM_SSH_PRIVATE_KEY_PATH_" + S + ")");
        env.put("SLURM_SSH_PRIVATE_KEY_PATH_" + S, root.toString());
        assertThat(failure(SLOT)).contains("is not a regular file");
    }

    @Test
    void productionRefusesInlineKeysUnlessAllowedAndSymlinkedKeys() throws Exception {
        secret("known_hosts", HOST_LINE);
        env.put("BEAMPIPE_ENV", "production");
        env.put("SLURM_SSH_PRIVATE_KEY_" + S, "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n");
        assertThat(failure(SLOT)).startsWith("SLURM_SSH_PRIVATE_KEY_" + S + " (inline key material) is not allowed in production");
        env.put("BEAMPIPE_ALLOW_INLINE_SECRETS", "true");
        assertThat(resolve(SLOT).key()).isInstanceOf(KeySource.Inline.class);
        env.remove("SLURM_SSH_PRIVATE_KEY_" + S);
        Path real = secret("real_key", "k");
        Files.createDirectories(root.resolve(SLOT));
        Files.createSymbolicLink(root.resolve(SLOT + "/private_key"), real);
        assertThat(failure(SLOT)).isEqualTo("SSH private key must not be a symlink in production");
        env.remove("BEAMPIPE_ENV");
        assertThat(shown(resolve(SLOT).key(), root)).isEqualTo("file:" + SLOT + "/private_key");
    }

    @ParameterizedTest(name = "passphrase from {0}")
    @CsvSource(delimiter = '|', value = {
            "SLURM_SSH_PRIVATE_KEY_PASSPHRASE_FILE_SETONIX_PAWSEY0411 | from-passphrase-file-env",
            "SLURM_SSH_PRIVATE_KEY_PASSCODE_FILE_SETONIX_PAWSEY0411   | from-passcode-file-env",
            "SLURM_SSH_PRIVATE_KEY_PASSPHRASE_SETONIX_PAWSEY0411      | from-passphrase-env",
            "SLURM_SSH_PRIVATE_KEY_PASSCODE_SETONIX_PAWSEY0411        | from-passcode-env",
            "passphrase                                                | from-passphrase-file",
            "passcode                                                  | from-passcode-file",
    })
    void slotPassphraseChain(String first, String expected) throws Exception {
        secret("known_hosts", HOST_LINE);
        secret(SLOT + "/private_key", "k");
        String[][] chain = {
                {"SLURM_SSH_PRIVATE_KEY_PASSPHRASE_FILE_" + S, "file", "from-passphrase-file-env"},
                {"SLURM_SSH_PRIVATE_KEY_PASSCODE_FILE_" + S, "file", "from-passcode-file-env"},
                {"SLURM_SSH_PRIVATE_KEY_PASSPHRASE_" + S, "value", "from-passphrase-env"},
                {"SLURM_SSH_PRIVATE_KEY_PASSCODE_" + S, "value", "from-passcode-env"},
                {"passphrase", "slot-file", "from-passphrase-file"},
                {"passcode", "slot-file", "from-passcode-file"}};
        boolean reached = false;
        for (String[] link : chain) {
            reached |= link[0].equals(first);
            if (!reached) {
                continue;
            }
            switch (link[1]) {
                case "file" -> env.put(link[0], secret("secrets/" + link[0], link[2] + "\n").toString());
                case "value" -> env.put(link[0], link[2]);
                default -> secret(SLOT + "/" + link[0], link[2] + "\r\n");
            }
        }
        assertThat(resolve(SLOT).passphrase()).map(p -> new String(p.value())).contains(expected);
    }

    @Test
    void globalPassphraseFallsBackToSshKeyPassphrase() throws Exception {
        secret("known_hosts", HOST_LINE);
        env.put("SLURM_SSH_PRIVATE_KEY_PATH", secret("global", "k").toString());
        assertThat(resolve(null).passphrase()).isEmpty();
        env.put("SSH_KEY_PASSPHRASE", "last resort");
        assertThat(resolve(null).passphrase()).map(p -> new String(p.value())).contains("last resort");
        env.put("SLURM_SSH_PRIVATE_KEY_PASSCODE", "code");
        assertThat(resolve(null).passphrase()).map(p -> new String(p.value())).contains("code");
        env.put("SLURM_SSH_PRIVATE_KEY_PASSPHRASE_FILE", secret("pp", " spaced pass \t\r\n\n").toString());
        assertThat(resolve(null).passphrase()).map(p -> new String(p.value())).contains(" spaced pass \t");
        env.put("SLURM_SSH_PRIVATE_KEY_PASSPHRASE_FILE", secret("empty", "\n").toString());
        assertThat(resolve(null).passphrase()).isEmpty();
    }

    @Test
    void passphraseFilesGetTheKeyPermissionCheck() throws Exception {
        secret("known_hosts", HOST_LINE);
        secret(SLOT + "/private_key", "k");
        Path file = secret(SLOT + "/passphrase", "p", "rw-r--r--");
        assertThat(failure(SLOT)).isEqualTo("SSH key passphrase file " + file + " permissions 0644 are too open (expected 0600 or stricter)");
    }

    @ParameterizedTest(name = "known_hosts from {0}")
    @CsvSource({
            "SLURM_SSH_KNOWN_HOSTS_SETONIX_PAWSEY0411, env-slot",
            "SLURM_SSH_KNOWN_HOSTS_SOURCE_SETONIX_PAWSEY0411, env-slot-source",
            "slot-file, slot-file",
            "root-file, root-file",
            "SLURM_SSH_KNOWN_HOSTS, env-global",
            "SLURM_SSH_KNOWN_HOSTS_SOURCE, env-global-source",
    })
    void slotKnownHostsChain(String first, String expected) throws Exception {
        secret(SLOT + "/private_key", "k");
        String[][] chain = {
                {"SLURM_SSH_KNOWN_HOSTS_" + S, "env-slot"}, {"SLURM_SSH_KNOWN_HOSTS_SOURCE_" + S, "env-slot-source"},
                {"slot-file", SLOT + "/known_hosts"}, {"root-file", "known_hosts"},
                {"SLURM_SSH_KNOWN_HOSTS", "env-global"}, {"SLURM_SSH_KNOWN_HOSTS_SOURCE", "env-global-source"}};
        boolean reached = false;
        for (String[] link : chain) {
            reached |= link[0].equals(first);
            if (!reached) {
                continue;
            }
            if (link[0].startsWith("SLURM")) {
                env.put(link[0], secret("kh/" + link[1], HOST_LINE, "rw-r--r--").toString());
            } else {
                secret(link[1], HOST_LINE, "rw-r--r--");
            }
        }
        Path chosen = resolve(SLOT).knownHostsPath();
        assertThat(root.relativize(chosen).toString()).isEqualTo(expected.startsWith("env") ? "kh/" + expected
                : expected.equals("slot-file") ? SLOT + "/known_hosts" : "known_hosts");
    }

    @Test
    void globalKnownHostsPrefersTheEnvironmentOverTheRootFile() throws Exception {
        env.put("SLURM_SSH_PRIVATE_KEY_PATH", secret("global", "k").toString());
        secret("known_hosts", HOST_LINE);
        assertThat(resolve(null).knownHostsPath()).isEqualTo(root.resolve("known_hosts"));
        env.put("SLURM_SSH_KNOWN_HOSTS", secret("kh/global", HOST_LINE).toString());
        assertThat(resolve(null).knownHostsPath()).isEqualTo(root.resolve("kh/global"));
    }

    @Test
    void hostKeyCheckingCannotBeTurnedOff() throws Exception {
        secret(SLOT + "/private_key", "k");
        secret("known_hosts", HOST_LINE);
        assertThat(resolve(SLOT).strict()).isTrue();
        env.put("BEAMPIPE_SLURM_SSH_STRICT_KNOWN_HOSTS", "false");
        env.put("BEAMPIPE_ALLOW_INSECURE_SSH_HOST_KEYS", "true");
        assertThat(failure(SLOT)).startsWith("BEAMPIPE_SLURM_SSH_STRICT_KNOWN_HOSTS=false is not supported");
        env.put("BEAMPIPE_SLURM_SSH_STRICT_KNOWN_HOSTS", "maybe");
        assertThat(failure(SLOT)).startsWith("BEAMPIPE_SLURM_SSH_STRICT_KNOWN_HOSTS must be a boolean");
        env.put("BEAMPIPE_SLURM_SSH_STRICT_KNOWN_HOSTS", "on");
        env.put("SLURM_SSH_KNOWN_HOSTS_" + S, "NONE");
        assertThat(failure(SLOT)).startsWith("known_hosts required: SLURM_SSH_KNOWN_HOSTS_" + S + "=none would disable");
    }

    @Test
    void knownHostsMustExistAndCarryKeys() throws Exception {
        secret(SLOT + "/private_key", "k");
        assertThat(failure(SLOT)).startsWith("known_hosts required: host keys are always verified; place a known_hosts file at "
                + root.resolve(SLOT + "/known_hosts"));
        env.put("SLURM_SSH_KNOWN_HOSTS", root.resolve("missing").toString());
        assertThat(failure(SLOT)).isEqualTo("known_hosts required: known_hosts file " + root.resolve("missing")
                + " does not exist or is not a regular file");
        Path empty = secret("empty_known_hosts", "# nothing\n");
        env.put("SLURM_SSH_KNOWN_HOSTS", empty.toString());
        assertThat(failure(SLOT)).isEqualTo("no public keys parsed from known_hosts file " + empty);
        Path hashed = secret("hashed_known_hosts", "|1|x=|y= " + KnownHostsTest.KEY_A + "\n");
        env.put("SLURM_SSH_KNOWN_HOSTS", hashed.toString());
        assertThat(failure(SLOT)).startsWith("hashed known_hosts entries are not supported").endsWith("(known_hosts file " + hashed + ")");
        env.put("BEAMPIPE_ENV", "production");
        assertThat(failure(SLOT)).endsWith("(known_hosts file [REDACTED_PATH])").doesNotContain(root.toString());
    }
}
