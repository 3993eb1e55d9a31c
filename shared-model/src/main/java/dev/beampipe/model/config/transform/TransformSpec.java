package dev.beampipe.model.config.transform;

import java.util.List;

/**
 * One named transform of {@code definitions.transforms} (30-project-config §2.3). Canonical key order:
 * {@code kind, prefix, suffix, separators, pattern, group, from, to, default, steps}. Every field but
 * {@code kind} may be null (absent); parameters a kind does not use are kept and ignored. {@code kind}
 * is kept as written: a value outside {@link #KNOWN_KINDS} is the reference's {@code unknown} kind.
 */
public record TransformSpec(
        String kind,
        String prefix,
        String suffix,
        List<String> separators,
        String pattern,
        Long group,
        String from,
        String to,
        String defaultValue,
        List<String> steps) {

    public static final List<String> KNOWN_KINDS = List.of("identity", "trim", "lowercase", "uppercase", "replace",
            "add_prefix", "add_suffix", "default_if_empty", "chain", "strip_prefix", "extract_digits", "split_last",
            "is_present", "select_eval_file_by_size", "regex_extract");

    public TransformSpec {
        separators = separators == null ? null : List.copyOf(separators);
        steps = steps == null ? null : List.copyOf(steps);
    }

    public boolean knownKind() {
        return KNOWN_KINDS.contains(kind);
    }
}
