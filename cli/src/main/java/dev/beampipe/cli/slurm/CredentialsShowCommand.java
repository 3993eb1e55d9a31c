package dev.beampipe.cli.slurm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.cli.output.CommandOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code slurm credentials show}: paths, presence and modes of a slot's files — never their contents. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a slot's files (paths, presence, modes; never contents).")
public class CredentialsShowCommand implements Callable<Integer> {
    @Mixin
    SlotOptions slot;

    @ParentCommand
    CredentialsCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SlotLayout layout = slot.existing(parent);
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("slot", layout.slot());
        o.put("root", layout.root().toString());
        o.set("private_key", file(layout.privateKey()));
        o.set("public_key", file(layout.publicKey()));
        o.set("passphrase", file(layout.passphrase()));
        o.set("known_hosts", file(SlotFiles.present(layout.knownHosts()) || !SlotFiles.present(layout.sharedKnownHosts())
                ? layout.knownHosts() : layout.sharedKnownHosts()));
        CommandOutput.json(spec, o);
        return 0;
    }

    static ObjectNode file(Path path) {
        ObjectNode f = JsonNodeFactory.instance.objectNode();
        f.put("path", path.toString());
        f.put("present", SlotFiles.present(path));
        SlotFiles.mode(path).ifPresent(m -> f.put("mode", m));
        return f;
    }
}
