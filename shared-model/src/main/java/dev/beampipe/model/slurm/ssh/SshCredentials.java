package dev.beampipe.model.slurm.ssh;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Resolved credentials for one slot (or the global configuration when {@code slot} is null): the key source, an
 * optional passphrase and the known_hosts file, already parsed. Host-key checking is always strict, so a
 * known_hosts file with at least one key is part of every credential. {@code toString} never shows secrets.
 */
public record SshCredentials(String slot, KeySource key, Optional<Passphrase> passphrase, Path knownHostsPath,
                             KnownHosts hostKeys, boolean production) {

    public Optional<Path> knownHosts() {
        return Optional.of(knownHostsPath);
    }

    /** Always true: beampipe has no mode that accepts unknown or changed host keys. */
    public boolean strict() {
        return true;
    }

    /** The known_hosts path for messages ({@code [REDACTED_PATH]} in production). */
    public String knownHostsDisplay() {
        return production ? SshCredentialResolver.REDACTED_PATH : knownHostsPath.toString();
    }

    @Override
    public String toString() {
        return "SshCredentials[slot=" + slot + ", key=" + key + ", passphrase=" + (passphrase.isPresent() ? "[REDACTED]" : "none")
                + ", knownHosts=" + knownHostsDisplay() + " (" + hostKeys.size() + " keys)]";
    }
}
