package dev.beampipe.model.config.patch;

/** A graph override that cannot be applied; the message is the reference's text (backends §6.4). */
public final class GraphPatchException extends RuntimeException {

    public GraphPatchException(String message) {
        super(message);
    }

    static GraphPatchException nodeNotFound(String node) {
        return new GraphPatchException("graph patch target node not found: " + node);
    }

    static GraphPatchException fieldNotFound(String node, String field) {
        return new GraphPatchException("graph patch field not found on node " + node + ": " + field);
    }

    static GraphPatchException notAnObject() {
        return new GraphPatchException("graph is not a JSON object");
    }
}
