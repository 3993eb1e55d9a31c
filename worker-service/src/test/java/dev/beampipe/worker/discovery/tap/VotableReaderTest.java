package dev.beampipe.worker.discovery.tap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VotableReaderTest {

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = VotableReaderTest.class.getResourceAsStream("/votable/" + name)) {
            return in.readAllBytes();
        }
    }

    private static Map<String, String> row(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static final List<Map<String, String>> EXPECTED = List.of(
            row("name", "J1318-21", "sbid", "12345", "ra", "199.5", "flux", "0.1", "n", "7", "flag", "true"),
            row("name", "", "sbid", "9007199254740993", "ra", "1e+20", "flux", "", "n", "", "flag", "false"),
            row("name", "HIPASS J0000+00 <&>", "sbid", "-42", "ra", "-0.000012", "flux", "2505.3", "n", "0",
                    "flag", ""));

    @ParameterizedTest
    @ValueSource(strings = {"tabledata.xml", "binary.xml", "binary2.xml", "prefixed.xml"})
    void everySerializationGivesTheSameRecords(String name) throws Exception {
        VotableTable table = VotableReader.read(fixture(name));

        assertThat(table.columns()).containsExactly("name", "sbid", "ra", "flux", "n", "flag");
        assertThat(table.rows()).containsExactlyElementsOf(EXPECTED);
        assertThat(table.queryStatus()).isEqualTo("OK");
        assertThat(table.overflow()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"xmlns=\"http://www.ivoa.net/xml/VOTable/v1.1\"",
            "xmlns=\"http://www.ivoa.net/xml/VOTable/v1.2\"", ""})
    void olderNamespacesAndNoNamespaceAreRead(String namespace) throws Exception {
        for (String name : List.of("tabledata.xml", "binary.xml")) {
            byte[] xml = new String(fixture(name), StandardCharsets.UTF_8)
                    .replace("xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"", namespace)
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(VotableReader.read(xml).rows()).as(name).isEqualTo(EXPECTED);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"types-tabledata.xml", "types-binary.xml"})
    void otherDatatypes(String name) throws Exception {
        assertThat(VotableReader.read(fixture(name)).rows()).containsExactly(row("s", "-3", "u", "200",
                "uc", "Ωμ", "fc", "ab", "pair", "1.5 -2.0", "t_min", "59000.123456789",
                "released", "2024-01-02T03:04:05Z"));
    }

    @Test
    void binaryAndTabledataOfTheSameTableAreIdentical() throws Exception {
        assertThat(VotableReader.read(fixture("binary.xml")))
                .isEqualTo(VotableReader.read(fixture("tabledata.xml")));
        assertThat(VotableReader.read(fixture("binary2.xml")))
                .isEqualTo(VotableReader.read(fixture("tabledata.xml")));
    }

    @Test
    void queryStatusErrorIsATypedErrorWithItsMessage() {
        assertThatThrownBy(() -> VotableReader.read(fixture("error.xml")))
                .isInstanceOf(TapQueryException.class)
                .hasMessage("TAP query failed: Unknown table \"ivoa.obscorex\"")
                .satisfies(e -> assertThat(((TapException) e).retryable()).isFalse());
    }

    @Test
    void errorStatusAfterTheTableWinsOverRows() throws Exception {
        byte[] midStream = new String(fixture("tabledata.xml"), StandardCharsets.UTF_8)
                .replace("</TABLE>", "</TABLE><INFO name=\"QUERY_STATUS\" value=\"ERROR\">connection reset</INFO>")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> VotableReader.read(midStream))
                .isInstanceOf(TapQueryException.class).hasMessageContaining("connection reset");
    }

    @Test
    void overflowAfterTheTableIsReported() throws Exception {
        VotableTable table = VotableReader.read(fixture("overflow.xml"));
        assertThat(table.overflow()).isTrue();
        assertThat(table.rows()).hasSize(3);
    }

    @Test
    void malformedAndForeignXmlAreNotRetryableQueryErrors() {
        assertThatThrownBy(() -> VotableReader.read("<VOTABLE><RESOURCE>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(TapQueryException.class).hasMessageStartingWith("response is not well-formed XML");
        assertThatThrownBy(() -> VotableReader.read("<html><body>busy</body></html>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(TapQueryException.class).hasMessageContaining("not a VOTable");
    }

    @Test
    void externalEntitiesAreRefused() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE v [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<VOTABLE><RESOURCE><TABLE><FIELD name=\"a\" datatype=\"char\" arraysize=\"*\"/>"
                + "<DATA><TABLEDATA><TR><TD>&x;</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>";
        assertThatThrownBy(() -> VotableReader.read(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(TapQueryException.class);
    }

    @Test
    void noNamespaceAndNoTableGiveAnEmptyResult() throws Exception {
        VotableTable t = VotableReader.read("<VOTABLE><RESOURCE type=\"results\"/></VOTABLE>".getBytes(StandardCharsets.UTF_8));
        assertThat(t.rows()).isEmpty();
        assertThat(t.queryStatus()).isNull();
    }
}
