package dev.beampipe.model.config.query;

/** A context value that may not be placed into a TAP query (30-project-config §10: NUL or newline). */
public final class QueryRenderException extends IllegalArgumentException {

    private final String key;

    public QueryRenderException(String key, String reason) {
        super("query template value for {" + key + "} " + reason);
        this.key = key;
    }

    /** The context key whose value was refused. */
    public String key() {
        return key;
    }
}
