package dev.beampipe.model.discovery.pipeline;

import static dev.beampipe.model.discovery.pipeline.Json.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.config.model.ProjectConfig;
import dev.beampipe.model.config.transform.TransformEngine;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Discovery flags (30-project-config §3.5): dot paths over {"enrichments": …}, transforms, the WALLABY addition. */
class DiscoveryFlagsTest {

    private static final String CONFIG = """
            apiVersion: beampipe.dev/v2
            kind: ProjectConfig
            metadata: {id: flags}
            definitions:
              transforms:
                has_rows: {kind: is_present}
                never: {kind: regex_extract, pattern: "^never$"}
                upper: {kind: uppercase}
            discovery:
              prepare_metadata:
                discovery_flags:
                  flag: %s
            """;

    private static final String ENRICHMENTS = "{'catalogue':[{'name':'x'}],'empty':[],"
            + "'quality':{'72962':{'grade':'a'}},'note':'text'}";

    record Case(String name, String spec, String enrichments, String expectedFlags) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("has_rows of rows", "{from: enrichments.catalogue, transform: has_rows}", ENRICHMENTS,
                        "{'flag':true}"),
                new Case("has_rows of [] (failed secondary)", "{from: enrichments.empty, transform: has_rows}",
                        ENRICHMENTS, "{'flag':false}"),
                new Case("has_rows of a missing query", "{from: enrichments.nothing, transform: has_rows}",
                        ENRICHMENTS, "{'flag':false}"),
                new Case("a path into a per-SBID object", "{from: enrichments.quality.72962.grade}", ENRICHMENTS,
                        "{'flag':'a'}"),
                new Case("transform applied", "{from: enrichments.quality.72962.grade, transform: upper}", ENRICHMENTS,
                        "{'flag':'A'}"),
                new Case("a failing transform keeps the raw value", "{from: enrichments.catalogue, transform: never}",
                        ENRICHMENTS, "{'flag':[{'name':'x'}]}"),
                new Case("arrays are not indexable", "{from: enrichments.catalogue.0.name}", ENRICHMENTS,
                        "{'flag':null}"),
                new Case("a path outside enrichments is null", "{from: catalogue}", ENRICHMENTS, "{'flag':null}"),
                new Case("through a scalar is null", "{from: enrichments.note.length}", ENRICHMENTS, "{'flag':null}"),
                new Case("an inline chain", "{from: enrichments.note, transform: [upper, has_rows]}", ENRICHMENTS,
                        "{'flag':true}"),
                new Case("ra_dec_vsys adds the coordinates from its first row", "{from: enrichments.note}",
                        "{'note':'n','ra_dec_vsys':[{'RAJ2000':'199.25','DEJ2000':'-0.5','RV50max':'',"
                                + "'RVmom':'1200'},{'RAJ2000':'1'}]}",
                        "{'flag':'n','ra_string':'13h17m0s','dec_string':'-0.30.0','vsys':'1200'}"),
                new Case("ra_dec_vsys empty adds nothing", "{from: enrichments.ra_dec_vsys, transform: has_rows}",
                        "{'ra_dec_vsys':[]}", "{'flag':false}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void flags(Case c) {
        ProjectConfig config = Json.config(CONFIG.formatted(c.spec()));
        ObjectNode flags = DiscoveryFlags.of(config.discovery().prepareMetadata().discoveryFlags(),
                (ObjectNode) json(c.enrichments()), new TransformEngine(config.transforms()));
        assertThat(flags).isEqualTo(json(c.expectedFlags()));
    }
}
