package dev.beampipe.model.config.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.canonical.Sha256;
import dev.beampipe.model.config.binding.BindingException;
import dev.beampipe.model.config.binding.ConfigBinder;
import dev.beampipe.model.config.model.ModelTree;
import dev.beampipe.model.config.model.ProjectConfig;
import dev.beampipe.model.config.yaml.YamlLoadException;
import dev.beampipe.model.config.yaml.YamlTreeLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Front door of 30-project-config §5.1: parse (one error on failure, raw-bytes hash), then collect the semantic
 * errors and warnings, hashing the typed model with the given {@link SpecHasher}.
 */
public final class ProjectConfigValidation {

    static final String YAML_HINT = "correct the YAML syntax and validate the document again";
    static final String VALUE_HINT = "use string keys and values supported by the v2 project schema";
    static final String STRUCTURE_HINT = "remove unknown fields or correct the value to match the v2 schema";

    private ProjectConfigValidation() {
    }

    public static ParseResult parse(byte[] raw) {
        JsonNode tree;
        try {
            tree = YamlTreeLoader.load(raw);
        } catch (YamlLoadException e) {
            return new ParseResult.Failed(loadDiagnostic(e), "");
        }
        try {
            return new ParseResult.Parsed(tree, ConfigBinder.bind(tree));
        } catch (BindingException e) {
            Diagnostic error = Diagnostic.error(e.path().toString(), "invalid_config_structure", e.getMessage(),
                    STRUCTURE_HINT);
            return new ParseResult.Failed(error, projectId(tree));
        }
    }

    public static ParseResult parse(String text) {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The report of the CLI's {@code project validate}: no previous revision. */
    public static ValidationReport validate(byte[] raw, SpecHasher hasher) {
        return validate(raw, hasher, null);
    }

    /** The report of an upload; {@code previous} (nullable) is the active revision being replaced. */
    public static ValidationReport validate(byte[] raw, SpecHasher hasher, ProjectConfig previous) {
        ParseResult result = parse(raw);
        if (result instanceof ParseResult.Failed failed) {
            return ValidationReport.of(failed.projectId(), List.of(failed.error()), List.of(), Sha256.hex(raw));
        }
        return validate(((ParseResult.Parsed) result).config(), hasher, previous);
    }

    public static ValidationReport validate(ProjectConfig config, SpecHasher hasher, ProjectConfig previous) {
        List<Diagnostic> warnings = new ArrayList<>(ConfigValidator.warnings(config));
        if (previous != null) {
            warnings.addAll(RevisionWarnings.compare(previous, config));
        }
        return ValidationReport.of(config.metadata().id(), ConfigValidator.errors(config), warnings,
                hasher.hash(ModelTree.toJson(config)));
    }

    private static Diagnostic loadDiagnostic(YamlLoadException e) {
        if (e.kind() == YamlLoadException.Kind.JSON_VALUE) {
            return Diagnostic.error("$", "invalid_config_value", e.getMessage(), VALUE_HINT);
        }
        String path = e.position() == null ? "$" : e.position().toString();
        return Diagnostic.error(path, "invalid_yaml", e.getMessage(), YAML_HINT);
    }

    private static String projectId(JsonNode tree) {
        JsonNode id = tree.path("metadata").path("id");
        return id.isTextual() ? id.textValue() : "";
    }
}
