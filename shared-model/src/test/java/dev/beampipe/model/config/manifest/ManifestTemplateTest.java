package dev.beampipe.model.config.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ManifestTemplateTest {

    private static final String RECORD = "{`source_identifier`:`HIPASSJ1317-16`,`sbid`:`72962`,`n`:3,`b`:false,"
            + "`z`:null,`a.b`:`dotted`,`vsys`:`2505.3`,`nested`:{`x`:1},"
            + "`discovery_flags`:{`ra_string`:`13h17m28.7s`,`vsys`:`flag-vsys`,`nullflag`:null}}";
    private static final String STAGING = "{`checksum_url_by_scan_id`:{`scan-1`:`https://c/1`},"
            + "`eval_url_by_sbid`:{},`only_staging`:`s`,`vsys`:`staging-vsys`,`deep`:{`a`:{`b`:[1,2]}}}";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("record key", "`{source_identifier}`", "`HIPASSJ1317-16`"),
                Arguments.of("JSON type kept: number", "`{n}`", "3"),
                Arguments.of("JSON type kept: bool", "`{b}`", "false"),
                Arguments.of("JSON type kept: object", "`{nested}`", "{`x`:1}"),
                Arguments.of("present null resolves to null", "`{z}`", "null"),
                Arguments.of("dots in a plain key are not interpreted", "`{a.b}`", "`dotted`"),
                Arguments.of("nested key path is not a record path", "`{nested.x}`", "`{nested.x}`"),
                Arguments.of("unresolved stays literal", "`{missing}`", "`{missing}`"),
                Arguments.of("flags: discovery_flags first", "`{flags.ra_string}`", "`13h17m28.7s`"),
                Arguments.of("flags: discovery_flags beats record and staging", "`{flags.vsys}`", "`flag-vsys`"),
                Arguments.of("flags: record next", "`{flags.sbid}`", "`72962`"),
                Arguments.of("flags: staging last", "`{flags.only_staging}`", "`s`"),
                Arguments.of("flags: present null flag resolves", "`{flags.nullflag}`", "null"),
                Arguments.of("flags: unresolved stays literal", "`{flags.dec_string}`", "`{flags.dec_string}`"),
                Arguments.of("staging dot path", "`{staging.checksum_url_by_scan_id.scan-1}`", "`https://c/1`"),
                Arguments.of("staging path to an array", "`{staging.deep.a.b}`", "[1,2]"),
                Arguments.of("staging path missing", "`{staging.eval_url_by_sbid.72962}`",
                        "`{staging.eval_url_by_sbid.72962}`"),
                Arguments.of("staging path through an array fails", "`{staging.deep.a.b.0}`",
                        "`{staging.deep.a.b.0}`"),
                Arguments.of("not whole-string: literal", "`x {source_identifier}`", "`x {source_identifier}`"),
                Arguments.of("trailing text: literal", "`{source_identifier} `", "`{source_identifier} `"),
                Arguments.of("inner spaces are part of the key", "`{ sbid }`", "`{ sbid }`"),
                Arguments.of("empty braces look up the empty key", "`{}`", "`{}`"),
                Arguments.of("lone brace is literal", "`{`", "`{`"),
                Arguments.of("literals copied", "[1,true,null,2.5,`x`]", "[1,true,null,2.5,`x`]"),
                Arguments.of("arrays rendered recursively", "[`{sbid}`,[`{n}`]]", "[`72962`,[3]]"),
                Arguments.of("objects rendered recursively",
                        "{`id`:`{source_identifier}`,`inner`:{`v`:`{flags.vsys}`,`k`:`lit`}}",
                        "{`id`:`HIPASSJ1317-16`,`inner`:{`v`:`flag-vsys`,`k`:`lit`}}"),
                Arguments.of("WALLABY source_template against a dataset record (flags flat on the record)",
                        "{`dec_string`:`{flags.dec_string}`,`ra_string`:`{flags.ra_string}`,"
                                + "`source_identifier`:`{source_identifier}`,`vsys`:`{flags.vsys}`}",
                        "{`dec_string`:`{flags.dec_string}`,`ra_string`:`13h17m28.7s`,"
                                + "`source_identifier`:`HIPASSJ1317-16`,`vsys`:`flag-vsys`}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void renders(String name, String template, String expected) {
        JsonNode record = Json.of(RECORD);
        JsonNode staging = Json.of(STAGING);
        assertThat(ManifestTemplate.render(Json.of(template), record, staging)).isEqualTo(Json.of(expected));
        assertThat(record).isEqualTo(Json.of(RECORD));
        assertThat(staging).isEqualTo(Json.of(STAGING));
    }

    @ParameterizedTest(name = "non-object record: {0}")
    @MethodSource("cases")
    void nonObjectRecordResolvesNothingFromTheRecord(String name, String template, String ignored) {
        JsonNode rendered = ManifestTemplate.render(Json.of(template), Json.of("null"), Json.of("{}"));
        assertThat(rendered.toString()).doesNotContain("HIPASSJ1317-16");
    }
}
