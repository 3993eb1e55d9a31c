package dev.beampipe.cli.slurm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.cli.CliException;
import dev.beampipe.cli.output.CommandOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.util.concurrent.Callable;

/** {@code slurm credentials remove --yes}: deletes a slot directory (never a symlink or a non-directory). */
@Command(name = "remove", mixinStandardHelpOptions = true, description = "Delete a credential slot (needs --yes).")
public class CredentialsRemoveCommand implements Callable<Integer> {
    @Mixin
    SlotOptions slot;
    @Option(names = "--yes", description = "Confirm: deployment profiles no longer use this slot.")
    boolean yes;

    @ParentCommand
    CredentialsCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SlotLayout layout = slot.layout(parent);
        if (!yes) {
            throw new CliException("removing slot '" + layout.slot() + "' deletes its private key; pass --yes after deployment profiles have been reassigned");
        }
        if (!Files.exists(layout.dir(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw SlotOptions.missing(layout);
        }
        SlotFiles.removeSlot(layout.dir());
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("slot", layout.slot());
        o.put("removed", layout.dir().toString());
        CommandOutput.json(spec, o);
        return 0;
    }
}
