package dev.beampipe.cli.daliuge;

import dev.beampipe.cli.output.CommandOutput;
import dev.beampipe.model.daliuge.DaliugeEndpoints;
import dev.beampipe.model.daliuge.OperatorInspection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code beampipe daliuge session-inspect ID}: one session observation (status, per node, graph drop counts). */
@Command(name = "session-inspect", mixinStandardHelpOptions = true, description = "Observe one DALiuGE session.")
public class DaliugeSessionInspectCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "The DALiuGE session id.")
    String sessionId;

    @Option(names = "--profile", paramLabel = "NAME", description = "Deployment profile (else the default profile, else BEAMPIPE_DIM_URL).")
    String profile;

    @ParentCommand
    DaliugeCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        DaliugeEndpoints endpoints = DaliugeCommand.requireDim(parent.endpoints(profile));
        CommandOutput.json(spec, DaliugeCommand.live(() -> new OperatorInspection().session(endpoints, sessionId)));
        return 0;
    }
}
