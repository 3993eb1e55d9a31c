package dev.beampipe.cli.daliuge;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.cli.CliException;
import dev.beampipe.cli.output.CommandOutput;
import dev.beampipe.model.daliuge.DaliugeEndpoints;
import dev.beampipe.model.daliuge.OperatorInspection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code beampipe daliuge inspect|ping [--profile NAME]}: {@code {profile, translator, manager}} (as GET /daliuge/inspect). */
@Command(name = "inspect", aliases = "ping", mixinStandardHelpOptions = true,
        description = "Ask the Translator Manager for its submission methods and the DIM for its nodes and sessions.")
public class DaliugeInspectCommand implements Callable<Integer> {
    @Option(names = "--profile", paramLabel = "NAME", description = "Deployment profile (else the default profile, else BEAMPIPE_TM_URL/BEAMPIPE_DIM_URL).")
    String profile;

    @ParentCommand
    DaliugeCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        DaliugeEndpoints endpoints = parent.endpoints(profile);
        if (endpoints.tmUrl() == null) {
            throw new CliException(DaliugeCommand.NO_TM);
        }
        OperatorInspection inspection = new OperatorInspection();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("profile", endpoints.profile());
        out.set("translator", DaliugeCommand.live(() -> inspection.translator(endpoints)));
        out.set("manager", endpoints.dimUrl() == null ? JsonNodeFactory.instance.nullNode()
                : DaliugeCommand.live(() -> inspection.manager(endpoints)));
        CommandOutput.json(spec, out);
        return 0;
    }
}
