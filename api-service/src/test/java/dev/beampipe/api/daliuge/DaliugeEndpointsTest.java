package dev.beampipe.api.daliuge;

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

class DaliugeEndpointsTest {
    static Optional<StoredProfile> rest(String tm, String dimHostForTm, Long dimPortForTm) {
        return Optional.of(new StoredProfile(UUID.randomUUID(), new DeploymentProfile("p", null, null, true, null,
                new Translation("metis", 1, 0, tm), new RestRemoteDeployment(dimHostForTm, dimPortForTm, "dim.local", 8001L, false, true)),
                1, null, null, null));
    }

    @Test
    void theProfileWinsOverSettings() {
        DaliugeEndpoints e = DaliugeEndpoints.of(rest("http://tm:8084/", null, null), "http://env-tm", "http://env-dim");
        assertThat(e.tmUrl()).isEqualTo("http://tm:8084/");
        assertThat(e.dimUrl()).isEqualTo("http://dim.local:8001");
        assertThat(e.submissionMethodUrl()).isEqualTo("http://tm:8084/api/submission_method?dlg_mgr_host=dim.local&dlg_mgr_port=8001");
        assertThat(e.dim("/api/sessions")).isEqualTo("http://dim.local:8001/api/sessions");
    }

    @Test
    void settingsApplyWithoutAProfileAndTheTmIsNotToldAnAddressItCannotKnow() {
        DaliugeEndpoints e = DaliugeEndpoints.of(Optional.empty(), "http://env-tm", " ");
        assertThat(e.profile()).isNull();
        assertThat(e.dimUrl()).isNull();
        assertThat(e.submissionMethodUrl()).isEqualTo("http://env-tm/api/submission_method");
    }

    @Test
    void aProfileWithoutTmUrlFallsBackToTheSetting() {
        DaliugeEndpoints e = DaliugeEndpoints.of(rest(null, "dim-for-tm", 9001L), "http://env-tm", null);
        assertThat(e.submissionMethodUrl()).isEqualTo("http://env-tm/api/submission_method?dlg_mgr_host=dim-for-tm&dlg_mgr_port=9001");
    }

    @ParameterizedTest
    @CsvSource({
            "CONNECTIVITY,     daliuge.connectivity,    connectivity",
            "TIMEOUT,          daliuge.timeout,         timeout",
            "HTTP_STATUS,      daliuge.httpstatus,      dependency_unavailable",
            "INVALID_RESPONSE, daliuge.invalidresponse, unsupported",
            "COMPATIBILITY,    daliuge.compatibility,   unsupported",
            "CONFLICT,         daliuge.conflict,        conflict",
            "NOT_FOUND,        daliuge.notfound,        not_found"})
    void errorKindsMapToTheReferencesCodesAndClasses(DaliugeException.Kind kind, String code, String failureClass) {
        var api = new DaliugeException(kind, "daliuge_dim", "m", false).toApi();
        assertThat(api.status()).isEqualTo(502);
        assertThat(api.failure().code()).isEqualTo(code);
        assertThat(api.failure().failureClass().wire()).isEqualTo(failureClass);
    }

    @Test
    void reportedUrlsLoseTheirCredentials() {
        assertThat(DaliugeInspector.safeUrl("http://user:pw@tm:8084/x?token=abc")).isEqualTo("http://tm:8084/x?token=[REDACTED]");
    }
}
