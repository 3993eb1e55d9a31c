package dev.beampipe.systemtests.discovery;

import dev.beampipe.model.testing.ReferenceFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference WALLABY config (read in place from ../shared/reference) with a few keys of one nested
 * section changed, written to a temporary file for one test run — never a copy in the repository.
 * Top-level and two-level sections of the reference layout are supported ({@code output_verification},
 * {@code automation.discovery}, {@code adapters.tap}); a key is replaced in place or added to its section.
 */
public final class WallabyConfigVariant {
    private final List<String> lines;

    private WallabyConfigVariant(List<String> lines) {
        this.lines = lines;
    }

    public static WallabyConfigVariant reference() {
        try {
            return new WallabyConfigVariant(new ArrayList<>(Files.readAllLines(ReferenceFiles.path("config/wallaby_hires.v2.yaml"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code section} is a top-level section ({@code output_verification}) or {@code parent.child} ({@code automation.discovery}). */
    public WallabyConfigVariant set(String section, String key, String value) {
        String[] path = section.split("\\.");
        if (path.length > 2) {
            throw new IllegalArgumentException("section must be parent or parent.child: " + section);
        }
        int header = find(0, lines.size(), "", path[0]);
        int end = blockEnd(header, 0);
        String indent = "  ";
        if (path.length == 2) {
            header = find(header + 1, end, "  ", path[1]);
            end = blockEnd(header, 2);
            indent = "    ";
        }
        for (int i = header + 1; i < end; i++) {
            if (lines.get(i).startsWith(indent + key + ":")) {
                lines.set(i, indent + key + ": " + value);
                return this;
            }
        }
        lines.add(header + 1, indent + key + ": " + value);
        return this;
    }

    public WallabyConfigVariant set(String section, Map<String, String> values) {
        new LinkedHashMap<>(values).forEach((k, v) -> set(section, k, v));
        return this;
    }

    public String text() {
        return String.join("\n", lines) + "\n";
    }

    public Path writeTo(Path dir) {
        try {
            return Files.writeString(Files.createTempFile(dir, "wallaby_hires.variant", ".yaml"), text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int find(int from, int to, String indent, String name) {
        for (int i = from; i < to; i++) {
            if (lines.get(i).equals(indent + name + ":")) {
                return i;
            }
        }
        throw new IllegalArgumentException("no section " + name + " in the reference config");
    }

    /** First line after {@code header} that is indented no deeper than {@code indent} (blank lines and comments skipped). */
    private int blockEnd(int header, int indent) {
        for (int i = header + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            int lead = line.length() - line.stripLeading().length();
            if (lead <= indent) {
                return i;
            }
        }
        return lines.size();
    }
}
