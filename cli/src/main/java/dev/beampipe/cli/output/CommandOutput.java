package dev.beampipe.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.model.canonical.PrettyJson;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;

/** Pretty JSON on the command line's stdout (so in-process tests capture it). */
public final class CommandOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CommandOutput() {
    }

    public static void json(CommandSpec spec, JsonNode node) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(PrettyJson.write(node));
        out.flush();
    }

    public static void json(CommandSpec spec, JsonObject object) {
        json(spec, tree(object));
    }

    public static JsonNode tree(JsonObject object) {
        try {
            return MAPPER.readTree(object.encode());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JsonObject always encodes to JSON", e);
        }
    }
}
