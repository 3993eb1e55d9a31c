package dev.beampipe.worker.staging;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * How the stager talks to CASDA (40-backends §5.11, decision 7): the login probe URL ({@code CASDA_LOGIN_URL}),
 * per-SBID batches ({@code CASDA_STAGE_BY_SBID}, true unless set to something other than 1/true), the per-request
 * timeout (120 s as the reference), and the SODA job poll interval and overall budget
 * ({@code BEAMPIPE_CASDA_STAGING_POLL_INTERVAL_SECONDS}, default 10; {@code BEAMPIPE_CASDA_STAGING_POLL_BUDGET_SECONDS},
 * default 1800 = 30 min, where the reference gave up after 60 × 2 s).
 */
public record CasdaStagingSettings(URI loginUrl, boolean stageBySbid, Duration requestTimeout, Duration pollInterval,
                                   Duration pollBudget) {

    public static final URI DEFAULT_LOGIN_URL = URI.create("https://data.csiro.au/casda_vo_proxy/vo/tap/availability");
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_POLL_BUDGET = Duration.ofMinutes(30);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(120);

    public CasdaStagingSettings {
        if (requestTimeout.isZero() || requestTimeout.isNegative()) {
            throw new IllegalArgumentException("CASDA staging request timeout must be > 0");
        }
        if (pollInterval.isNegative()) {
            throw new IllegalArgumentException("CASDA staging poll interval must be >= 0");
        }
        if (pollBudget.isZero() || pollBudget.isNegative()) {
            throw new IllegalArgumentException("CASDA staging poll budget must be > 0");
        }
    }

    public static CasdaStagingSettings defaults() {
        return new CasdaStagingSettings(DEFAULT_LOGIN_URL, true, DEFAULT_REQUEST_TIMEOUT, DEFAULT_POLL_INTERVAL,
                DEFAULT_POLL_BUDGET);
    }

    public static CasdaStagingSettings fromEnv(Map<String, String> env) {
        String login = env.get("CASDA_LOGIN_URL");
        String bySbid = env.get("CASDA_STAGE_BY_SBID");
        return new CasdaStagingSettings(
                login == null || login.isBlank() ? DEFAULT_LOGIN_URL : URI.create(login.strip()),
                bySbid == null || bySbid.strip().equals("1") || bySbid.strip().toLowerCase(Locale.ROOT).equals("true"),
                DEFAULT_REQUEST_TIMEOUT,
                seconds(env, "BEAMPIPE_CASDA_STAGING_POLL_INTERVAL_SECONDS", DEFAULT_POLL_INTERVAL),
                seconds(env, "BEAMPIPE_CASDA_STAGING_POLL_BUDGET_SECONDS", DEFAULT_POLL_BUDGET));
    }

    private static Duration seconds(Map<String, String> env, String name, Duration fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number of seconds");
        }
    }

    public CasdaStagingSettings withPolling(Duration interval, Duration budget) {
        return new CasdaStagingSettings(loginUrl, stageBySbid, requestTimeout, interval, budget);
    }

    public CasdaStagingSettings withLoginUrl(URI url) {
        return new CasdaStagingSettings(url, stageBySbid, requestTimeout, pollInterval, pollBudget);
    }

    public CasdaStagingSettings withStageBySbid(boolean on) {
        return new CasdaStagingSettings(loginUrl, on, requestTimeout, pollInterval, pollBudget);
    }
}
