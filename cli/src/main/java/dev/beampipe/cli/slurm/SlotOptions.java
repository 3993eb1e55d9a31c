package dev.beampipe.cli.slurm;

import dev.beampipe.cli.CliException;
import picocli.CommandLine.Option;

import java.nio.file.Files;

/** The {@code --slot} and {@code --dir} options of the {@code slurm credentials} subcommands (a picocli mixin). */
public class SlotOptions extends CredentialRootOption {
    @Option(names = "--slot", required = true, description = "Slot name (1-50 of A-Z a-z 0-9 . _ -).")
    String slot;

    /** The slot's files under the root; an invalid slot name is a {@link CliException}. */
    SlotLayout layout(CredentialsCommand parent) {
        return new SlotLayout(root(parent), slot);
    }

    /** {@link #layout}, of a slot directory that must exist. */
    SlotLayout existing(CredentialsCommand parent) {
        SlotLayout layout = layout(parent);
        if (!Files.isDirectory(layout.dir())) {
            throw missing(layout);
        }
        return layout;
    }

    static CliException missing(SlotLayout layout) {
        return new CliException("credential slot '" + layout.slot() + "' does not exist under " + layout.root());
    }
}
