package dev.beampipe.cli.slurm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.beampipe.cli.output.CommandOutput;
import dev.beampipe.model.slurm.CredentialSlot;
import dev.beampipe.model.slurm.CredentialSlots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code slurm credentials list}: the valid slot names under the root, sorted. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the credential slot names.")
public class CredentialsListCommand implements Callable<Integer> {
    @Mixin
    CredentialRootOption dir;

    @ParentCommand
    CredentialsCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ArrayNode names = JsonNodeFactory.instance.arrayNode();
        new CredentialSlots(dir.root(parent)).list().stream().map(CredentialSlot::name).forEach(names::add);
        CommandOutput.json(spec, names);
        return 0;
    }
}
