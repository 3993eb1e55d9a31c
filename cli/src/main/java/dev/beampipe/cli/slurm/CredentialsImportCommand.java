package dev.beampipe.cli.slurm;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code slurm credentials import}: copies an existing key into a slot ({@link SlotImport}). */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Copy an existing private key into a credential slot.")
public class CredentialsImportCommand implements Callable<Integer> {
    @Mixin
    SlotOptions slot;
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
    @Mixin
    SlotWriteOptions write;

    @ParentCommand
    CredentialsCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SlotImport.Imported imported = new SlotImport(slot.root(parent), slot.slot, privateKey, publicKey, knownHosts, passphraseFile,
                host, port, write.acl, write.force, write.acceptHostKey).run(parent.env(), parent.prompter(), out);
        SlotGuide.printAfterWrite(out, imported.layout(), imported.publicKeyLine());
        return 0;
    }
}
