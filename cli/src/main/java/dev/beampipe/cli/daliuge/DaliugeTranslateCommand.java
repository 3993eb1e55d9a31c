package dev.beampipe.cli.daliuge;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.cli.CliException;
import dev.beampipe.cli.OperatorEnvironment;
import dev.beampipe.cli.output.CommandOutput;
import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.daliuge.OperatorInspection;
import dev.beampipe.model.daliuge.PhysicalGraph;
import dev.beampipe.model.daliuge.TranslatorClient;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.profile.RestRemoteDeployment;
import dev.beampipe.model.profile.Translation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code beampipe daliuge translate --execution ID}: re-translates the execution's persisted patched graph with its
 * pinned translation/deployment profile ({@code /unroll_and_partition}, then {@code /map} against
 * {@code dim_host_for_tm} else {@code deploy_host}, {@code dim_port_for_tm} else {@code deploy_port}) and prints the
 * physical graph and its SHA-256. No DALiuGE session is created and nothing is written (40-backends §2.8).
 */
@Command(name = "translate", mixinStandardHelpOptions = true,
        description = "Dry-run translation of an execution's persisted patched graph with its pinned profile (no session).")
public class DaliugeTranslateCommand implements Callable<Integer> {
    @Option(names = "--execution", required = true, paramLabel = "ID", description = "The execution uuid.")
    String execution;

    @ParentCommand
    DaliugeCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PinnedTranslation pinned;
        try (Database db = parent.environment.openDatabase()) {
            pinned = PinnedTranslation.load(db, OperatorEnvironment.executionId(execution));
        }
        if (!(pinned.profile().deployment() instanceof RestRemoteDeployment rest)) {
            throw new CliException("execution " + pinned.executionId() + " is pinned to a "
                    + pinned.profile().deployment().kind() + " profile; a dry-run translation needs rest_remote "
                    + "(Slurm translates on the cluster)");
        }
        Translation translation = pinned.profile().translation();
        String tm = translation.tmUrl() != null && !translation.tmUrl().isBlank() ? translation.tmUrl()
                : parent.environment.get("BEAMPIPE_TM_URL").orElseThrow(() -> new CliException(DaliugeCommand.NO_TM));
        String dimHost = rest.dimHostForTm() != null && !rest.dimHostForTm().isBlank() ? rest.dimHostForTm() : rest.deployHost();
        long dimPort = rest.dimPortForTm() != null ? rest.dimPortForTm()
                : rest.deployPort() != null ? rest.deployPort() : RestRemoteDeployment.DEFAULT_DIM_PORT;
        TranslatorClient client = new TranslatorClient(tm, rest.verifySsl());
        PhysicalGraph graph = DaliugeCommand.live(() -> PhysicalGraph.of(client.map(
                client.unrollAndPartition(pinned.patchedGraph(), translation), dimHost, dimPort, translation.islandsForTm())));
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("execution_id", pinned.executionId().toString());
        out.put("dry_run", true);
        out.put("profile", pinned.profile().name());
        out.put("translator", OperatorInspection.safeUrl(client.base()));
        out.put("patched_graph_sha256", pinned.patchedGraphSha256());
        ArrayNode drops = graph.drops();
        out.put("physical_graph_sha256", StableJson.sha256(drops));
        out.put("drop_count", graph.dropCount());
        ArrayNode roots = out.putArray("roots");
        graph.roots().forEach(roots::add);
        out.set("physical_graph", drops);
        CommandOutput.json(spec, out);
        return 0;
    }
}
