package dev.beampipe.model.config.prepare;

/** The graph could not be prepared (bad request: module, sources, config, manifest or graph); nothing was written. */
public final class GraphPreparationException extends RuntimeException {
    public GraphPreparationException(String message) {
        super(message, null, false, false);
    }
}
