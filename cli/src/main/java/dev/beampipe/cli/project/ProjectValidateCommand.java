package dev.beampipe.cli.project;

import dev.beampipe.cli.output.Output;
import dev.beampipe.model.config.validation.ProjectConfigValidation;
import dev.beampipe.model.config.validation.SpecHasher;
import dev.beampipe.model.config.validation.ValidationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code beampipe project validate -f FILE}: the report as JSON on stdout, warnings on stderr, exit 1 when invalid. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Validate a project config file.")
public class ProjectValidateCommand implements Callable<Integer> {
    @Option(names = {"-f", "--file"}, required = true, description = "project config (YAML or JSON)")
    Path file;

    @Override
    public Integer call() {
        ValidationReport report = ProjectConfigValidation.validate(Output.read(file), SpecHasher.canonical());
        Output.json(report.toJson());
        ProjectFiles.printWarnings(report);
        return report.valid() ? 0 : 1;
    }
}
