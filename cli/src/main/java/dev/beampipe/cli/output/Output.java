package dev.beampipe.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.cli.CliException;
import dev.beampipe.model.canonical.PrettyJson;
import dev.beampipe.model.config.yaml.YamlLoadException;
import dev.beampipe.model.config.yaml.YamlTreeLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Machine output on stdout (pretty JSON, serde layout); files read with clear errors. */
public final class Output {
    private Output() {
    }

    public static void json(JsonNode node) {
        System.out.println(PrettyJson.write(node));
        System.out.flush();
    }

    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** A YAML or JSON document (JSON is YAML) as a JSON tree. */
    public static JsonNode document(Path file) {
        try {
            return YamlTreeLoader.load(read(file));
        } catch (YamlLoadException e) {
            throw new CliException(file + ": " + e.getMessage());
        }
    }
}
