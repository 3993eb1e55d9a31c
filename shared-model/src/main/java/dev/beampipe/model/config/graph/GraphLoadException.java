package dev.beampipe.model.config.graph;

/** The graph could not be fetched, did not match its pinned digest, or is not JSON; {@code path} names the config key. */
public class GraphLoadException extends RuntimeException {
    private final String path;
    private final String code;

    public GraphLoadException(String path, String code, String message) {
        super(message);
        this.path = path;
        this.code = code;
    }

    public String path() {
        return path;
    }

    public String code() {
        return code;
    }
}
