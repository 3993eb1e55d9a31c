package dev.beampipe.cli.project;

import dev.beampipe.cli.CliException;
import dev.beampipe.model.config.model.ProjectConfig;
import dev.beampipe.model.config.validation.Diagnostic;
import dev.beampipe.model.config.validation.ParseResult;
import dev.beampipe.model.config.validation.ProjectConfigValidation;
import dev.beampipe.model.config.validation.SpecHasher;
import dev.beampipe.model.config.validation.ValidationReport;

import java.util.stream.Collectors;

/** Parse + validate helpers shared by the project commands. */
final class ProjectFiles {
    private ProjectFiles() {
    }

    /** A config that parses, or a CLI error naming the one parse diagnostic. */
    static ProjectConfig parsed(byte[] raw, String file) {
        ParseResult result = ProjectConfigValidation.parse(raw);
        if (result instanceof ParseResult.Failed failed) {
            Diagnostic d = failed.error();
            throw new CliException(file + ": " + d.path() + ": " + d.message() + " [" + d.code() + "]");
        }
        return ((ParseResult.Parsed) result).config();
    }

    static ValidationReport report(ProjectConfig config) {
        return ProjectConfigValidation.validate(config, SpecHasher.canonical(), null);
    }

    /** A config that parses and validates, or a CLI error listing the first three errors. */
    static ProjectConfig valid(byte[] raw, String file) {
        ProjectConfig config = parsed(raw, file);
        ValidationReport report = report(config);
        if (!report.valid()) {
            throw new CliException(file + " is not a valid project config: " + report.errors().stream().limit(3)
                    .map(d -> d.path() + ": " + d.message()).collect(Collectors.joining("; ")));
        }
        return config;
    }

    static void printWarnings(ValidationReport report) {
        for (Diagnostic w : report.warnings()) {
            System.err.println("warning[" + w.code() + "] " + w.path() + ": " + w.message());
        }
    }
}
