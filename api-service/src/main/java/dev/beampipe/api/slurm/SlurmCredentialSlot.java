package dev.beampipe.api.slurm;

import dev.beampipe.model.slurm.CredentialSlot;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** File presence of one slot; {@code public_key_fingerprint} is our addition (the public key's SHA-256). */
@Schema(requiredProperties = {"name", "private_key", "public_key", "passphrase", "known_hosts"})
public record SlurmCredentialSlot(String name, boolean privateKey, boolean publicKey, boolean passphrase, boolean knownHosts,
                                  String publicKeyFingerprint) {
    static SlurmCredentialSlot of(CredentialSlot s) {
        return new SlurmCredentialSlot(s.name(), s.privateKey(), s.publicKey(), s.passphrase(), s.knownHosts(),
                s.publicKeyFingerprint());
    }
}
