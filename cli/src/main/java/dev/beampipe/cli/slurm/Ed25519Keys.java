package dev.beampipe.cli.slurm;

import dev.beampipe.cli.CliException;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Optional;

/** An Ed25519 key generated in-process (no ssh-keygen), written in the OpenSSH private key format. */
public record Ed25519Keys(byte[] privateKeyFile, String publicKeyLine, String fingerprint) {

    /** A new key; with a passphrase the private key file is encrypted (aes256-ctr, bcrypt KDF) as ssh-keygen does. */
    public static Ed25519Keys generate(String comment, Optional<String> passphrase) {
        try {
            KeyPair pair = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
            OpenSSHKeyEncryptionContext encryption = null;
            if (passphrase.isPresent()) {
                encryption = new OpenSSHKeyEncryptionContext();
                encryption.setCipherName("AES");
                encryption.setCipherMode("CTR");
                encryption.setCipherType("256");
                encryption.setPassword(passphrase.get());
            }
            ByteArrayOutputStream privateKey = new ByteArrayOutputStream();
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, comment, encryption, privateKey);
            String publicLine = PublicKeyEntry.toString(pair.getPublic()) + " " + comment;
            return new Ed25519Keys(privateKey.toByteArray(), publicLine, KeyUtils.getFingerPrint(pair.getPublic()));
        } catch (IOException | GeneralSecurityException e) {
            throw new CliException("cannot generate an Ed25519 key: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public String toString() {
        return "Ed25519Keys[" + fingerprint + "]";
    }
}
