package dev.beampipe.model.config.signature;

import dev.beampipe.model.canonical.Sha256;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExecutionSignatureTest {

    @Test
    void hashesSortedSourceToSignatureObject() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("HIPASSJ1318-21", "bb");
        m.put("HIPASSJ0000-00", "aa");
        assertThat(ExecutionSignature.combined(m))
                .contains(Sha256.hex("{\"HIPASSJ0000-00\":\"aa\",\"HIPASSJ1318-21\":\"bb\"}"));
    }

    @Test
    void nullSignaturesAreEmptyStringsAndNoRowsIsNoSignature() {
        Map<String, String> m = new HashMap<>();
        m.put("s", null);
        assertThat(ExecutionSignature.combined(m)).contains(Sha256.hex("{\"s\":\"\"}"));
        assertThat(ExecutionSignature.combined(Map.of())).isEmpty();
    }
}
