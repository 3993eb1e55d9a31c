package dev.beampipe.cli;

import dev.beampipe.cli.migrate.MigrateCommand;
import dev.beampipe.model.BuildInfo;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class BeampipeCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine cli() {
        return CliSetup.configure(new CommandLine(new BeampipeCommand()))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
    }

    @Test
    void versionPrintsBeampipeAndTheBuildVersion() {
        for (String flag : new String[] {"--version", "-V"}) {
            out.getBuffer().setLength(0);
            assertThat(cli().execute(flag)).isZero();
            assertThat(out.toString().strip()).isEqualTo("beampipe " + BuildInfo.version());
        }
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void helpIsAvailableOnEveryLevel() {
        assertThat(cli().execute("--help")).isZero();
        assertThat(out.toString()).contains("migrate", "start", "--home");
        assertThat(cli().execute("start", "-h")).isZero();
        assertThat(out.toString()).contains("--worker", "--port");
        assertThat(cli().execute("timeline", "project", "--help")).isZero();
        assertThat(out.toString()).contains("timeline project", "--limit", "--table");
    }

    @Test
    void usageErrorsExitWith2OnStderr() {
        assertThat(cli().execute("--bogus")).isEqualTo(2);
        assertThat(cli().execute("nosuchcommand")).isEqualTo(2);
        assertThat(cli().execute()).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("Unknown option: '--bogus'", "Usage: beampipe");
    }

    @Test
    void homeIsAcceptedBeforeOrAfterTheSubcommand() {
        CommandLine before = cli();
        before.parseArgs("--home", "/a", "migrate");
        MigrateCommand migrate = before.getSubcommands().get("migrate").getCommand();
        assertThat(HomeOption.effective(migrateHome(migrate), before.getCommand())).isEqualTo("/a");

        CommandLine after = cli();
        after.parseArgs("migrate", "--home", "/b");
        MigrateCommand migrate2 = after.getSubcommands().get("migrate").getCommand();
        assertThat(HomeOption.effective(migrateHome(migrate2), after.getCommand())).isEqualTo("/b");

        CommandLine both = cli();
        both.parseArgs("--home", "/a", "migrate", "--home", "/b");
        MigrateCommand migrate3 = both.getSubcommands().get("migrate").getCommand();
        assertThat(HomeOption.effective(migrateHome(migrate3), both.getCommand())).isEqualTo("/b");
    }

    private static HomeOption migrateHome(MigrateCommand command) {
        try {
            var field = MigrateCommand.class.getDeclaredField("home");
            field.setAccessible(true);
            return (HomeOption) field.get(command);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
