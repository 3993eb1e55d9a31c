package dev.beampipe.model.config.model;

import java.util.List;
import java.util.Locale;

/** {@code extension}: {@code wasmSha256} nullable, hooks with the {@link Hook#UNKNOWN} catch-all. */
public record Extension(String wasmSha256, List<Hook> hooks) {

    public Extension {
        hooks = List.copyOf(hooks);
    }

    public enum Hook {
        PREPARE_METADATA, MANIFEST, GRAPH_PATCHES, UNKNOWN;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
