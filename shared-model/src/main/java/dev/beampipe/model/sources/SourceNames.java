package dev.beampipe.model.sources;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a project module and a source identifier may look like. The reference accepts any text (and fails with a
 * 500 on over-long values); identifiers are rendered into ADQL queries sent to the archives, so quotes,
 * semicolons, backslashes, control characters and surrounding whitespace are refused up front
 * (docs/differences.md). Catalogue names such as {@code HIPASSJ1318-21}, {@code NGC 4030},
 * {@code ESO 123-G045} or {@code 2MASX J12345678+1234567} pass.
 */
public final class SourceNames {
    public static final int MAX_MODULE = 50;
    public static final int MAX_IDENTIFIER = 100;
    private static final Pattern MODULE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9 ._+:/()\\[\\]-]*[A-Za-z0-9._+)\\]-])?");

    private SourceNames() {
    }

    public static Optional<String> moduleProblem(String module) {
        if (module == null || module.isBlank()) {
            return Optional.of("project_module is required");
        }
        if (module.length() > MAX_MODULE) {
            return Optional.of("project_module must be at most " + MAX_MODULE + " characters");
        }
        if (!MODULE.matcher(module).matches()) {
            return Optional.of("project_module must start with a letter or digit and contain only letters, digits, '.', '_' or '-'");
        }
        return Optional.empty();
    }

    public static Optional<String> identifierProblem(String identifier) {
        if (identifier == null || identifier.isBlank()) {
            return Optional.of("source_identifier is required");
        }
        if (identifier.length() > MAX_IDENTIFIER) {
            return Optional.of("source_identifier must be at most " + MAX_IDENTIFIER + " characters");
        }
        if (!IDENTIFIER.matcher(identifier).matches()) {
            return Optional.of("source_identifier '" + printable(identifier) + "' must start with a letter or digit and contain only "
                    + "letters, digits, spaces and . _ + : / ( ) [ ] -, without surrounding spaces");
        }
        return Optional.empty();
    }

    /** The value with control characters escaped, cut short, so an error message can quote it safely. */
    static String printable(String value) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < value.length() && sb.length() < 60; i++) {
            char c = value.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return value.length() > 60 ? sb + "…" : sb.toString();
    }
}
