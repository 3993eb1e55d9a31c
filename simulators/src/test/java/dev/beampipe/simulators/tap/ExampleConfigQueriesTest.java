package dev.beampipe.simulators.tap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Every discovery query of the repository's example project config is accepted by the matching simulator. */
class ExampleConfigQueriesTest {

    @Test
    @SuppressWarnings("unchecked")
    void everyExampleQueryRuns() throws Exception {
        Path config = Path.of("..", "config", "examples", "hipass_sample.v2.yaml");
        Map<String, Object> root = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(config));
        Map<String, Object> discovery = (Map<String, Object>) root.get("discovery");
        List<Map<String, Object>> queries = new ArrayList<>((List<Map<String, Object>>) discovery.get("queries"));
        Object enrichments = discovery.get("enrichments");
        if (enrichments instanceof List<?> list) {
            queries.addAll((List<Map<String, Object>>) list);
        }
        assertThat(queries).isNotEmpty();
        WallabyArchive archive = new WallabyArchive();
        QueryEngine casda = new QueryEngine(List.of(archive.obscore, archive.evaluationFiles));
        QueryEngine vizier = new QueryEngine(List.of(archive.hicat));
        String id = Sources.oneSbid();
        for (Map<String, Object> q : queries) {
            String adql = ((String) q.get("template"))
                    .replace("{source_identifier}", id)
                    .replace("{source_name}", id.substring(6))
                    .replace("{catalogue_id}", id.substring(6))
                    .replace("{sbid}", String.valueOf(archive.epochs(id).get(0).sbid()));
            QueryEngine engine = "vizier".equals(q.get("adapter")) ? vizier : casda;
            assertThat(engine.execute(adql).rows()).as(q.get("name") + ": " + adql).isNotEmpty();
        }
    }
}
