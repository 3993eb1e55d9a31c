package dev.beampipe.simulators.tap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Both encodings, read back with STIL over real HTTP, carry the same rows as the simulated tables (nulls included). */
class VoTableRoundTripTest {

    static TapSimulator sim;

    @BeforeAll
    static void start() {
        sim = TapSimulator.start(0);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    static Stream<Arguments> queries() {
        List<Arguments> out = new ArrayList<>();
        for (String id : List.of(Sources.oneSbid(), Sources.twoEpochs(), Sources.twoSbidsSameEpoch(), Sources.none(),
                Sources.notInHicat(), "HIPASSJ1318-21", "HIPASSJ0005-28")) {
            out.add(Arguments.of("casda", Sources.visibility(id)));
            out.add(Arguments.of("vizier", Sources.hicat(id)));
        }
        out.add(Arguments.of("casda", Sources.evalFile(12345)));
        out.add(Arguments.of("casda", "SELECT * FROM casda.observation_evaluation_file WHERE sbid = '12345'"));
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("queries")
    void tabledataAndBinaryCarryTheSameRows(String service, String adql) throws Exception {
        URI base = service.equals("casda") ? sim.casdaTapBase() : sim.vizierTapBase();
        HttpResponse<byte[]> td = TapClient.query(base, adql, "votable/td");
        HttpResponse<byte[]> bin = TapClient.query(base, adql, "votable/b");
        assertThat(td.statusCode()).isEqualTo(200);
        assertThat(bin.statusCode()).isEqualTo(200);
        assertThat(TapClient.text(td)).contains("<TABLEDATA>").contains("QUERY_STATUS\" value=\"OK\"");
        assertThat(TapClient.text(bin)).contains("<STREAM encoding=\"base64\">");

        List<List<Object>> fromTd = TapClient.rows(td.body());
        List<List<Object>> fromBin = TapClient.rows(bin.body());
        QueryEngine.Result expected = (service.equals("casda") ? sim.casda() : sim.vizier()).engine().execute(adql);
        assertThat(fromTd).hasSize(expected.rows().size());
        assertThat(fromBin).hasSize(expected.rows().size());
        for (int r = 0; r < expected.rows().size(); r++) {
            Object[] want = expected.rows().get(r);
            for (int c = 0; c < want.length; c++) {
                assertSame(local(want[c]), fromTd.get(r).get(c), "TABLEDATA row " + r + " col " + c);
                assertSame(local(want[c]), fromBin.get(r).get(c), "BINARY row " + r + " col " + c);
            }
        }
        assertThat(TapClient.columnNames(td.body())).isEqualTo(TapClient.columnNames(bin.body()))
                .isEqualTo(expected.columns().stream().map(Column::name).toList());
    }

    /** The archive model's VO-proxy DataLink URLs, as the simulator answers them: pointing at itself. */
    private static Object local(Object cell) {
        return cell instanceof String s && s.startsWith(TapService.CASDA_DATALINK)
                ? sim.casdaDataLink() + s.substring(TapService.CASDA_DATALINK.length()) : cell;
    }

    private static void assertSame(Object want, Object got, String where) {
        if (want == null) {
            assertThat(got).as(where).isNull();
        } else if (want instanceof Number n) {
            assertThat(got).as(where).isInstanceOf(Number.class);
            assertThat(((Number) got).doubleValue()).as(where).isEqualTo(n.doubleValue());
        } else {
            assertThat(got).as(where).isEqualTo(want);
        }
    }

    @Test
    void theDataIncludesNullsOfEveryNumericKind() {
        QueryEngine.Result r = sim.casda().engine().execute(Sources.visibility(Sources.oneSbid()));
        int quality = r.columns().indexOf(Column.of("quality_level", Column.Type.INT));
        int power = r.columns().indexOf(Column.of("em_res_power", Column.Type.DOUBLE));
        assertThat(r.rows().stream().filter(row -> row[quality] == null)).isNotEmpty();
        assertThat(r.rows().stream().filter(row -> row[power] == null)).isNotEmpty();
    }

    @Test
    void defaultsAreTabledataForCasdaAndBinaryForVizier() {
        String id = Sources.oneSbid();
        assertThat(TapClient.text(TapClient.query(sim.casdaTapBase(), Sources.visibility(id), "votable")))
                .contains("<TABLEDATA>");
        assertThat(TapClient.text(TapClient.query(sim.vizierTapBase(), Sources.hicat(id), "votable")))
                .contains("<BINARY>");
        assertThat(TapClient.text(TapClient.query(sim.vizierTapBase(), Sources.hicat(id), null)))
                .contains("<BINARY>");
    }

    @Test
    void maxrecTruncatesWithOverflowAfterTheTable() throws Exception {
        HttpResponse<byte[]> r = TapClient.post(sim.casdaTapBase(), "REQUEST=doQuery&LANG=ADQL&MAXREC=5&QUERY="
                + TapClient.enc(Sources.visibility(Sources.oneSbid())));
        String text = TapClient.text(r);
        assertThat(TapClient.rows(r.body())).hasSize(5);
        assertThat(text.indexOf("value=\"OVERFLOW\"")).isGreaterThan(text.indexOf("</TABLE>"));
    }
}
