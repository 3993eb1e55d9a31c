package dev.beampipe.model.config.validation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** The validation report (30-project-config §5.1). {@code valid} is true iff there are no errors. */
public record ValidationReport(String projectId, boolean valid, List<Diagnostic> errors, List<Diagnostic> warnings,
        String specSha256) {

    public ValidationReport {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public static ValidationReport of(String projectId, List<Diagnostic> errors, List<Diagnostic> warnings,
            String specSha256) {
        return new ValidationReport(projectId, errors.isEmpty(), errors, warnings, specSha256);
    }

    /** The same report with more warnings appended (e.g. the API's {@code in_flight_config_pins}). */
    public ValidationReport withWarnings(List<Diagnostic> more) {
        List<Diagnostic> all = new ArrayList<>(warnings);
        all.addAll(more);
        return new ValidationReport(projectId, valid, errors, all, specSha256);
    }

    /** Key order {@code project_id, valid, errors, warnings (only if non-empty), spec_sha256}. */
    public ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("project_id", projectId);
        out.put("valid", valid);
        ArrayNode errorArray = out.putArray("errors");
        errors.forEach(d -> errorArray.add(d.toJson()));
        if (!warnings.isEmpty()) {
            ArrayNode warningArray = out.putArray("warnings");
            warnings.forEach(d -> warningArray.add(d.toJson()));
        }
        out.put("spec_sha256", specSha256);
        return out;
    }
}
