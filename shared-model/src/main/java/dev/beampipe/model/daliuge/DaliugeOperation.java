package dev.beampipe.model.daliuge;

/** The client operations, named as in {@code DaliugeClientError.operation} (40-backends §2.9). */
public enum DaliugeOperation {
    UNROLL_AND_PARTITION,
    MAP,
    INSPECT,
    PING,
    CREATE_SESSION,
    APPEND_GRAPH,
    DEPLOY_SESSION,
    SESSION_STATUS,
    GRAPH_STATUS,
    CANCEL_SESSION,
    DELETE_SESSION,
    LIST_NODES,
    LIST_SESSIONS;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
