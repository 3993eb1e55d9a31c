package dev.beampipe.cli.start;

import dev.beampipe.cli.BeampipeCommand;
import dev.beampipe.cli.HomeOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/**
 * {@code beampipe start [--worker BOOL] [--port N]}: the compact local mode, in the foreground. Ctrl-C
 * (SIGINT) or SIGTERM stops everything and exits 0.
 */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = {
            "Run beampipe locally in the foreground (compact local mode).",
            "Starts an embedded PostgreSQL (unless DATABASE_URL is set), applies migrations, then runs",
            "scheduler-service, worker-service and api-service as child processes.",
            "Logs: <home>/local/logs/<service>.log. Ctrl-C stops everything."})
public class StartCommand implements Callable<Integer> {

    @Mixin
    HomeOption home;

    @ParentCommand
    BeampipeCommand top;

    @Option(names = "--worker", arity = "1", paramLabel = "BOOL", defaultValue = "true",
            description = "Also run worker-service (default: ${DEFAULT-VALUE}).")
    boolean worker = true;

    @Option(names = "--port", paramLabel = "N",
            description = "API port on 127.0.0.1 (default 8080, or the port of BEAMPIPE_BIND_ADDR).")
    Integer port;

    @Override
    public Integer call() {
        StartPlan plan = StartPlan.resolve(HomeOption.effective(home, top), port, worker, System.getenv(),
                AppHome.cliLocations());
        return new LocalMode(plan, System.getenv()).run();
    }

    boolean worker() {
        return worker;
    }

    Integer port() {
        return port;
    }
}
