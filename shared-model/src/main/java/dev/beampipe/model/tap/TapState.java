package dev.beampipe.model.tap;

/** What a TAP health probe says about one archive adapter, in the API's words. */
public enum TapState {
    OK("ok"),
    ERROR("error"),
    NOT_CONFIGURED("not_configured");

    private final String wire;

    TapState(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** {@code beampipe_dependency_up}: 1 when reachable or unconfigured (50-operations §3.2), 0 on error. */
    public int up() {
        return this == ERROR ? 0 : 1;
    }
}
