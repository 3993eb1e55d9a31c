package dev.beampipe.model.config.manifest;

import dev.beampipe.model.canonical.StableJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ManifestBuilderTest {

    private static final ManifestBuilder BUILDER = new ManifestBuilder();

    /** The WALLABY manifest section (§7.0). */
    private static final ManifestSection WALLABY = new ManifestSection(List.of("source_identifier", "sbid"),
            (ObjectNode) Json.of("{`dec_string`:`{flags.dec_string}`,`ra_string`:`{flags.ra_string}`,"
                    + "`source_identifier`:`{source_identifier}`,`vsys`:`{flags.vsys}`}"),
            null, null);

    private static JsonNode beam(String source, Object sbid, int beam) {
        String sbidJson = sbid instanceof String s ? "`" + s + "`" : String.valueOf(sbid);
        String name = source + "_A_beam0" + beam + "_10arc_split.ms.tar";
        return Json.of("{`dataset_id`:`" + name + "`,`visibility_filename`:`" + name + "`,`sbid`:" + sbidJson
                + ",`scan_id`:`scan-" + beam + "`,`source_identifier`:`" + source + "`,"
                + "`ra_string`:`13h17m28.7s`,`dec_string`:`-16.37.27.12`,`vsys`:`2505.3`,"
                + "`checksum_url`:`https://casda/checksum/" + beam + "`}");
    }

    private static ManifestInput input(JsonNode... records) {
        return ManifestInput.of(List.of(records));
    }

    @Test
    void wallabyOneSourceOneSbidTwoBeams() {
        JsonNode b0 = beam("HIPASSJ1317-16", "72962", 0);
        JsonNode b1 = beam("HIPASSJ1317-16", "72962", 1);
        ObjectNode manifest = BUILDER.build(Optional.of(WALLABY), input(b0, b1));

        ObjectNode expected = (ObjectNode) Json.of("{`graph_overrides`:{`patches`:[{`fields`:[{`name`:`num_of_copies`,"
                + "`value`:2}],`match`:{`equals`:`Scatter/GenericScatterApp/Beam`}}]},`inputs`:{},`sources`:[{"
                + "`dec_string`:`-16.37.27.12`,`ra_string`:`13h17m28.7s`,`sbids`:[{`datasets`:[]," 
                + "`sbid`:`72962`}],`source_identifier`:`HIPASSJ1317-16`,`vsys`:`2505.3`}]}");
        ((com.fasterxml.jackson.databind.node.ArrayNode) expected.at("/sources/0/sbids/0/datasets")).add(b0).add(b1);
        // compared as text: Jackson's equals tells IntNode 2 from LongNode 2
        assertThat(StableJson.write(manifest)).isEqualTo(StableJson.write(expected));
        assertThat(StableJson.write(manifest)).startsWith("{\"graph_overrides\":{\"patches\":[{\"fields\":"
                + "[{\"name\":\"num_of_copies\",\"value\":2}],\"match\":{\"equals\":\"Scatter/GenericScatterApp/Beam\"}}]},"
                + "\"inputs\":{},\"sources\":[{\"dec_string\":\"-16.37.27.12\",\"ra_string\":\"13h17m28.7s\",\"sbids\":");
    }

    @Test
    void groupByWithTwoSbidsMakesTwoSourceEntriesInSortedOrder() {
        ObjectNode manifest = BUILDER.build(Optional.of(WALLABY),
                input(beam("S", "9", 0), beam("S", "10", 1), beam("S", "9", 2)));
        assertThat(manifest.at("/sources").size()).isEqualTo(2);
        // byte order: "10" < "9"
        assertThat(manifest.at("/sources/0/sbids/0/sbid").asText()).isEqualTo("10");
        assertThat(manifest.at("/sources/1/sbids/0/datasets").size()).isEqualTo(2);
        assertThat(manifest.at("/sources/1/sbids/0/datasets/0/scan_id").asText()).isEqualTo("scan-0");
        assertThat(manifest.at("/sources/1/sbids/0/datasets/1/scan_id").asText()).isEqualTo("scan-2");
        assertThat(manifest.at("/graph_overrides/patches/0/fields/0/value").asLong()).isEqualTo(3);
    }

    @Test
    void groupKeyMissingOrEmptyIsUnknownAndSourceIdentifierFallsBackToUnknown() {
        ManifestSection section = new ManifestSection(List.of("field"), null, null, null);
        JsonNode a = Json.of("{`sbid`:`1`,`dataset_id`:`a`}");
        JsonNode b = Json.of("{`sbid`:`1`,`dataset_id`:`b`,`field`:``}");
        JsonNode c = Json.of("{`sbid`:`1`,`dataset_id`:`c`,`field`:`unknown`,`source_identifier`:5}");
        ObjectNode manifest = BUILDER.build(Optional.of(section), input(a, b, c));
        assertThat(manifest.at("/sources").size()).isEqualTo(1);
        assertThat(manifest.at("/sources/0/sbids/0/datasets").size()).isEqualTo(3);
        assertThat(manifest.at("/sources/0/source_identifier").asText()).isEqualTo("unknown");
    }

    @Test
    void nonStringGroupValuesUseTheirJsonText() {
        ManifestSection section = new ManifestSection(List.of("k"), null, null, null);
        ObjectNode manifest = BUILDER.build(Optional.of(section), input(
                Json.of("{`sbid`:`1`,`k`:null,`dataset_id`:`n`}"),
                Json.of("{`sbid`:`1`,`k`:`null`,`dataset_id`:`s`}"),
                Json.of("{`sbid`:`1`,`k`:7,`dataset_id`:`i`}"),
                Json.of("{`sbid`:`1`,`k`:`7`,`dataset_id`:`t`}")));
        // null ≡ "null" and 7 ≡ "7": two groups, "7" < "null"
        assertThat(manifest.at("/sources").size()).isEqualTo(2);
        assertThat(manifest.at("/sources/0/sbids/0/datasets/0/dataset_id").asText()).isEqualTo("i");
        assertThat(manifest.at("/sources/1/sbids/0/datasets/0/dataset_id").asText()).isEqualTo("n");
    }

    @Test
    void sbidZeroEmptyMissingAndSkippedAreDroppedNumericSbidBecomesText() {
        ManifestSection section = new ManifestSection(List.of(), null, null, null);
        List<JsonNode> records = new ArrayList<>(List.of(
                Json.of("{`sbid`:`0`,`dataset_id`:`zero`}"),
                Json.of("{`sbid`:0,`dataset_id`:`zero-number`}"),
                Json.of("{`sbid`:``,`dataset_id`:`empty`}"),
                Json.of("{`dataset_id`:`missing`}"),
                Json.of("{`sbid`:`5`,`dataset_id`:`skipped`}"),
                Json.of("{`sbid`:72962,`dataset_id`:`kept`}")));
        ObjectNode manifest = BUILDER.build(Optional.of(section),
                new ManifestInput(records, StagingContext.fromRecords(records), Set.of("5")));
        assertThat(manifest.at("/sources/0/sbids").size()).isEqualTo(1);
        assertThat(manifest.at("/sources/0/sbids/0/sbid").textValue()).isEqualTo("72962");
        assertThat(manifest.at("/sources/0/sbids/0/datasets/0/dataset_id").asText()).isEqualTo("kept");
    }

    @Test
    void datasetTemplateOnlyWithExpandFromMetadata() {
        ObjectNode template = (ObjectNode) Json.of("{`id`:`{dataset_id}`,`checksum`:"
                + "`{staging.checksum_url_by_scan_id.scan-0}`,`missing`:`{nope}`}");
        JsonNode record = beam("S", "1", 0);
        ObjectNode expanded = BUILDER.build(Optional.of(new ManifestSection(List.of(), null, template, "metadata")),
                input(record));
        assertThat(expanded.at("/sources/0/sbids/0/datasets/0")).isEqualTo(Json.of(
                "{`id`:`S_A_beam00_10arc_split.ms.tar`,`checksum`:`https://casda/checksum/0`,`missing`:`{nope}`}"));

        ObjectNode notExpanded = BUILDER.build(Optional.of(new ManifestSection(List.of(), null, template, "other")),
                input(record));
        assertThat(notExpanded.at("/sources/0/sbids/0/datasets/0")).isEqualTo(record);

        ObjectNode noTemplate = BUILDER.build(Optional.of(new ManifestSection(List.of(), null, null, "metadata")),
                input(record));
        assertThat(noTemplate.at("/sources/0/sbids/0/datasets/0")).isEqualTo(record);
    }

    @Test
    void sourceIdentifierAndSbidsOverwriteTemplateKeys() {
        ObjectNode template = (ObjectNode) Json.of("{`source_identifier`:`fixed`,`sbids`:`x`,`extra`:[`{sbid}`]}");
        ObjectNode manifest = BUILDER.build(Optional.of(new ManifestSection(List.of(), template, null, null)),
                input(beam("S", "1", 0)));
        assertThat(manifest.at("/sources/0/source_identifier").asText()).isEqualTo("S");
        assertThat(manifest.at("/sources/0/sbids").isArray()).isTrue();
        assertThat(manifest.at("/sources/0/extra")).isEqualTo(Json.of("[`1`]"));
    }

    @Test
    void noUsableDatasets() {
        assertThatThrownBy(() -> BUILDER.build(Optional.of(WALLABY), input(Json.of("{`sbid`:`0`}"))))
                .isInstanceOf(ManifestException.class).hasMessage("manifest has no usable datasets");
        assertThatThrownBy(() -> BUILDER.build(Optional.empty(), input()))
                .isInstanceOf(ManifestException.class).hasMessage("manifest has no usable datasets");
    }

    @Test
    void defaultBuilderGroupsBySourceThenSbid() {
        JsonNode other = Json.of("{`sbid`:`3`,`dataset_id`:`o`}");
        ObjectNode manifest = BUILDER.build(Optional.empty(),
                input(beam("S", "2", 0), beam("S", "1", 1), other, Json.of("{`sbid`:`0`,`source_identifier`:`S`}")));
        assertThat(manifest.at("/sources").size()).isEqualTo(2);
        JsonNode s = manifest.at("/sources/0");
        assertThat(s.get("source_identifier").asText()).isEqualTo("S");
        assertThat(s.get("ra_string").asText()).isEqualTo("13h17m28.7s");
        assertThat(s.get("dec_string").asText()).isEqualTo("-16.37.27.12");
        assertThat(s.get("vsys").asText()).isEqualTo("2505.3");
        assertThat(s.at("/sbids/0/sbid").asText()).isEqualTo("1");
        assertThat(s.at("/sbids/1/sbid").asText()).isEqualTo("2");
        JsonNode unknown = manifest.at("/sources/1");
        assertThat(unknown.get("source_identifier").asText()).isEqualTo("unknown");
        assertThat(unknown.get("ra_string").isNull()).isTrue();
        assertThat(manifest.at("/graph_overrides/patches/0/fields/0/value").asLong()).isEqualTo(3);
    }

    @Test
    void inputsAreNotModified() {
        JsonNode record = beam("S", "1", 0);
        JsonNode copy = record.deepCopy();
        ObjectNode manifest = BUILDER.build(Optional.of(WALLABY), input(record));
        ((ObjectNode) manifest.at("/sources/0/sbids/0/datasets/0")).put("dataset_id", "changed");
        assertThat(record).isEqualTo(copy);
    }

    @Test
    void stagingContextFromRecords() {
        ObjectNode context = StagingContext.fromRecords(List.of(
                Json.of("{`scan_id`:`s1`,`sbid`:`1`,`checksum_url`:`c1`,`data_url`:`d1`,`eval_url`:`e1`}"),
                Json.of("{`scan_id`:`s2`,`sbid`:2,`checksum_url`:`c2`,`staged_url`:`x`,`eval_url`:`e2`}")));
        assertThat(context).isEqualTo(Json.of("{`checksum_url_by_scan_id`:{`s1`:`c1`,`s2`:`c2`},"
                + "`data_url_by_scan_id`:{`s1`:`d1`},`eval_url_by_sbid`:{`1`:`e1`}}"));
    }
}
