package dev.beampipe.cli.slurm;

import dev.beampipe.cli.CliException;
import dev.beampipe.model.slurm.ssh.KnownHosts;
import dev.beampipe.model.slurm.ssh.SshFailure;

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
 * file — else nothing is written. Every source is read and every check made before the first write. With
 * {@code force}, the files of the replaced slot that this import does not supply are removed (a stale public key,
 * passphrase, or the slot's known_hosts when the scanned key goes to the root's file).
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
        byte[] hostsFile = knownHosts == null ? null : requireHostKeys(knownHosts, SlotFiles.readSource(knownHosts, "known_hosts file"));
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
        // a replaced slot (--force) keeps nothing of the previous key that this import does not supply
        if (pub == null) {
            SlotFiles.removeStale(layout.publicKey());
        }
        if (passphrase == null) {
            SlotFiles.removeStale(layout.passphrase());
        }
        if (!scanned.isEmpty()) {
            SlotFiles.removeStale(layout.knownHosts());
        }
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

    /** The file parses as the services parse it (no hashed entries, no markers) and holds at least one host key. */
    static byte[] requireHostKeys(Path source, byte[] content) {
        KnownHosts parsed;
        try {
            parsed = KnownHosts.parse(new String(content, StandardCharsets.UTF_8));
        } catch (SshFailure e) {
            throw new CliException("known_hosts file " + source + ": " + e.getMessage());
        }
        if (parsed.isEmpty()) {
            throw new CliException("known_hosts file " + source + " holds no host key: expected lines such as "
                    + "'[login.example]:22 ssh-ed25519 AAAA…' (ssh-keyscan output)");
        }
        return content;
    }
}
