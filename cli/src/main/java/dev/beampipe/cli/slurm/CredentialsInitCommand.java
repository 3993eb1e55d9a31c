package dev.beampipe.cli.slurm;

import dev.beampipe.cli.CliException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code slurm credentials init}: a new Ed25519 key generated in-process, its optional passphrase, and the login node's
 * host key scanned into the shared known_hosts after the operator trusted its fingerprint. Everything that can fail
 * on input (flags, passphrase, scan, trust, missing tools) is settled before the first file is written.
 */
@Command(name = "init", mixinStandardHelpOptions = true, description = "Generate an Ed25519 key into a credential slot.")
public class CredentialsInitCommand implements Callable<Integer> {
    @Mixin
    SlotOptions slot;
    @Option(names = "--host", description = "Login node to scan the host key of (required unless --skip-keyscan).")
    String host;
    @Option(names = "--port", defaultValue = "22", description = "SSH port (default ${DEFAULT-VALUE}).")
    int port;
    @Option(names = "--user", description = "Remote account, for --copy-id.")
    String user;
    @Option(names = "--passphrase-file", description = "File holding the key's passphrase (trailing newline ignored).")
    Path passphraseFile;
    @Option(names = "--no-passphrase", description = "Leave the key unencrypted.")
    boolean noPassphrase;
    @Option(names = "--copy-id", description = "Run ssh-copy-id afterwards (needs --user and --host).")
    boolean copyId;
    @Option(names = "--yes", description = "Non-interactive: never prompt (needs --passphrase-file or --no-passphrase).")
    boolean yes;
    @Option(names = "--skip-keyscan", description = "Do not scan the host key (known_hosts is then the operator's job).")
    boolean skipKeyscan;
    @Mixin
    SlotWriteOptions write;

    @ParentCommand
    CredentialsCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SlotLayout layout = slot.layout(parent);
        SlotGuide.refuseOverwrite(layout, write.force);
        if (!skipKeyscan && (host == null || host.isBlank())) {
            throw new CliException("--host is required unless --skip-keyscan");
        }
        if (copyId && (user == null || host == null)) {
            throw new CliException("--copy-id needs --user and --host");
        }
        if (port < 1 || port > 65535) {
            throw new CliException("--port must be 1..65535");
        }
        ExternalProgram setfacl = write.acl ? SlotAcl.require(parent.env()) : null;
        ExternalProgram sshCopyId = copyId ? CredentialsCopyIdCommand.program(parent.env()) : null;
        Optional<String> passphrase = PassphraseInput.resolve(passphraseFile, noPassphrase, yes, parent.prompter());
        List<HostKeyScan.HostKey> hostKeys = skipKeyscan ? List.of() : HostKeyScan.scan(host, port, parent.env());
        if (!hostKeys.isEmpty()) {
            HostKeyScan.confirm(hostKeys, write.acceptHostKey, parent.prompter(), out);
        }

        Ed25519Keys key = Ed25519Keys.generate("beampipe-" + layout.slot() + "@" + localHostName(), passphrase);
        SlotGuide.root(layout.root());
        SlotFiles.directory(layout.dir());
        // a replaced slot (--force) keeps nothing the new key does not supply
        if (passphrase.isEmpty()) {
            SlotFiles.removeStale(layout.passphrase());
        }
        if (!hostKeys.isEmpty()) {
            SlotFiles.removeStale(layout.knownHosts());
        }
        SlotFiles.write(layout.privateKey(), key.privateKeyFile(), SlotFiles.SECRET_MODE);
        SlotFiles.write(layout.publicKey(), (key.publicKeyLine() + "\n").getBytes(StandardCharsets.UTF_8), SlotFiles.PUBLIC_MODE);
        if (passphrase.isPresent()) {
            SlotFiles.write(layout.passphrase(), passphrase.get().getBytes(StandardCharsets.UTF_8), SlotFiles.SECRET_MODE);
        }
        if (!hostKeys.isEmpty()) {
            HostKeyScan.append(layout.sharedKnownHosts(), hostKeys);
        }
        if (setfacl != null) {
            SlotAcl.apply(setfacl, layout);
        }
        out.println("Generated ssh-ed25519 key " + key.fingerprint());
        SlotGuide.printAfterWrite(out, layout, key.publicKeyLine());
        if (sshCopyId == null && !yes && user != null && host != null && parent.prompter().interactive()
                && parent.prompter().confirm("Install the public key on " + user + "@" + host + " with ssh-copy-id now?")) {
            sshCopyId = CredentialsCopyIdCommand.program(parent.env());
        }
        if (sshCopyId != null) {
            CredentialsCopyIdCommand.copy(sshCopyId, layout, user, host, port);
        }
        return 0;
    }

    static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
