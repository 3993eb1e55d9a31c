package dev.beampipe.simulators.tap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AdqlFilterTest {

    private final WallabyArchive archive = new WallabyArchive();
    private final QueryEngine casda = new QueryEngine(List.of(archive.obscore, archive.evaluationFiles));
    private final QueryEngine vizier = new QueryEngine(List.of(archive.hicat));

    static Stream<Arguments> visibilityCases() {
        // source, expected rows, expected distinct SBIDs
        return Stream.of(
                Arguments.of(Sources.oneSbid(), WallabyArchive.BEAMS, 1),
                Arguments.of(Sources.twoEpochs(), WallabyArchive.BEAMS, 1),
                Arguments.of(Sources.twoSbidsSameEpoch(), 2 * WallabyArchive.BEAMS, 2),
                Arguments.of(Sources.none(), 0, 0));
    }

    @ParameterizedTest
    @MethodSource("visibilityCases")
    void theConfigsVisibilityQueryReturnsTheLatestEpochOnly(String id, int rows, int sbids) {
        QueryEngine.Result r = casda.execute(Sources.visibility(id));
        assertThat(r.rows()).hasSize(rows);
        int obsId = index(r, "obs_id");
        int filename = index(r, "filename");
        assertThat(r.rows().stream().map(row -> row[obsId]).distinct().count()).isEqualTo(sbids);
        assertThat(r.rows()).allSatisfy(row -> assertThat((String) row[filename]).startsWith(id + "_"));
        if (rows > 0) {
            List<WallabyArchive.Epoch> epochs = archive.epochs(id);
            assertThat(r.rows().stream().map(row -> row[obsId]))
                    .contains("ASKAP-" + epochs.get(epochs.size() - 1).sbid());
        }
    }

    static Stream<Arguments> filterCases() {
        String two = Sources.twoEpochs();
        String one = Sources.oneSbid();
        int beams = WallabyArchive.BEAMS;
        return Stream.of(
                Arguments.of("SELECT * FROM ivoa.obscore WHERE filename LIKE '" + two + "%'", 2 * beams),
                Arguments.of("SELECT * FROM ivoa.obscore WHERE filename LIKE '" + two + "%' AND obs_collection IN ('WALLABY')", beams),
                Arguments.of("select filename from IVOA.OBSCORE where FILENAME like '" + two
                        + "%' and obs_collection in ('ASKAP Pilot Survey for WALLABY')", beams),
                Arguments.of("SELECT * FROM ivoa.obscore WHERE filename LIKE '" + one + "_A_beam0%'", 10),
                Arguments.of("SELECT * FROM ivoa.obscore WHERE filename LIKE '" + one + "_B%'", 0),
                Arguments.of("SELECT * FROM ivoa.obscore WHERE filename LIKE '" + one + "%' AND obs_collection IN ('other')", 0),
                Arguments.of("SELECT * FROM ivoa.obscore WHERE filename LIKE '" + one + "%' AND calib_level = 1", beams),
                Arguments.of("SELECT * FROM ivoa.obscore WHERE filename LIKE '" + one + "%' AND dataproduct_type = 'cube'", 0));
    }

    @ParameterizedTest
    @MethodSource("filterCases")
    void whereClausesFilterTheGeneratedRows(String adql, int rows) {
        assertThat(casda.execute(adql).rows()).hasSize(rows);
    }

    @ParameterizedTest
    @MethodSource("hicatCases")
    void hicatEqualityOnHipass(String id, int rows) {
        QueryEngine.Result r = vizier.execute(Sources.hicat(id));
        assertThat(r.rows()).hasSize(rows);
        assertThat(r.columns().stream().map(Column::name))
                .containsExactly("HIPASS", "RAJ2000", "DEJ2000", "RV50max", "RV50min", "RVmom");
        if (rows == 1) {
            assertThat(r.rows().get(0)[0]).isEqualTo(id.substring(6));
        }
    }

    static Stream<Arguments> hicatCases() {
        return Stream.of(Arguments.of(Sources.oneSbid(), 1), Arguments.of(Sources.notInHicat(), 0));
    }

    @ParameterizedTest
    @MethodSource("evalCases")
    void evaluationFileEnrichment(int sbid, int rows) {
        QueryEngine.Result r = casda.execute(Sources.evalFile(sbid));
        assertThat(r.rows()).hasSize(rows);
        int filename = index(r, "filename");
        assertThat(r.rows()).allSatisfy(row ->
                assertThat((String) row[filename]).startsWith("calibration-metadata-processing-logs-SB" + sbid + "_").endsWith(".tar"));
    }

    static Stream<Arguments> evalCases() {
        return Stream.of(Arguments.of(12345, 1), Arguments.of(12347, 0), Arguments.of(70001, 1));
    }

    static Stream<Arguments> unsupported() {
        return Stream.of(
                Arguments.of("SELECT * FROM ivoa.obscore", "must constrain filename"),
                Arguments.of("SELECT * FROM ivoa.obscore WHERE filename LIKE '%x'", "must constrain filename"),
                Arguments.of("SELECT * FROM ivoa.obscore WHERE filename LIKE 'HIPASSJ1318-21%' OR sbid = 1", "OR"),
                Arguments.of("SELECT COUNT(*) FROM ivoa.obscore WHERE filename LIKE 'HIPASSJ1318-21%'", "expected FROM"),
                Arguments.of("SELECT TOP 5 * FROM ivoa.obscore", "expected FROM"),
                Arguments.of("SELECT * FROM ivoa.obscore WHERE filename LIKE 'HIPASSJ1318-21%' ORDER BY t_max", "unexpected"),
                Arguments.of("SELECT * FROM ivoa.obscore WHERE filename LIKE 'HIPASSJ1318-21", "unterminated"),
                Arguments.of("SELECT * FROM casda.nope WHERE sbid = 1", "unknown table"),
                Arguments.of("SELECT nope FROM ivoa.obscore WHERE filename LIKE 'HIPASSJ1318-21%'", "unknown column"),
                Arguments.of("SELECT * FROM ivoa.obscore WHERE filename > 'a'", "unexpected character"),
                Arguments.of("SELECT * FROM \"VIII/73/hicat\"", "must constrain HIPASS"),
                Arguments.of("SELECT * FROM casda.observation_evaluation_file WHERE format = 'calibration'", "must constrain sbid"),
                Arguments.of("", "empty query"),
                Arguments.of("SELECT * FROM ivoa.obscore WHERE filename LIKE 'HIPASSJ1318-21%' AND s_ra IS NULL", "unsupported predicate"),
                Arguments.of("SELECT o.* FROM ivoa.obscore o INNER JOIN (SELECT MAX(t_max) AS mx FROM ivoa.obscore"
                        + " WHERE filename LIKE 'HIPASSJ1318-21%') AS latest ON o.t_min = latest.mx"
                        + " WHERE o.filename LIKE 'HIPASSJ1318-21%'", "only ON"));
    }

    @ParameterizedTest
    @MethodSource("unsupported")
    void unsupportedAdqlIsAnErrorNeverAnEmptyResult(String adql, String message) {
        QueryEngine all = new QueryEngine(List.of(archive.obscore, archive.evaluationFiles, archive.hicat));
        assertThatThrownBy(() -> all.execute(adql)).isInstanceOf(AdqlException.class).hasMessageContaining(message);
    }

    @ParameterizedTest
    @MethodSource("likeCases")
    void likeMatchesLikeAdql(String pattern, String value, boolean matches) {
        assertThat(QueryEngine.like(pattern).matcher(value).matches()).isEqualTo(matches);
    }

    static Stream<Arguments> likeCases() {
        return Stream.of(
                Arguments.of("abc%", "abcdef", true),
                Arguments.of("abc%", "xabc", false),
                Arguments.of("a_c", "abc", true),
                Arguments.of("a_c", "abbc", false),
                Arguments.of("a.c%", "abc", false),
                Arguments.of("SB1_%.tar", "SB1_2023.tar", true),
                Arguments.of("SB1_%.tar", "SB1_2023.tgz", false),
                Arguments.of("ABC%", "abc", false));
    }

    @org.junit.jupiter.api.Test
    void dataChangedAddsALaterSbidThatBecomesTheLatestEpoch() {
        String id = Sources.oneSbid();
        Set<Object> before = obsIds(casda.execute(Sources.visibility(id)));
        int sbid = archive.addSbid(id);
        Set<Object> after = obsIds(casda.execute(Sources.visibility(id)));
        assertThat(after).containsExactly("ASKAP-" + sbid).doesNotContainAnyElementsOf(before);
        assertThat(casda.execute("SELECT * FROM ivoa.obscore WHERE filename LIKE '" + id + "%'").rows())
                .hasSize(2 * WallabyArchive.BEAMS);
    }

    @org.junit.jupiter.api.Test
    void generationIsDeterministic() {
        String id = Sources.twoEpochs();
        List<Object[]> a = casda.execute(Sources.visibility(id)).rows();
        List<Object[]> b = new QueryEngine(List.of(new WallabyArchive().obscore)).execute(Sources.visibility(id)).rows();
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i)).containsExactly(b.get(i));
        }
    }

    private static Set<Object> obsIds(QueryEngine.Result r) {
        int i = index(r, "obs_id");
        return r.rows().stream().map(row -> row[i]).collect(Collectors.toSet());
    }

    private static int index(QueryEngine.Result r, String column) {
        for (int i = 0; i < r.columns().size(); i++) {
            if (r.columns().get(i).name().equals(column)) {
                return i;
            }
        }
        throw new AssertionError(column);
    }
}
