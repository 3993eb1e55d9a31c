package dev.beampipe.cli.slurm;

import dev.beampipe.cli.CliException;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What {@code init} and {@code import} check before writing and print afterwards (50-operations §1.6). */
final class SlotGuide {
    private SlotGuide() {
    }

    /** An existing slot (any of its files present) is replaced only with {@code --force}. */
    static void refuseOverwrite(SlotLayout slot, boolean force) {
        if (Files.isSymbolicLink(slot.dir())) {
            throw new CliException(slot.dir() + " is a symbolic link; refusing to write credentials through it");
        }
        boolean exists = List.of(slot.privateKey(), slot.publicKey(), slot.passphrase(), slot.knownHosts()).stream()
                .anyMatch(SlotFiles::present);
        if (exists && !force) {
            throw new CliException("credential slot '" + slot.slot() + "' already exists at " + slot.dir()
                    + "; pass --force to replace it");
        }
    }

    static void root(Path root) {
        if (!Files.isDirectory(root)) {
            SlotFiles.directory(root);
        }
    }

    static void printAfterWrite(PrintWriter out, SlotLayout slot, String publicKeyLine) {
        out.println("SSH credential slot '" + slot.slot() + "' written:");
        for (Path p : List.of(slot.privateKey(), slot.publicKey(), slot.passphrase(), slot.knownHosts(), slot.sharedKnownHosts())) {
            if (SlotFiles.present(p)) {
                out.println("  " + p + " (" + SlotFiles.mode(p).orElse("?") + ")");
            }
        }
        if (publicKeyLine != null) {
            out.println();
            out.println("Public key:");
            out.println(publicKeyLine.strip());
            out.println();
            out.println("Install it in ~/.ssh/authorized_keys of the remote account: run");
            out.println("  beampipe slurm credentials copy-id --slot " + slot.slot() + " --user USER --host LOGIN_NODE");
            out.println("or append the line above by hand (cat >> ~/.ssh/authorized_keys), or paste it into the facility's portal.");
        }
        out.println();
        out.println("Then: set deployment.ssh_credential: " + slot.slot() + " in the deployment profile, run");
        out.println("  beampipe slurm credentials check --slot " + slot.slot());
        out.println("  beampipe slurm credentials sync --slot " + slot.slot());
        out.println("  beampipe slurm ping --profile PROFILE");
        out.flush();
    }
}
