package dev.beampipe.simulators.tap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DataLink over real HTTP, read with STIL: service rows with the token, service descriptors, error rows. */
class DataLinkTest {

    static TapSimulator sim;

    @BeforeAll
    static void start() {
        sim = TapSimulator.start(0);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void reset() {
        sim.reset();
    }

    private static byte[] links(String id) {
        return TapClient.control(URI.create(sim.casdaDataLink() + "?ID=" + TapClient.enc(id)), "GET").body()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void anObscoreAccessUrlResolvesToTheAsyncServiceAndAToken() throws Exception {
        String did = "scan-123456-7";
        byte[] body = links(did);
        List<List<Object>> rows = TapClient.rows(body);
        assertThat(TapClient.columnNames(body)).containsExactly("ID", "access_url", "service_def", "error_message",
                "description", "semantics", "content_type", "content_length", "authenticated_id_token");
        assertThat(rows).hasSize(4);
        List<Object> async = rows.stream().filter(r -> "async_service".equals(r.get(2))).findFirst().orElseThrow();
        assertThat(async.get(8)).isEqualTo(DataLink.token(did));
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).contains("<RESOURCE ID=\"async_service\" utype=\"adhoc:service\" type=\"meta\">")
                .contains("ref=\"authenticatedIdToken\"").contains("/casda/casda_data_access/data/async");
        assertThat(sim.casda().dataLinkCount(did)).isEqualTo(1);
    }

    @Test
    void discoveredAccessUrlsPointBackAtTheSimulatorsDataLink() throws Exception {
        String source = "HIPASSJ1318-21";
        byte[] body = TapClient.query(sim.casdaTapBase(),
                "SELECT access_url FROM ivoa.obscore WHERE filename LIKE '" + source + "%'", "votable").body();
        List<List<Object>> rows = TapClient.rows(body);
        assertThat(rows).as("obscore rows of " + source).isNotEmpty();
        String url = (String) rows.get(0).get(0);
        assertThat(url).as("access_url of a discovered visibility").startsWith(sim.casdaDataLink() + "?ID=scan-");
        assertThat(TapClient.rows(TapClient.control(URI.create(url), "GET").body()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8))).as("DataLink rows behind it").hasSize(4);
    }

    @Test
    void errorsAreRowsInAnHttp200Reply() throws Exception {
        List<List<Object>> notFound = TapClient.rows(links("nonsense-1"));
        assertThat(notFound).singleElement().satisfies(r -> {
            assertThat(r.get(5)).isEqualTo("#error");
            assertThat((String) r.get(3)).startsWith("NotFoundFault: ");
        });
        sim.casda().faults().errorFor("scan-1-2");
        assertThat(TapClient.rows(links("scan-1-2")).get(0).get(3))
                .isEqualTo("DefaultFault: Sorry, but you do not have permission to access this data product");
    }
}
