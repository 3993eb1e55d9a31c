package dev.beampipe.cli.project;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.cli.output.Output;
import dev.beampipe.model.config.model.ModelTree;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code beampipe project render -f FILE}: the typed model as YAML (defaults filled, canonical key order). */
@Command(name = "render", mixinStandardHelpOptions = true, description = "Print a valid project config in canonical form (YAML).")
public class ProjectRenderCommand implements Callable<Integer> {
    @Option(names = {"-f", "--file"}, required = true, description = "project config (YAML or JSON)")
    Path file;

    @Override
    public Integer call() {
        JsonNode tree = ModelTree.toJson(ProjectFiles.valid(Output.read(file), file.toString()));
        Dump dump = new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setIndent(2)
                .setIndicatorIndent(0).setWidth(120).build());
        System.out.print(dump.dumpToString(plain(tree)));
        return 0;
    }

    static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                map.put(e.getKey(), plain(e.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> list.add(plain(n)));
            return list;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return null;
    }
}
