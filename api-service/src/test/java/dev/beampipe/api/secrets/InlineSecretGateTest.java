package dev.beampipe.api.secrets;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.api.errors.ApiException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class InlineSecretGateTest {
    final ObjectMapper mapper = new ObjectMapper();

    @Test
    void productionRejectsInlineSecretsAndCountsThem() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        InlineSecretGate gate = new InlineSecretGate(true, meters);
        ApiException e = catchThrowableOfType(ApiException.class, () -> gate.check("job_payload", mapper.readTree(
                "{\"headers\": {\"Authorization\": \"Bearer x\"}, \"items\": [{\"token\": \"t\"}], "
                        + "\"ref\": {\"inline_dev\": \"v\"}, \"password\": {\"env\": \"PW\"}, \"ssh_credential\": \"slot\"}")));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.failure().message()).isEqualTo("inline secrets are not allowed in production for job_payload; "
                + "use env/file secret refs for: headers.Authorization, items[0].token, ref");
        assertThat(meters.counter("beampipe_unsafe_inline_secret_rejected", "surface", "job_payload").count()).isEqualTo(1);
    }

    @Test
    void outsideProductionNothingIsChecked() throws Exception {
        InlineSecretGate gate = new InlineSecretGate(false, new SimpleMeterRegistry());
        assertThatCode(() -> gate.check("job_payload", mapper.readTree("{\"password\": \"x\"}"))).doesNotThrowAnyException();
    }
}
