package dev.beampipe.cli;

import dev.beampipe.cli.admin.AdminCommand;
import dev.beampipe.cli.daliuge.DaliugeCommand;
import dev.beampipe.cli.execution.ExecutionCommand;
import dev.beampipe.cli.graph.GraphCommand;
import dev.beampipe.cli.scheduler.SchedulerCommand;
import dev.beampipe.cli.migrate.MigrateCommand;
import dev.beampipe.cli.profile.ProfileCommand;
import dev.beampipe.cli.project.ProjectCommand;
import dev.beampipe.cli.security.SecurityCommand;
import dev.beampipe.cli.slurm.SlurmCommand;
import dev.beampipe.cli.start.StartCommand;
import dev.beampipe.cli.timeline.TimelineCommand;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code beampipe}: the operator command. Without a subcommand it prints usage and exits 2. */
@TopCommand
@Command(name = "beampipe",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "beampipe control plane: migrations, the compact local mode, project configs, deployment profiles, timelines, execution recovery and DALiuGE inspection.",
        subcommands = {MigrateCommand.class, StartCommand.class, ProjectCommand.class, ProfileCommand.class,
                AdminCommand.class, SecurityCommand.class, TimelineCommand.class, ExecutionCommand.class,
                SchedulerCommand.class, SlurmCommand.class, DaliugeCommand.class, GraphCommand.class})
public class BeampipeCommand implements Callable<Integer> {

    @Mixin
    HomeOption home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /** The {@code --home} given before the subcommand, or null. */
    public String homeFlag() {
        return home == null ? null : home.value();
    }
}
