package dev.beampipe.cli.project;

import picocli.CommandLine.Command;

/** {@code beampipe project}: project config files (validate, explain, render) and revisions (add/upload). */
@Command(name = "project", mixinStandardHelpOptions = true,
        description = "Validate, explain, render and upload beampipe.dev/v2 project configs.",
        subcommands = {ProjectValidateCommand.class, ProjectExplainCommand.class, ProjectRenderCommand.class,
                ProjectAddCommand.class})
public class ProjectCommand implements Runnable {
    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "a project subcommand is required");
    }
}
