package dev.beampipe.model.slurm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialSlotsTest {
    /** Generated with ssh-keygen; {@code ssh-keygen -lf} prints this fingerprint. */
    static final String PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICrlfjXViKW7IyESXH33lKhuLWyXEWzurN3JIARio6ZI test";
    static final String FINGERPRINT = "SHA256:YvoHq5MGoFpNBCJ61mYSJLKHG3MLkqUs37mlTcD67XM";

    @TempDir
    Path root;

    @Test
    void listsValidSlotDirectoriesSortedWithFilePresence() throws Exception {
        Files.createDirectories(root.resolve("setonix"));
        Files.writeString(root.resolve("setonix/private_key"), "-----BEGIN OPENSSH PRIVATE KEY-----\nsecret\n");
        Files.writeString(root.resolve("setonix/private_key.pub"), PUBLIC_KEY + "\n");
        Files.writeString(root.resolve("setonix/passphrase"), "pass\n");
        Files.createDirectories(root.resolve("alpha"));
        Files.writeString(root.resolve("alpha/slurm_key"), "k");
        Files.createDirectories(root.resolve("bad name"));
        Files.createDirectories(root.resolve("a..b"));
        Files.writeString(root.resolve("plain-file"), "x");
        CredentialSlots slots = new CredentialSlots(root);
        assertThat(slots.list()).containsExactly(
                new CredentialSlot("alpha", false, false, false, false, null),
                new CredentialSlot("setonix", true, true, true, false, FINGERPRINT));
        Files.writeString(root.resolve("known_hosts"), "host ssh-ed25519 AAAA\n");
        assertThat(slots.get("alpha")).map(CredentialSlot::knownHosts).contains(true);
        assertThat(slots.get("missing")).isEmpty();
    }

    @Test
    void anAbsentRootHasNoSlots() {
        assertThat(new CredentialSlots(root.resolve("nope")).list()).isEmpty();
        assertThat(new CredentialSlots(root.resolve("nope")).get("x")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " a", "a/b", "..", "a..b", "a\\b", "x\u0000", "ä", "123456789012345678901234567890123456789012345678901"})
    void invalidNamesAreRejected(String name) {
        assertThat(CredentialSlots.validName(name)).isFalse();
        assertThatThrownBy(() -> new CredentialSlots(root).get(name)).hasMessage(CredentialSlots.INVALID_NAME);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "setonix-pawsey0411", "A.b_c-1", "12345678901234567890123456789012345678901234567890"})
    void validNamesAreAccepted(String name) {
        assertThat(CredentialSlots.validName(name)).isTrue();
    }

    @Test
    void fingerprintsOnlyParsePublicKeyLines() {
        assertThat(CredentialSlots.fingerprint(PUBLIC_KEY)).contains(FINGERPRINT);
        assertThat(CredentialSlots.fingerprint("-----BEGIN OPENSSH PRIVATE KEY-----")).isEmpty();
        assertThat(CredentialSlots.fingerprint("ssh-ed25519 !!notbase64")).isEmpty();
    }

    @Test
    void rootFollowsTheReferencesOrder() {
        assertThat(CredentialSlots.root(Map.of("BEAMPIPE_SSH_CREDENTIALS_DIR", "/srv/creds"), root)).isEqualTo(Path.of("/srv/creds"));
        assertThat(CredentialSlots.root(Map.of(), root)).isEqualTo(root);
        assertThat(CredentialSlots.root(Map.of("HOME", "/home/op"), root.resolve("absent")))
                .isEqualTo(Path.of("/home/op/.config/beampipe/credentials"));
    }
}
