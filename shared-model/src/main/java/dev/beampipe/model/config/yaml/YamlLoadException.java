package dev.beampipe.model.config.yaml;

/**
 * A failure of YAML loading. {@link Kind#YAML} is the reference's {@code invalid_yaml} (position when known);
 * {@link Kind#JSON_VALUE} is its {@code invalid_config_value} (YAML value with no JSON form, e.g. a map key).
 */
public final class YamlLoadException extends Exception {

    public enum Kind { YAML, JSON_VALUE }

    private final Kind kind;
    private final Position position;

    public YamlLoadException(Kind kind, String message, Position position) {
        super(message);
        this.kind = kind;
        this.position = position;
    }

    public Kind kind() {
        return kind;
    }

    /** 1-based position, or null when the library gave none. */
    public Position position() {
        return position;
    }

    public record Position(int line, int column) {
        @Override
        public String toString() {
            return "line " + line + ", column " + column;
        }
    }
}
