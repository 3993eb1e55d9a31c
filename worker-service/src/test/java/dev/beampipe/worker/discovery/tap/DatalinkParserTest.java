package dev.beampipe.worker.discovery.tap;

import dev.beampipe.model.testing.ReferenceFiles;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class DatalinkParserTest {

    private static final String ASYNC = "https://casda.csiro.au/casda_data_access/data/async";

    @Test
    void theReferenceCasdaFixtureParsesIntoItsAccessUrls() throws Exception {
        byte[] xml = Files.readAllBytes(ReferenceFiles.path("fixtures/casda_datalink.xml"));

        DatalinkResult result = DatalinkParser.parse(xml);

        assertThat(result.links()).hasSize(6).allMatch(l -> l.id().equals("cube-244"));
        assertThat(result.directAccess()).extracting(DatalinkLink::accessUrl).containsExactly(
                "https://casda.csiro.au/casda_data_access/data/sync?id=cube-244",
                "https://casda.csiro.au/casda_data_access/data/sync/pawsey?id=cube-244");
        assertThat(result.directAccess()).allSatisfy(l -> {
            assertThat(l.contentType()).isEqualTo("application/fits");
            assertThat(l.contentLength()).isEqualTo(OptionalLong.of(1_056_024_576L));
            assertThat(l.semantics()).isEqualTo("#this");
        });
        assertThat(result.links()).extracting(DatalinkLink::serviceDef, DatalinkLink::semantics).containsExactly(
                org.assertj.core.groups.Tuple.tuple("", "#this"),
                org.assertj.core.groups.Tuple.tuple("", "#this"),
                org.assertj.core.groups.Tuple.tuple("async_service", "#this"),
                org.assertj.core.groups.Tuple.tuple("async_service", "#this"),
                org.assertj.core.groups.Tuple.tuple("cutout_service", "#cutout"),
                org.assertj.core.groups.Tuple.tuple("spectrum_generation_service", "#proc"));
        assertThat(result.links().get(4).contentLength()).isEmpty();
        assertThat(result.serviceAccessUrls()).isEqualTo(Map.of("async_service", ASYNC, "cutout_service", ASYNC,
                "spectrum_generation_service", ASYNC));
        assertThat(result.service("async_service")).hasValue(new DatalinkResult.ServiceAccess(ASYNC, "cube-244"));
        assertThat(result.service("pawsey_async_service")).isEmpty();
        assertThat(result.errors()).isEmpty();
        assertThat(result.links().get(2).toString()).doesNotContain("cube-244\"").contains("[REDACTED]");
    }

    @Test
    void errorRowsUnderHttp200AreRowsAndPrefixedDocumentsAreRead() throws Exception {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <vo:VOTABLE xmlns:vo="http://www.ivoa.net/xml/VOTable/v1.3" version="1.3">
                  <vo:RESOURCE name="CASDA Datalink Result" type="results">
                    <vo:TABLE>
                      <vo:FIELD datatype="char" name="ID" arraysize="*"/>
                      <vo:FIELD datatype="char" name="access_url" arraysize="*"/>
                      <vo:FIELD datatype="char" name="service_def" arraysize="*"/>
                      <vo:FIELD datatype="char" name="error_message" arraysize="*"/>
                      <vo:FIELD datatype="char" name="description" arraysize="*"/>
                      <vo:FIELD datatype="char" name="semantics" arraysize="*"/>
                      <vo:FIELD datatype="char" name="content_type" arraysize="*"/>
                      <vo:FIELD unit="byte" datatype="long" name="content_length"/>
                      <vo:FIELD ID="authenticatedIdToken" datatype="char" name="authenticated_id_token" arraysize="*"/>
                      <vo:DATA><vo:TABLEDATA>
                        <vo:TR><vo:TD>scan-5-1</vo:TD><vo:TD/><vo:TD/>
                          <vo:TD>DefaultFault: Sorry, but you do not have permission to access this data product</vo:TD>
                          <vo:TD/><vo:TD>#error</vo:TD><vo:TD/><vo:TD/><vo:TD/></vo:TR>
                      </vo:TABLEDATA></vo:DATA>
                    </vo:TABLE>
                  </vo:RESOURCE>
                </vo:VOTABLE>
                """.strip();

        DatalinkResult result = DatalinkParser.parse(xml.getBytes(StandardCharsets.UTF_8));

        assertThat(result.errors()).extracting(DatalinkLink::errorMessage).containsExactly(
                "DefaultFault: Sorry, but you do not have permission to access this data product");
        assertThat(result.directAccess()).isEmpty();
        assertThat(result.service("async_service")).isEmpty();
        assertThat(result.serviceAccessUrls()).isEmpty();
        assertThat(List.of(result.links().get(0).id())).containsExactly("scan-5-1");
    }
}
