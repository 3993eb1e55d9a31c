package dev.beampipe.model.tap;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The discovery tick's TAP gate (10-state-and-jobs §3.8 step 1, §7.2 item 21): when the check is enabled and an
 * adapter listed in {@code adapters.required} probes {@code error}, the project's automated admission is skipped.
 * Unconfigured adapters and adapters that are not required never gate.
 */
public final class TapGate {
    public static final String TAP_UNREACHABLE = "tap_unreachable";

    private TapGate() {
    }

    public static Optional<String> skipReason(boolean checkEnabled, List<String> required, Map<TapAdapter, TapState> states) {
        if (!checkEnabled) {
            return Optional.empty();
        }
        for (String name : required) {
            Optional<TapAdapter> adapter = TapAdapter.byWire(name);
            if (adapter.isPresent() && states.get(adapter.get()) == TapState.ERROR) {
                return Optional.of(TAP_UNREACHABLE);
            }
        }
        return Optional.empty();
    }
}
