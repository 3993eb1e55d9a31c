package dev.beampipe.model.daliuge;

import dev.beampipe.model.profile.DeploymentProfile;
import dev.beampipe.model.profile.RestRemoteDeployment;
import dev.beampipe.model.profile.StoredProfile;
import dev.beampipe.model.profile.Translation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Operator inspection endpoints (profile → settings), the reported URL and the operator error codes. */
class DaliugeEndpointsTest {
    static Optional<StoredProfile> rest(String tm, String dimHostForTm, Long dimPortForTm, boolean verifySsl) {
        return Optional.of(new StoredProfile(UUID.randomUUID(), new DeploymentProfile("p", null, null, true, null,
                new Translation("metis", 1, 0, tm), new RestRemoteDeployment(dimHostForTm, dimPortForTm, "dim.local", 8001L,
                false, verifySsl)), 1, null, null, null));
    }

    @Test
    void theProfileWinsOverSettings() {
        DaliugeEndpoints e = DaliugeEndpoints.of(rest("http://tm:8084/", null, null, false), "http://env-tm", "http://env-dim");
        assertThat(e.profile()).isEqualTo("p");
        assertThat(e.tmUrl()).isEqualTo("http://tm:8084/");
        assertThat(e.dimUrl()).isEqualTo("http://dim.local:8001");
        assertThat(e.dimHostForTm()).isEqualTo("dim.local");
        assertThat(e.dimPortForTm()).isEqualTo(8001L);
        assertThat(e.verifySsl()).isFalse();
    }

    @Test
    void settingsApplyWithoutAProfileAndTheTmIsNotToldAnAddressItCannotKnow() {
        DaliugeEndpoints e = DaliugeEndpoints.of(Optional.empty(), " http://env-tm ", " ");
        assertThat(e.profile()).isNull();
        assertThat(e.tmUrl()).isEqualTo("http://env-tm");
        assertThat(e.dimUrl()).isNull();
        assertThat(e.dimHostForTm()).isNull();
        assertThat(e.verifySsl()).isTrue();
    }

    @Test
    void aProfileWithoutTmUrlFallsBackToTheSettingAndDimForTmWins() {
        DaliugeEndpoints e = DaliugeEndpoints.of(rest(null, "dim-for-tm", 9001L, true), "http://env-tm", null);
        assertThat(e.tmUrl()).isEqualTo("http://env-tm");
        assertThat(e.dimHostForTm()).isEqualTo("dim-for-tm");
        assertThat(e.dimPortForTm()).isEqualTo(9001L);
    }

    @ParameterizedTest
    @CsvSource({
            "CONNECTIVITY,     daliuge.connectivity",
            "TIMEOUT,          daliuge.timeout",
            "HTTP_STATUS,      daliuge.httpstatus",
            "INVALID_RESPONSE, daliuge.invalidresponse",
            "COMPATIBILITY,    daliuge.compatibility",
            "CONFLICT,         daliuge.conflict",
            "NOT_FOUND,        daliuge.notfound"})
    void operatorCodesAreTheReferencesVariantNames(DaliugeErrorKind kind, String code) {
        assertThat(kind.operatorCode()).isEqualTo(code);
    }

    @Test
    void reportedUrlsLoseTheirCredentials() {
        assertThat(OperatorInspection.safeUrl("http://user:pw@tm:8084/x?token=abc")).isEqualTo("http://tm:8084/x?token=[REDACTED]");
        assertThat(OperatorInspection.safeUrl(null)).isNull();
    }
}
