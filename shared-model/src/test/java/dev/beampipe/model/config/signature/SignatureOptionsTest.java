package dev.beampipe.model.config.signature;

import dev.beampipe.model.config.model.PrepareMetadata;
import dev.beampipe.model.config.model.Signature;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The options of a config's prepare_metadata: an absent signature section means ABSENT (flags neither hashed nor stored). */
class SignatureOptionsTest {

    @Test
    void fromPrepareMetadata() {
        assertThat(SignatureOptions.of((PrepareMetadata) null)).isEqualTo(SignatureOptions.ABSENT);
        assertThat(SignatureOptions.of(new PrepareMetadata(Map.of(), Map.of(), null))).isEqualTo(SignatureOptions.ABSENT);
        assertThat(SignatureOptions.of(new PrepareMetadata(Map.of(), Map.of(), Signature.DEFAULT)))
                .isEqualTo(new SignatureOptions(true, List.of(), true));
        assertThat(SignatureOptions.of(new PrepareMetadata(Map.of(), Map.of(), new Signature(List.of("access_url"), false))))
                .isEqualTo(new SignatureOptions(true, List.of("access_url"), false));
    }
}
