package dev.beampipe.cli.start;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local mode's simulated archives: one TAP simulator process ({@code simulators} module) serving CASDA TAP at
 * {@code /casda/tap} and VizieR TAP at {@code /vizier/tap} on a loopback port. It runs unless the operator pointed
 * both {@code BEAMPIPE_CASDA_TAP_URL} and {@code BEAMPIPE_VIZIER_TAP_URL} somewhere (set, even empty, counts: an
 * explicit value is never overridden); the worker and the API get the simulator's URL for each one left unset.
 */
public record SimulatedArchives(int port) {
    public static final String CASDA_TAP_URL = "BEAMPIPE_CASDA_TAP_URL";
    public static final String VIZIER_TAP_URL = "BEAMPIPE_VIZIER_TAP_URL";
    /** The simulator's entry point ({@code TapSimulator --port N}); checked against the class by a test. */
    static final String MAIN_CLASS = "dev.beampipe.simulators.tap.TapSimulator";

    /** Whether {@code start} runs the simulator for this environment. */
    public static boolean wanted(Map<String, String> env) {
        return !env.containsKey(CASDA_TAP_URL) || !env.containsKey(VIZIER_TAP_URL);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String casdaTapUrl() {
        return baseUrl() + "/casda/tap";
    }

    public String vizierTapUrl() {
        return baseUrl() + "/vizier/tap";
    }

    /** Where {@code start} waits for the simulator to answer before starting the services (VOSI availability). */
    public String availabilityUrl() {
        return casdaTapUrl() + "/availability";
    }

    /** The simulator's own arguments. */
    public List<String> arguments() {
        return List.of("--port", Integer.toString(port));
    }

    /**
     * The TAP URLs {@code service} gets, only the unset ones: every beampipe service uses them — the worker for
     * discovery, the API and the scheduler for the TAP health probe (readiness, the discovery gate, dependency_up).
     */
    public Map<String, String> environment(Service service, Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!service.quarkus()) {
            return out;
        }
        if (!env.containsKey(CASDA_TAP_URL)) {
            out.put(CASDA_TAP_URL, casdaTapUrl());
        }
        if (!env.containsKey(VIZIER_TAP_URL)) {
            out.put(VIZIER_TAP_URL, vizierTapUrl());
        }
        return out;
    }
}
