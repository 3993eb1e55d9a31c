package dev.beampipe.api.errors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/** Short, client-safe descriptions of Jackson failures: the offending path and position, no class names. */
final class JsonErrors {
    private JsonErrors() {
    }

    static String describe(JsonProcessingException e) {
        String what = e.getOriginalMessage() == null ? "invalid JSON" : tidy(firstLine(e.getOriginalMessage()));
        return what + at(e.getLocation());
    }

    static String describe(JsonMappingException e) {
        String path = path(e);
        String what;
        if (e instanceof UnrecognizedPropertyException u) {
            what = "unknown field `" + u.getPropertyName() + "`";
        } else {
            what = e.getOriginalMessage() == null ? "invalid value" : firstLine(e.getOriginalMessage());
        }
        return (path.isEmpty() ? "" : path + ": ") + tidy(stripJavaTypes(what)) + at(e.getLocation());
    }

    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + " column " + location.getColumnNr();
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Drops Jackson's notes about its own configuration, which mean nothing to a client. */
    static String tidy(String message) {
        return message
                .replaceAll("\\s*\\(start marker at \\[Source:[^\\]]*?line: (\\d+), column: (\\d+)]\\)", " (opened at line $1 column $2)")
                .replaceAll("\\s*\\(but could if coercion was enabled using `CoercionConfig`\\)", "")
                .replaceAll("\\s*\\(token `JsonToken\\.[A-Z_]+`\\)", "");
    }

    /** "Cannot deserialize value of type `java.util.UUID` from ..." says too much about our classes. */
    private static String stripJavaTypes(String message) {
        return message.replaceAll("`(?:[a-z]+\\.)+([A-Za-z$]+)`", "`$1`").replaceAll("dev\\.beampipe\\.[\\w.$]+", "request");
    }
}
