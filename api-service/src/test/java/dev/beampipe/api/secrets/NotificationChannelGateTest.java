package dev.beampipe.api.secrets;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.api.errors.ApiException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The production gate on notification channel configs: secret-named strings, inline_dev refs and a plain webhook url. */
class NotificationChannelGateTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "webhook | {'url': {'env': 'HOOK'}, 'headers': {'Authorization': {'file': '/run/s'}}} | ",
            "webhook | {'url': 'https://h/x'}                                                   | url",
            "webhook | {'url': {'inline_dev': 'https://h/x'}}                                   | url",
            "webhook | {'url': {'env': 'H'}, 'routing_key': 'k', 'headers': {'X-Auth-Token': 'v'}} | routing_key, headers.X-Auth-Token",
            "email   | {'smtp_host': 'smtp.example', 'url': 'not-a-webhook'}                     | ",
            "email   | {'smtp_host': 'smtp.example', 'password': 'pw', 'user': 'ops'}            | password",
    })
    void production(String kind, String config, String paths) throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        InlineSecretGate gate = new InlineSecretGate(true, meters);
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> gate.checkNotificationChannel(kind, JSON.readTree(config.replace('\'', '"'))));
        if (paths == null) {
            assertThat(e).isNull();
            return;
        }
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.failure().message()).isEqualTo("inline secrets are not allowed in production; use env/file secret refs for: " + paths);
        assertThat(meters.counter("beampipe_unsafe_inline_secret_rejected", "surface", "notification_channel").count()).isEqualTo(1);
        assertThat(new InlineSecretGate(false, meters).inlineAllowed()).isTrue();
    }
}
