package dev.beampipe.model.ledger;

import dev.beampipe.model.canonical.StableJson;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CreateRequestHashTest {
    static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void canonicalTextIsSortedCompactTrimmedWithNulls() throws Exception {
        ExecutionRequest r = new ExecutionRequest(" wallaby_hires ", List.of(new SourceSelection(" S2 ", null),
                new SourceSelection("S1", List.of(" 10", "9"))), "casda ", null, null);
        String expected = "{\"archive_name\":\"casda\",\"deployment_profile_id\":null,\"deployment_profile_name\":null,"
                + "\"project_module\":\"wallaby_hires\",\"sources\":[{\"sbids\":null,\"source_identifier\":\"S2\"},"
                + "{\"sbids\":[\"10\",\"9\"],\"source_identifier\":\"S1\"}]}";
        assertThat(StableJson.write(CreateRequestHash.canonical(r))).isEqualTo(expected);
        assertThat(CreateRequestHash.sha256(r)).isEqualTo(sha256(expected));
    }

    @Test
    void serdeEscapingAndRawUtf8() throws Exception {
        UUID id = UUID.fromString("0190b0c0-0000-7000-8000-000000000009");
        ExecutionRequest r = new ExecutionRequest("m", List.of(new SourceSelection("é\"\\\t\u0001/", null)), "casda", id, "p");
        String expected = "{\"archive_name\":\"casda\",\"deployment_profile_id\":\"0190b0c0-0000-7000-8000-000000000009\","
                + "\"deployment_profile_name\":\"p\",\"project_module\":\"m\",\"sources\":[{\"sbids\":null,"
                + "\"source_identifier\":\"é\\\"\\\\\\t\\u0001/\"}]}";
        assertThat(StableJson.write(CreateRequestHash.canonical(r))).isEqualTo(expected);
        assertThat(CreateRequestHash.sha256(r)).isEqualTo(sha256(expected));
    }

    @Test
    void anyChangeChangesTheHashButWhitespaceDoesNot() {
        ExecutionRequest a = new ExecutionRequest("m", List.of(new SourceSelection("S1", null)), "casda", null, null);
        ExecutionRequest spaced = new ExecutionRequest(" m", List.of(new SourceSelection("S1 ", null)), " casda", null, null);
        ExecutionRequest other = new ExecutionRequest("m", List.of(new SourceSelection("S1", List.of("1"))), "casda", null, null);
        assertThat(CreateRequestHash.sha256(spaced)).isEqualTo(CreateRequestHash.sha256(a));
        assertThat(CreateRequestHash.sha256(other)).isNotEqualTo(CreateRequestHash.sha256(a));
    }
}
