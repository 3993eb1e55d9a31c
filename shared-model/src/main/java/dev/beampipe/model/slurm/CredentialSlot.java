package dev.beampipe.model.slurm;

/**
 * What an operator may know about one credential slot: which files exist, and the public key's SHA-256
 * fingerprint (as {@code ssh-keygen -l} prints it). Never key material.
 */
public record CredentialSlot(String name, boolean privateKey, boolean publicKey, boolean passphrase, boolean knownHosts,
                             String publicKeyFingerprint) {
}
