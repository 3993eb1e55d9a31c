package dev.beampipe.model.discovery.pipeline;

import static dev.beampipe.model.discovery.pipeline.Json.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.config.model.ProjectConfig;
import dev.beampipe.model.config.transform.TransformEngine;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The distinct SBIDs of a source (30-project-config §3.1 step 4). */
class SbidSetTest {

    private static final String CONFIG = """
            apiVersion: beampipe.dev/v2
            kind: ProjectConfig
            metadata: {id: sbids}
            definitions:
              transforms:
                digits: {kind: extract_digits}
            discovery:
              prepare_metadata:
                field_map:
            %s
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "digits, de-duplicated, byte-sorted|sbid: {from: obs_id, transform: digits}|"
                    + "{'obs_id':'ASKAP-99'};{'obs_id':'ASKAP-100'};{'obs_id':'ASKAP-99'}|100,99",
            "rows without a value are dropped|sbid: {from: obs_id, transform: digits}|"
                    + "{'obs_id':'none'};{'other':'1'};{'obs_id':'ASKAP-7'}|7",
            "numbers use their JSON number text|sbid: {from: sbid}|{'sbid':72962};{'sbid':1.5}|1.5,72962",
            "strings are trimmed, blanks dropped|sbid: {from: SBID}|{'SBID':' 12 '};{'SBID':'  '}|12",
            "the identifier is empty here|sbid: {from: source_identifier}|{'obs_id':'1'}|",
            "enrichments are not available here|sbid: {from: enrichments.x}|{'obs_id':'1'}|",
            "no sbid mapping, no SBIDs|dataset_id: {from: obs_id}|{'obs_id':'1'}|",
    })
    void sbids(String name, String mapping, String rows, String expected) {
        ProjectConfig config = Json.config(CONFIG.formatted("      " + mapping));
        List<ObjectNode> primary = Arrays.stream(rows.split(";")).map(Json::row).toList();
        List<String> sbids = SbidSet.of(primary, config.discovery().prepareMetadata().fieldMap().get("sbid"),
                new TransformEngine(config.transforms()));
        assertThat(sbids).containsExactlyElementsOf(expected == null ? List.of() : List.of(expected.split(",")));
    }
}
