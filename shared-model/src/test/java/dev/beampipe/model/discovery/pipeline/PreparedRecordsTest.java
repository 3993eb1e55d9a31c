package dev.beampipe.model.discovery.pipeline;

import static dev.beampipe.model.discovery.pipeline.Json.json;
import static dev.beampipe.model.discovery.pipeline.Json.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Row → prepared record (30-project-config §3.4), through {@link SourceDiscovery} with one primary row, a
 * one-row {@code ra_dec_vsys} catalogue and a calibration archive for SBID 72962.
 */
class PreparedRecordsTest {

    private static final String CONFIG = """
            apiVersion: beampipe.dev/v2
            kind: ProjectConfig
            metadata: {id: records}
            definitions:
              transforms:
                digits: {kind: extract_digits}
                never: {kind: regex_extract, pattern: "^never$"}
                upper: {kind: uppercase}
            discovery:
              queries:
                - {name: obs, adapter: casda, template: "SELECT * FROM obs"}
                - {name: ra_dec_vsys, adapter: vizier, template: "SELECT * FROM hicat"}
              enrichments:
                - {name: sbid_to_eval_file, adapter: casda, template: "SELECT * FROM eval WHERE sbid = '{sbid}'"}
              prepare_metadata:
                field_map:
            %s
            """;
    private static final String EVAL = "calibration-metadata-processing-logs-SB72962_2025-04-21.tar";
    private static final ObjectNode EVAL_ROW = row("{'access_url':'https://eval','filename':'" + EVAL + "',"
            + "'filesize':'10','format':'calibration'}");
    private static final String ABSENT = "<absent>";

    record Case(String name, String fieldMap, String primaryRow, String expectedFields) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        String sbid = "      sbid: {from: obs_id, transform: digits}\n";
        return List.of(
                new Case("mapped fields win over lower-cased columns",
                        sbid + "      filename: {from: other}\n      source_identifier: {from: other}\n",
                        "{'FILENAME':'upper.ms','obs_id':'ASKAP-72962','other':'mapped'}",
                        "{'filename':'mapped','source_identifier':'mapped','other':'mapped','obs_id':'ASKAP-72962'}"),
                new Case("columns differing only in case: the byte-smallest name wins", sbid,
                        "{'Name':'first','NAME':'zero','name':'second','obs_id':'ASKAP-72962'}",
                        "{'name':'zero','NAME':'<absent>','Name':'<absent>'}"),
                new Case("a failing field_map transform drops the field",
                        sbid + "      dataset_id: {from: filename, transform: never}\n",
                        "{'filename':'a.ms','obs_id':'ASKAP-72962'}",
                        "{'dataset_id':'<absent>','filename':'a.ms','sbid':'72962'}"),
                new Case("a missing column skips the field; look-ups try lower then upper case",
                        sbid + "      dataset_id: {from: missing}\n      visibility_filename: {from: FileName}\n",
                        "{'FILENAME':'a.ms','obs_id':'ASKAP-72962'}",
                        "{'dataset_id':'<absent>','visibility_filename':'a.ms'}"),
                new Case("an inline chain", sbid + "      scan_id: {from: did, transform: [digits, upper]}\n",
                        "{'did':'scan-55','obs_id':'ASKAP-72962'}", "{'scan_id':'55'}"),
                new Case("source_identifier mapped from the identifier", "      origin: {from: source_identifier}\n",
                        "{'obs_id':'ASKAP-72962'}", "{'origin':'J1','source_identifier':'J1','sbid_to_eval_file':'<absent>'}"),
                new Case("the SBID's enrichment rows and the flattened evaluation file", sbid,
                        "{'obs_id':'ASKAP-72962'}",
                        "{'sbid':'72962','sbid_to_eval_file':" + EVAL_ROW.toString().replace('"', '\'') + ","
                                + "'evaluation_file':'" + EVAL + "','evaluation_file_access_url':'https://eval'}"),
                new Case("evaluation_file kept when mapped, evaluation_file_access_url overwritten",
                        sbid + "      evaluation_file: {from: f}\n      evaluation_file_access_url: {from: f}\n",
                        "{'f':'mine','obs_id':'ASKAP-72962'}",
                        "{'evaluation_file':'mine','evaluation_file_access_url':'https://eval'}"),
                new Case("a raw column named like an enrichment is overwritten by it", sbid,
                        "{'obs_id':'ASKAP-72962','sbid_to_eval_file':'raw'}",
                        "{'evaluation_file':'" + EVAL + "'}"),
                new Case("flags ra_string/dec_string/vsys overwrite the record",
                        sbid + "      ra_string: {from: ra}\n", "{'obs_id':'ASKAP-72962','ra':'mine','vsys':'col'}",
                        "{'ra_string':'13h17m28.7s','dec_string':'-16.37.27.12','vsys':'2505.3'}"),
                new Case("enrichments.<name> by the normalised SBID (our fix)",
                        sbid + "      calibration: {from: enrichments.sbid_to_eval_file}\n",
                        "{'obs_id':'ASKAP-72962'}", "{'calibration':" + EVAL_ROW.toString().replace('"', '\'') + "}"),
                new Case("enrichment.<name> is the same", sbid + "      calibration: {from: enrichment.sbid_to_eval_file}\n",
                        "{'obs_id':'ASKAP-72962'}", "{'calibration':" + EVAL_ROW.toString().replace('"', '\'') + "}"),
                new Case("enrichments.<name> with no entry is null",
                        sbid + "      hicat: {from: enrichments.ra_dec_vsys}\n", "{'obs_id':'ASKAP-72962'}",
                        "{'hicat':null}"),
                new Case("enrichments.<name> without any SBID key is skipped",
                        "      calibration: {from: enrichments.sbid_to_eval_file}\n", "{'filename':'a.ms'}",
                        "{'calibration':'<absent>'}"),
                new Case("enrichments.<name> falls back to the raw obs_id text, as the reference",
                        "      calibration: {from: enrichments.sbid_to_eval_file}\n", "{'obs_id':'ASKAP-72962'}",
                        "{'calibration':null}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void record(Case c) throws InterruptedException {
        InMemoryArchive archive = new InMemoryArchive()
                .answer("casda", "FROM obs", List.of(row(c.primaryRow())))
                .answer("vizier", "FROM hicat", List.of(row("{'DEJ2000':'-16.6242','RAJ2000':'199.3696','RVmom':'2505.3'}")))
                .answer("casda", "sbid = '72962'", List.of(EVAL_ROW));
        SourceOutcome outcome = new SourceDiscovery(Json.config(CONFIG.formatted(c.fieldMap()))).discover("J1", archive);

        assertThat(outcome).isInstanceOf(SourceOutcome.Prepared.class);
        ObjectNode record = ((SourceOutcome.Prepared) outcome).records().get(0);
        for (Iterator<Map.Entry<String, JsonNode>> it = json(c.expectedFields()).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> expected = it.next();
            if (ABSENT.equals(expected.getValue().textValue())) {
                assertThat(record.has(expected.getKey())).as(expected.getKey() + " absent in " + record).isFalse();
            } else {
                assertThat(record.get(expected.getKey())).as(expected.getKey() + " in " + record)
                        .isEqualTo(expected.getValue());
            }
        }
    }
}
