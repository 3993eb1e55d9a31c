package dev.beampipe.simulators.tap;

/**
 * One FIELD of a simulated table. Integer columns carry a null sentinel (VOTable {@code VALUES@null})
 * because BINARY has no null mask; floating columns use NaN; strings use the empty string.
 */
public record Column(String name, Type type) {

    public enum Type {
        CHAR("char"), SHORT("short"), INT("int"), LONG("long"), DOUBLE("double"), BOOLEAN("boolean");

        final String votable;

        Type(String votable) {
            this.votable = votable;
        }

        /** The {@code VALUES@null} sentinel for integer types, otherwise null. */
        Long nullSentinel() {
            return switch (this) {
                case SHORT -> (long) Short.MIN_VALUE;
                case INT -> (long) Integer.MIN_VALUE;
                case LONG -> Long.MIN_VALUE;
                default -> null;
            };
        }
    }

    public static Column chars(String name) {
        return new Column(name, Type.CHAR);
    }

    public static Column of(String name, Type type) {
        return new Column(name, type);
    }
}
