package dev.beampipe.model.config.model;

import java.util.List;

/** {@code adapters} (§2.5); the TAP URL overrides are nullable. */
public record Adapters(List<String> required, String casdaTapUrl, String vizierTapUrl, Tap tap) {

    public static final Adapters DEFAULT = new Adapters(List.of(), null, null, Tap.DEFAULT);

    public Adapters {
        required = List.copyOf(required);
    }
}
