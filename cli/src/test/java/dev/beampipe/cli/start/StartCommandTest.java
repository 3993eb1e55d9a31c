package dev.beampipe.cli.start;

import dev.beampipe.cli.BeampipeCommand;
import dev.beampipe.cli.CliSetup;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class StartCommandTest {
    private final StringWriter err = new StringWriter();

    private CommandLine cli() {
        return CliSetup.configure(new CommandLine(new BeampipeCommand()))
                .setOut(new PrintWriter(new StringWriter(), true))
                .setErr(new PrintWriter(err, true));
    }

    private StartCommand parse(String... args) {
        CommandLine cli = cli();
        cli.parseArgs(args);
        return cli.getSubcommands().get("start").getCommand();
    }

    @Test
    void defaultsRunTheWorkerOnTheDefaultPort() {
        StartCommand start = parse("start");
        assertThat(start.worker()).isTrue();
        assertThat(start.port()).isNull();
    }

    @Test
    void workerTakesAnExplicitBoolean() {
        assertThat(parse("start", "--worker", "false").worker()).isFalse();
        assertThat(parse("start", "--worker=true").worker()).isTrue();
        assertThat(parse("start", "--worker", "FALSE", "--port", "9000").port()).isEqualTo(9000);
    }

    @Test
    void badValuesAreUsageErrors() {
        assertThat(cli().execute("start", "--worker", "maybe")).isEqualTo(2);
        assertThat(cli().execute("start", "--worker")).isEqualTo(2);
        assertThat(cli().execute("start", "--port", "http")).isEqualTo(2);
        assertThat(err.toString()).contains("--worker", "--port");
    }

    @Test
    void servicesStartSchedulerFirstAndApiLast() {
        assertThat(StartPlan.services(true)).containsExactly(Service.SCHEDULER, Service.WORKER, Service.API);
        assertThat(StartPlan.services(false)).containsExactly(Service.SCHEDULER, Service.API);
        assertThat(StartPlan.processes(true, true))
                .containsExactly(Service.TAP_SIMULATOR, Service.SCHEDULER, Service.WORKER, Service.API);
        assertThat(StartPlan.processes(false, true)).containsExactly(Service.TAP_SIMULATOR, Service.SCHEDULER, Service.API);
        assertThat(StartPlan.processes(true, false)).containsExactly(Service.SCHEDULER, Service.WORKER, Service.API);
        assertThat(Supervisor.STOP_ORDER).containsExactly(Service.API, Service.WORKER, Service.SCHEDULER, Service.TAP_SIMULATOR);
    }
}
