package dev.beampipe.model.config.validation;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One finding of parsing or validation (30-project-config §5.1); {@code hint} is null when absent. */
public record Diagnostic(String path, Severity severity, String code, String message, String hint) {

    public static Diagnostic error(String path, String code, String message) {
        return new Diagnostic(path, Severity.ERROR, code, message, null);
    }

    public static Diagnostic error(String path, String code, String message, String hint) {
        return new Diagnostic(path, Severity.ERROR, code, message, hint);
    }

    public static Diagnostic warning(String path, String code, String message) {
        return new Diagnostic(path, Severity.WARNING, code, message, null);
    }

    /** Key order {@code path, severity, code, message, hint?}. */
    public ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("path", path);
        out.put("severity", severity.wireName());
        out.put("code", code);
        out.put("message", message);
        if (hint != null) {
            out.put("hint", hint);
        }
        return out;
    }
}
