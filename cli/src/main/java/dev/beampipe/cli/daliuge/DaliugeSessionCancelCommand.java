package dev.beampipe.cli.daliuge;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.cli.output.CommandOutput;
import dev.beampipe.model.daliuge.DaliugeEndpoints;
import dev.beampipe.model.daliuge.IslandManagerClient;
import dev.beampipe.model.daliuge.OperatorInspection;
import dev.beampipe.model.daliuge.SessionCancel;
import dev.beampipe.model.daliuge.SessionIds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code beampipe daliuge session-cancel ID}: cancel a DIM session directly, no ledger change. Confirmed like an
 * execution cancel (status polled until CANCELLED); without {@code BEAMPIPE_USE_REAL_BACKENDS=true} nothing is sent
 * (decision 14) and the command exits 1 naming the call it would have made.
 */
@Command(name = "session-cancel", mixinStandardHelpOptions = true,
        description = "Cancel a DIM session directly (no ledger change); exits 1 unless the DIM confirms it.")
public class DaliugeSessionCancelCommand implements Callable<Integer> {
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
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("session_id", sessionId);
        if (!parent.environment.realBackends()) {
            out.put("cancelled", false);
            out.put("dry_run", true);
            ObjectNode request = out.putObject("request");
            request.put("method", "POST");
            request.put("url", OperatorInspection.safeUrl(endpoints.dimUrl().replaceAll("/+$", "") + "/api/sessions/"
                    + SessionIds.pathSegment(sessionId) + "/cancel"));
            return finish(out, Optional.of("BEAMPIPE_USE_REAL_BACKENDS is not true: nothing was sent (dry-run)"));
        }
        Optional<String> notConfirmed = SessionCancel.standard()
                .cancelAndConfirm(new IslandManagerClient(endpoints.dimUrl(), endpoints.verifySsl()), sessionId);
        out.put("cancelled", notConfirmed.isEmpty());
        notConfirmed.ifPresent(reason -> out.put("reason", reason));
        return finish(out, notConfirmed);
    }

    private int finish(ObjectNode out, Optional<String> notConfirmed) {
        CommandOutput.json(spec, out);
        if (notConfirmed.isEmpty()) {
            return 0;
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("Error: the DALiuGE session cancel was not confirmed: " + notConfirmed.get());
        err.flush();
        return 1;
    }
}
