package dev.beampipe.cli.slurm;

import dev.beampipe.cli.CliException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code slurm credentials import}: copies (never modifies) an existing key into a slot. Sources must be regular,
 * non-symlink files; the public key defaults to {@code <key>.pub}; known_hosts comes from {@code --known-hosts}, else
 * a scan of {@code --host}, else the slot's or the root's existing file — else nothing is written.
 */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Copy an existing private key into a credential slot.")
public class CredentialsImportCommand implements Callable<Integer> {
    @Option(names = "--slot", required = true)
    String slot;
    @Option(names = "--dir", description = "Credential root.")
    String dir;
    @Option(names = "--private-key", required = true, description = "The private key file to copy.")
    Path privateKey;
    @Option(names = "--public-key", description = "Its public key (default <private key>.pub when present).")
    Path publicKey;
    @Option(names = "--known-hosts", description = "A known_hosts file to copy into the slot.")
    Path knownHosts;
    @Option(names = "--passphrase-file", description = "The key's passphrase, copied to <slot>/passphrase.")
    Path passphraseFile;
    @Option(names = "--host", description = "Login node to scan when no --known-hosts is given.")
    String host;
    @Option(names = "--port", defaultValue = "22")
    int port;
    @Option(names = "--acl", description = "Grant the container uid 10001 read access with setfacl.")
    boolean acl;
    @Option(names = "--force", description = "Replace an existing slot.")
    boolean force;
    @Option(names = "--accept-host-key", description = "Trust the scanned host key without asking.")
    boolean acceptHostKey;

    @ParentCommand
    CredentialsCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SlotLayout layout = new SlotLayout(parent.root(dir), slot);
        SlotGuide.refuseOverwrite(layout, force);
        byte[] key = SlotFiles.readSource(privateKey, "private key");
        Path inferredPublic = publicKey != null ? publicKey : Path.of(privateKey + ".pub");
        byte[] pub = publicKey != null || Files.exists(inferredPublic) ? SlotFiles.readSource(inferredPublic, "public key") : null;
        byte[] passphrase = passphraseFile == null ? null : SlotFiles.readSource(passphraseFile, "passphrase file");
        byte[] hostsFile = knownHosts == null ? null : SlotFiles.readSource(knownHosts, "known_hosts file");
        ExternalProgram setfacl = acl ? SlotAcl.require(parent.env()) : null;
        List<HostKeyScan.HostKey> scanned = List.of();
        if (hostsFile == null) {
            if (host != null && !host.isBlank()) {
                scanned = HostKeyScan.scan(host, port, parent.env());
                HostKeyScan.confirm(scanned, acceptHostKey, parent.prompter(), out);
            } else if (!SlotFiles.present(layout.knownHosts()) && !SlotFiles.present(layout.sharedKnownHosts())) {
                throw new CliException("no known_hosts for slot '" + slot + "': pass --known-hosts FILE or --host LOGIN_NODE to scan it");
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
        SlotGuide.printAfterWrite(out, layout, pub == null ? null : new String(pub, StandardCharsets.UTF_8));
        return 0;
    }
}
