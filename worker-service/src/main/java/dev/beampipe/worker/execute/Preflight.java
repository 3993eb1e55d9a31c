package dev.beampipe.worker.execute;

import dev.beampipe.model.daliuge.DaliugeErrorKind;
import dev.beampipe.model.daliuge.DaliugeException;
import dev.beampipe.model.daliuge.DimTimeouts;
import dev.beampipe.model.daliuge.IslandManagerClient;
import dev.beampipe.model.daliuge.TranslatorClient;
import dev.beampipe.model.ledger.state.FailureClass;
import dev.beampipe.model.profile.RestRemoteDeployment;
import dev.beampipe.model.profile.Translation;
import dev.beampipe.worker.staging.CasdaStaging;
import dev.beampipe.worker.staging.CasdaStagingException;

import java.time.Clock;
import java.time.Duration;

/**
 * Step 8 of the execute job, real backends only (40-backends §2.8, §5.11, §7.1): when submitting, the Translator
 * Manager must answer {@code GET {tm}} within 5 s and the DIM must answer within 5 s (any HTTP status counts as
 * reachable); when staging from CASDA, the login call must accept the credentials. In dry-run mode nothing here
 * runs (decision 14).
 */
public final class Preflight {
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private Preflight() {
    }

    public static void translatorReachable(Translation translation, boolean verifySsl) throws InterruptedException {
        TranslatorClient tm = translator(translation, verifySsl);
        try {
            tm.ping();
        } catch (DaliugeException e) {
            String url = tm.base();
            String message = "DALiuGE Translation Manager at " + url + " is unreachable (" + detail(e, url)
                    + "). Start TM (e.g. docker-compose up dlg-tm) before submit.";
            if (url.contains(".desk")) {
                message += " If using Pawsey desk hostnames, connect VPN or add /etc/hosts entries.";
            }
            throw new ExecuteFailure(FailureClass.DEPENDENCY_UNAVAILABLE, message, e);
        }
    }

    /** The preflight's TM client: connect (and request) timeout 5 s, not the translation calls' default. */
    static TranslatorClient translator(Translation translation, boolean verifySsl) {
        return new TranslatorClient(translation.tmUrl(), verifySsl, PROBE_TIMEOUT);
    }

    /** {@code GET {dim}/api/nodes} within 5 s; an HTTP error status still proves the DIM is there. */
    public static void islandManagerReachable(RestRemoteDeployment deployment) throws InterruptedException {
        IslandManagerClient dim = new IslandManagerClient(deployment.dimRestBase(), deployment.verifySsl(),
                DimTimeouts.all(PROBE_TIMEOUT), Clock.systemUTC());
        try {
            dim.nodes();
        } catch (DaliugeException e) {
            if (e.httpStatus().isPresent() || e.kind() == DaliugeErrorKind.INVALID_RESPONSE) {
                return;
            }
            throw new ExecuteFailure(FailureClass.DEPENDENCY_UNAVAILABLE, "DALiuGE Data Island Manager at "
                    + dim.base() + " is unreachable (" + detail(e, dim.base()) + "). Start the DIM before submit.", e);
        }
    }

    public static void casdaCredentialsAccepted(CasdaStaging staging) throws InterruptedException {
        try {
            staging.login();
        } catch (CasdaStagingException e) {
            throw new ExecuteFailure(FailureClass.AUTHENTICATION, "CASDA authentication failed: " + e.getMessage(), e);
        }
    }

    private static String detail(DaliugeException e, String url) {
        return switch (e.kind()) {
            case TIMEOUT -> "timed out connecting to " + url;
            case CONNECTIVITY -> "connection failed to " + url;
            default -> "request error for " + url + ": " + e.getMessage();
        };
    }
}
