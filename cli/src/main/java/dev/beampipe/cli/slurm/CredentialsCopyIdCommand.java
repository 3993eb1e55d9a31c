package dev.beampipe.cli.slurm;

import dev.beampipe.cli.CliException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code slurm credentials copy-id}: {@code ssh-copy-id -i <slot>/private_key.pub -p PORT user@host}. */
@Command(name = "copy-id", mixinStandardHelpOptions = true, description = "Install the slot's public key on the login node with ssh-copy-id.")
public class CredentialsCopyIdCommand implements Callable<Integer> {
    @Mixin
    SlotOptions slot;
    @Option(names = "--user", required = true)
    String user;
    @Option(names = "--host", required = true)
    String host;
    @Option(names = "--port", defaultValue = "22")
    int port;

    @ParentCommand
    CredentialsCommand parent;

    @Override
    public Integer call() {
        SlotLayout layout = slot.layout(parent);
        copy(program(parent.env()), layout, user, host, port);
        return 0;
    }

    static ExternalProgram program(Map<String, String> env) {
        return ExternalProgram.require("ssh-copy-id", env, "install the OpenSSH client, e.g. apt-get install openssh-client");
    }

    static void copy(ExternalProgram sshCopyId, SlotLayout layout, String user, String host, int port) {
        if (!SlotFiles.present(layout.publicKey())) {
            throw new CliException("slot '" + layout.slot() + "' has no public key at " + layout.publicKey());
        }
        if (user.startsWith("-") || host.startsWith("-") || user.contains("@")) {
            throw new CliException("invalid --user/--host");
        }
        int exit = sshCopyId.runInteractive(List.of("-i", layout.publicKey().toString(), "-p", Integer.toString(port), user + "@" + host));
        if (exit != 0) {
            throw new CliException("ssh-copy-id exited with " + exit + "; install the public key by hand (see docs/slurm.md)");
        }
    }
}
