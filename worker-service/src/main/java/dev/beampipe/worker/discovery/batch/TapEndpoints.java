package dev.beampipe.worker.discovery.batch;

import dev.beampipe.model.config.model.Adapters;
import dev.beampipe.model.settings.EnvValues;

import java.util.Locale;
import java.util.Optional;

/**
 * Where each TAP adapter lives for one project (40-backends §5.9): the project config's
 * {@code adapters.casda_tap_url} / {@code vizier_tap_url} win, then {@code BEAMPIPE_CASDA_TAP_URL} /
 * {@code BEAMPIPE_VIZIER_TAP_URL}, then the public archives. Blank values count as unset. The TapClient appends
 * {@code /sync} to a service root, so both {@code …/tap} and {@code …/tap/sync} work.
 */
public record TapEndpoints(String casda, String vizier) {
    public static final String CASDA_DEFAULT = "https://casda.csiro.au/casda_vo_tools/tap";
    public static final String VIZIER_DEFAULT = "https://tapvizier.cds.unistra.fr/TAPVizieR/tap";

    public static TapEndpoints resolve(Adapters adapters, EnvValues env) {
        return new TapEndpoints(
                first(adapters == null ? null : adapters.casdaTapUrl(), env.string("BEAMPIPE_CASDA_TAP_URL"), CASDA_DEFAULT),
                first(adapters == null ? null : adapters.vizierTapUrl(), env.string("BEAMPIPE_VIZIER_TAP_URL"), VIZIER_DEFAULT));
    }

    /** The base URL of the named adapter; empty for an adapter beampipe does not know. */
    public Optional<String> forAdapter(String adapter) {
        return switch (adapter == null ? "" : adapter.toLowerCase(Locale.ROOT)) {
            case "casda" -> Optional.of(casda);
            case "vizier" -> Optional.of(vizier);
            default -> Optional.empty();
        };
    }

    private static String first(String configured, Optional<String> setting, String fallback) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        return setting.filter(s -> !s.isBlank()).map(String::strip).orElse(fallback);
    }
}
