package dev.beampipe.cli.execution;

import dev.beampipe.cli.OperatorEnvironment;
import dev.beampipe.cli.output.CommandOutput;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ledger.control.ExecutionRetry;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code beampipe execution retry ID --reason TEXT}: the shared stage-aware retry (10-state §2.9) with actor
 * {@code operator:cli}; a refusal prints its code and changes nothing.
 */
@Command(name = "retry", mixinStandardHelpOptions = true,
        description = "Retry a failed execution from its last safe stage (refused while external work may exist).")
public class ExecutionRetryCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "The execution uuid.")
    String id;

    @Option(names = "--reason", required = true, description = "Why the execution is retried (1..1000 bytes, recorded).")
    String reason;

    @ParentCommand
    ExecutionCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        UUID execution = OperatorEnvironment.executionId(id);
        try (Database db = parent.environment.openDatabase()) {
            ExecutionRetry.Result r = ControlRefusals.run(() ->
                    new ExecutionRetry(db).retry(execution, reason, OperatorEnvironment.ACTOR, null));
            CommandOutput.json(spec, new JsonObject().put("status", "accepted").put("execution_id", r.executionId().toString())
                    .put("job_id", r.jobId().toString()).put("retry_count", r.retryCount()).put("stage", r.plan().stage())
                    .put("do_stage", r.plan().doStage()).put("do_submit", r.plan().doSubmit()));
        }
        return 0;
    }
}
