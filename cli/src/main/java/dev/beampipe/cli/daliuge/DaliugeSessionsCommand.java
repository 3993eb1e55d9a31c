package dev.beampipe.cli.daliuge;

import dev.beampipe.cli.output.CommandOutput;
import dev.beampipe.model.daliuge.DaliugeEndpoints;
import dev.beampipe.model.daliuge.OperatorInspection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code beampipe daliuge sessions [--profile NAME]}: the DIM's {@code [{sessionId, status, size}]}. */
@Command(name = "sessions", mixinStandardHelpOptions = true, description = "List the Data Island Manager's sessions.")
public class DaliugeSessionsCommand implements Callable<Integer> {
    @Option(names = "--profile", paramLabel = "NAME", description = "Deployment profile (else the default profile, else BEAMPIPE_DIM_URL).")
    String profile;

    @ParentCommand
    DaliugeCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        DaliugeEndpoints endpoints = DaliugeCommand.requireDim(parent.endpoints(profile));
        CommandOutput.json(spec, DaliugeCommand.live(() -> new OperatorInspection().sessions(endpoints)));
        return 0;
    }
}
