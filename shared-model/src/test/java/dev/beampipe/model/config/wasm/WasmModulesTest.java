package dev.beampipe.model.config.wasm;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class WasmModulesTest {
    static final String HEADER = "0061736d01000000";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "empty module                    | " + HEADER + "                                  | ",
            // (module (func)) : type, function, code sections
            "one empty function              | " + HEADER + "010401600000030201000a040102000b | ",
            "custom section anywhere         | " + HEADER + "0003016e00010401600000            | ",
            "no bytes                        | ''                                               | the WASM module is empty",
            "wrong magic                     | 7f454c4601000000                                 | not a WASM module: missing the \\0asm magic number",
            "too short                       | 0061736d01                                       | not a WASM module: missing the \\0asm magic number",
            "version 2                       | 0061736d02000000                                 | unsupported WASM binary version (expected 1)",
            "section past the end            | " + HEADER + "01ff01                             | WASM section at offset 8 runs past the end of the module",
            "unknown section id              | " + HEADER + "2000                               | invalid WASM section id 32 at offset 8",
            "truncated size                  | " + HEADER + "0180                               | truncated WASM section header at offset 8",
            "sections out of order           | " + HEADER + "03020100010401600000               | WASM section id 1 is out of order or repeated at offset 12",
            "repeated section                | " + HEADER + "01010001010" + "0                  | WASM section id 1 is out of order or repeated at offset 11",
    })
    void structure(String name, String hex, String problem) {
        byte[] bytes = hex.isEmpty() ? new byte[0] : HexFormat.of().parseHex(hex);
        assertThat(WasmModules.problem(bytes).orElse(null)).isEqualTo(problem);
    }
}
