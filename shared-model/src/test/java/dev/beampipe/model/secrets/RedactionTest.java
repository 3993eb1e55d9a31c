package dev.beampipe.model.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {
    final ObjectMapper mapper = new ObjectMapper();

    JsonNode json(String text) throws Exception {
        return mapper.readTree(text);
    }

    @Test
    void secretKeysAreReplacedWhateverTheirValue() throws Exception {
        JsonNode out = Redaction.value(json("{\"Password\": \"x\", \"nested\": {\"api_key\": {\"a\": 1}, \"tokens\": [1]}, "
                + "\"slack_webhook\": \"https://hooks\", \"ssh_credential\": \"slot\", \"name\": \"n\"}"));
        assertThat(mapper.writeValueAsString(out)).isEqualTo("{\"Password\":\"[REDACTED]\",\"name\":\"n\","
                + "\"nested\":{\"api_key\":\"[REDACTED]\",\"tokens\":\"[REDACTED]\"},\"slack_webhook\":\"[REDACTED]\","
                + "\"ssh_credential\":\"slot\"}");
    }

    @Test
    void markersInsideStringsAreRedactedUpToADelimiter() {
        assertThat(Redaction.string("https://h/p?access_token=abc&x=1 PASSWORD=hunter2 'secret=s' api_key=k\"z"))
                .isEqualTo("https://h/p?access_token=[REDACTED]&x=1 PASSWORD=[REDACTED] 'secret=[REDACTED]' api_key=[REDACTED]\"z");
        assertThat(Redaction.string("nothing here")).isEqualTo("nothing here");
        assertThat(Redaction.string(null)).isNull();
    }

    @Test
    void objectKeysComeOutSorted() throws Exception {
        assertThat(mapper.writeValueAsString(Redaction.value(json("{\"b\": [{\"z\": 1, \"a\": 2}], \"a\": null}"))))
                .isEqualTo("{\"a\":null,\"b\":[{\"a\":2,\"z\":1}]}");
    }
}
