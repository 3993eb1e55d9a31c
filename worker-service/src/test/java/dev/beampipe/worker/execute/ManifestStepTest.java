package dev.beampipe.worker.execute;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.config.model.Extension;
import dev.beampipe.model.config.model.ProjectConfig;
import dev.beampipe.model.config.validation.ParseResult;
import dev.beampipe.model.config.validation.ProjectConfigValidation;
import dev.beampipe.model.ledger.SourceSelection;
import dev.beampipe.model.sources.MetadataRow;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Manifest, graph patches, hooks and the embedded manifest, on the repository's example project. */
class ManifestStepTest {

    static ProjectConfig config(Extension extension) throws Exception {
        ProjectConfig c = ((ParseResult.Parsed) ProjectConfigValidation.parse(Files.readAllBytes(ExampleProject.configPath()))).config();
        return new ProjectConfig(c.apiVersion(), c.kind(), c.metadata(), c.adapters(), c.graph(), c.discovery(), c.manifest(),
                c.graphPatches(), c.outputVerification(), c.automation(), extension, c.definitions(), c.sourceIdentity());
    }

    static PinnedScope.Selected selected() {
        List<ObjectNode> records = List.of(ExecuteFixture.record("S", "1001", 0), ExecuteFixture.record("S", "1001", 1),
                ExecuteFixture.record("S", "1002", 0));
        com.fasterxml.jackson.databind.node.ArrayNode a = records.get(0).arrayNode();
        a.add(records.get(0)).add(records.get(1));
        com.fasterxml.jackson.databind.node.ArrayNode b = records.get(0).arrayNode().add(records.get(2));
        return PinnedScope.select(List.of(new SourceSelection("S", null)), Map.of("S", List.of(
                new MetadataRow("1001", records.get(0).objectNode().set("datasets", a)),
                new MetadataRow("1002", records.get(0).objectNode().set("datasets", b)))));
    }

    @Test
    void embedsTheManifestAppliesThePatchAndIsDeterministic() throws Exception {
        PinnedScope.Selected s = selected();
        UUID id = UUID.randomUUID();
        ManifestStep step = new ManifestStep((p, sha) -> false);
        PreparedRun run = step.prepare(id, 1_700_000_000L, "m", config(null), ExampleProject::graph, s.records(), s.expected());
        assertThat(run.manifestInjected()).isTrue();
        assertThat(run.manifest().get("sources")).hasSize(2);
        assertThat(run.manifest().toString()).contains("\"num_of_copies\",\"value\":2");
        assertThat(run.patchedGraph().path("activeGraphConfigId").asText()).isEqualTo(run.graphConfigId());
        assertThat(run.manifestPath()).isEqualTo("manifest.json");
        PreparedRun again = step.prepare(id, 1_700_000_000L, "m", config(null), ExampleProject::graph, s.records(), s.expected());
        assertThat(again.patchedGraph()).isEqualTo(run.patchedGraph());
    }

    @Test
    void aStoredWasmHookIsRefusedAndAMissingOneSkipped() throws Exception {
        PinnedScope.Selected s = selected();
        ProjectConfig hooked = config(new Extension("a".repeat(64), List.of(Extension.Hook.MANIFEST)));
        assertThatThrownBy(() -> new ManifestStep((p, sha) -> true).prepare(UUID.randomUUID(), 0, "m", hooked,
                ExampleProject::graph, s.records(), s.expected()))
                .isInstanceOf(ExecuteFailure.class)
                .hasMessage("WASM manifest hook of module " + "a".repeat(64) + " cannot run: this worker has no WebAssembly runtime");
        assertThat(new ManifestStep((p, sha) -> false).prepare(UUID.randomUUID(), 0, "m", hooked, ExampleProject::graph,
                s.records(), s.expected()).manifestInjected()).isTrue();
    }

    @Test
    void recordsOutsideTheExpectedScopeAreRefused() throws Exception {
        PinnedScope.Selected s = selected();
        assertThatThrownBy(() -> new ManifestStep((p, sha) -> false).prepare(UUID.randomUUID(), 0, "m", config(null),
                ExampleProject::graph, s.records().subList(0, 2), s.expected()))
                .isInstanceOf(ExecuteFailure.class)
                .hasMessage("workflow manifest differs from the selected dataset scope: missing source 'S' SBID 1002 S_SB1002_beam00.ms.tar");
    }
}
