package dev.beampipe.cli.slurm;

import dev.beampipe.cli.CliException;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Copies (never modifies) an existing key into a slot — {@code slurm credentials import} and {@code profile add
 * --ssh-private-key}. Sources must be regular, non-symlink files; the public key defaults to {@code <key>.pub};
 * known_hosts comes from {@code knownHosts}, else a scan of {@code host}, else the slot's or the root's existing
 * file — else nothing is written. Every source is read and every check made before the first write.
 */
public record SlotImport(Path root, String slot, Path privateKey, Path publicKey, Path knownHosts, Path passphraseFile,
                         String host, int port, boolean acl, boolean force, boolean acceptHostKey) {

    /** The slot written, and its public key line if one was copied. */
    public record Imported(SlotLayout layout, String publicKeyLine) {
    }

    public Imported run(Map<String, String> env, Prompter prompter, PrintWriter out) {
        SlotLayout layout = new SlotLayout(root, slot);
        SlotGuide.refuseOverwrite(layout, force);
        byte[] key = SlotFiles.readSource(privateKey, "private key");
        Path inferredPublic = publicKey != null ? publicKey : Path.of(privateKey + ".pub");
        byte[] pub = publicKey != null || Files.exists(inferredPublic) ? SlotFiles.readSource(inferredPublic, "public key") : null;
        byte[] passphrase = passphraseFile == null ? null : SlotFiles.readSource(passphraseFile, "passphrase file");
        byte[] hostsFile = knownHosts == null ? null : SlotFiles.readSource(knownHosts, "known_hosts file");
        ExternalProgram setfacl = acl ? SlotAcl.require(env) : null;
        List<HostKeyScan.HostKey> scanned = List.of();
        if (hostsFile == null) {
            if (host != null && !host.isBlank()) {
                scanned = HostKeyScan.scan(host, port, env);
                HostKeyScan.confirm(scanned, acceptHostKey, prompter, out);
            } else if (!SlotFiles.present(layout.knownHosts()) && !SlotFiles.present(layout.sharedKnownHosts())) {
                throw new CliException("no known_hosts for slot '" + slot + "': pass a known_hosts file or a login node to scan");
            }
        }

        SlotGuide.root(layout.root());
        SlotFiles.directory(layout.dir());
        SlotFiles.write(layout.privateKey(), key, SlotFiles.SECRET_MODE);
        if (pub != null) {
            SlotFiles.write(layout.publicKey(), pub, SlotFiles.PUBLIC_MODE);
        }
        if (passphrase != null) {
            SlotFiles.write(layout.passphrase(), passphrase, SlotFiles.SECRET_MODE);
        }
        if (hostsFile != null) {
            SlotFiles.write(layout.knownHosts(), hostsFile, SlotFiles.PUBLIC_MODE);
        }
        if (!scanned.isEmpty()) {
            HostKeyScan.append(layout.sharedKnownHosts(), scanned);
        }
        if (setfacl != null) {
            SlotAcl.apply(setfacl, layout);
        }
        return new Imported(layout, pub == null ? null : new String(pub, StandardCharsets.UTF_8));
    }
}
