package dev.beampipe.worker.staging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure rules: decoding once, UWS documents, batches, scan ids, file names. */
class StagingRulesTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource({
            "'https%3A%2F%2Fh%2Fa%3Fsig%3Dab%252Bcd', 'https://h/a?sig=ab%2Bcd'",
            "'a+b%20c', 'a+b c'",
            "'100%', '100%'",
            "'%zz%2', '%zz%2'",
            "'caf%C3%A9', 'café'"})
    void percentDecodingHappensExactlyOnce(String in, String out) {
        assertThat(UwsDocuments.percentDecodeOnce(in)).isEqualTo(out);
    }

    @Test
    void aCasdaJobDocumentGivesPhaseErrorAndHrefResults() throws Exception {
        String signed = "https://ingest.pawsey.org.au/casda-prd-as102-01/sb1234/visibilities/a.ms.tar"
                + "?X-Amz-Date=20260119T101834Z&X-Amz-Signature=ab%2Bcd%2Fef";
        String job = "<?xml version=\"1.0\"?><uws:job xmlns:uws=\"http://www.ivoa.net/xml/UWS/v1.0\""
                + " xmlns:xlink=\"http://www.w3.org/1999/xlink\"><uws:jobId><![CDATA[u]]></uws:jobId>"
                + "<uws:phase> completed </uws:phase><uws:results>"
                + "<uws:result id=\"visibility-1\" xlink:type=\"simple\" xlink:href=\""
                + java.net.URLEncoder.encode(signed, StandardCharsets.UTF_8).replace("&", "&amp;") + "\"/>"
                + "<uws:result id=\"nohref\"/>"
                + "</uws:results><uws:errorSummary type=\"FATAL\"><uws:message>boom</uws:message></uws:errorSummary>"
                + "</uws:job>";
        byte[] bytes = job.getBytes(StandardCharsets.UTF_8);
        assertThat(UwsDocuments.phase(bytes)).isEqualTo("COMPLETED");
        assertThat(UwsDocuments.errorMessage(bytes)).contains("boom");
        assertThat(UwsDocuments.results(bytes)).containsExactly(new UwsDocuments.Result("visibility-1", signed));
        assertThat(UwsDocuments.results(bytes).get(0).toString()).doesNotContain("Signature");
    }

    @ParameterizedTest
    @CsvSource({
            "'https://h/sb1/visibilities/a.ms.tar?response-content-disposition=x%2Fy.tar&X=1', a.ms.tar",
            "'https://h/download/web/job/calibration-x.tar.checksum', calibration-x.tar.checksum",
            "'https://h/d/my%20file.tar#frag', my file.tar"})
    void fileNamesComeFromThePathWithoutTheQuery(String url, String name) {
        assertThat(CasdaStaging.fileName(url)).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource({
            "'DefaultFault: Sorry, but you do not have permission to access this data product', true",
            "'you do not have access', true",
            "'NotFoundFault: scan-1-1 cannot be found', false"})
    void permissionDeniedIsRecognisedFromTheRealAndTheReferenceText(String text, boolean denied) {
        assertThat(CasdaStaging.isPermissionDenied(text)).isEqualTo(denied);
    }

    static ObjectNode rec(String sbid, String scanId, String did) {
        ObjectNode r = JSON.createObjectNode();
        if (sbid != null) {
            r.put("sbid", sbid);
        }
        if (scanId != null) {
            r.put("scan_id", scanId);
        }
        if (did != null) {
            r.put("obs_publisher_did", did);
        }
        return r;
    }

    @Test
    void batchesAreOrderedByNumericSbidWithNonNumericLast() {
        List<ObjectNode> records = List.of(rec("20", null, null), rec("x", null, null), rec("3", null, null),
                rec(null, null, null), rec("20", null, null));
        assertThat(StagingInputs.batches(records, true).keySet()).containsExactly("3", "20", "unknown", "x");
        assertThat(StagingInputs.batches(records, true).get("20")).hasSize(2);
        assertThat(StagingInputs.batches(records, false).keySet()).containsExactly("combined");
    }

    @ParameterizedTest
    @CsvSource(value = {
            "scan-123-4, , 123",
            "raw, , raw",
            ", scan-77-1, 77",
            ", other, ''"}, nullValues = "")
    void scanIds(String scanId, String did, String expected) {
        assertThat(StagingInputs.scanId(rec("1", scanId, did))).isEqualTo(expected == null ? "" : expected);
    }
}
