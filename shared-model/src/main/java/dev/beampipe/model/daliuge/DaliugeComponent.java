package dev.beampipe.model.daliuge;

/** Which DALiuGE server a call went to ({@code DaliugeClientError.component}, 40-backends §2.9). */
public enum DaliugeComponent {
    TRANSLATOR("daliuge_translator"),
    DIM("daliuge_dim"),
    NODE_MANAGER("daliuge_node_manager");

    private final String wire;

    DaliugeComponent(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
