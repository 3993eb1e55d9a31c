package dev.beampipe.model.config.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Applies the transforms of {@code definitions.transforms} (30-project-config §4.1–4.3). A transform yields
 * a value or fails (empty); what a failure means is up to the use site. Names resolve only in the registry.
 * Chains (named {@code chain} kinds and inline lists) feed each output to the next step; any failing step
 * fails the chain. Decision 18: chain nesting deeper than {@link #MAX_CHAIN_DEPTH} fails instead of
 * recursing without bound as the reference does on a cycle.
 */
public final class TransformEngine {

    public static final int MAX_CHAIN_DEPTH = 32;

    private static final List<String> DEFAULT_SEPARATORS = List.of("/", ":", "#");

    private final Map<String, TransformSpec> registry;
    // patterns come from the registry, so the cache is bounded by the config
    private final Map<String, Optional<Pattern>> patterns = new ConcurrentHashMap<>();

    /** {@code registry} = {@code definitions.transforms}; null means "no registry" (every chain fails). */
    public TransformEngine(Map<String, TransformSpec> registry) {
        this.registry = registry == null ? null : Map.copyOf(registry);
    }

    /** A use-site reference: one name or an inline chain of names. An empty inline list is the identity. */
    public Optional<JsonNode> apply(TransformRef ref, JsonNode input) {
        return applyNames(ref.names(), input, 0);
    }

    public Optional<JsonNode> apply(String name, JsonNode input) {
        return applyNamed(name, input, 0);
    }

    public Optional<JsonNode> apply(TransformSpec spec, JsonNode input) {
        return applySpec(spec, input, 0);
    }

    /** The reference's {@code TransformSpec::apply} outside a registry: as {@link #apply}, but chains fail. */
    public static Optional<JsonNode> applyStandalone(TransformSpec spec, JsonNode input) {
        return new TransformEngine(null).apply(spec, input);
    }

    private Optional<JsonNode> applyNames(List<String> names, JsonNode input, int depth) {
        Optional<JsonNode> value = Optional.of(input == null ? NullNode.getInstance() : input);
        for (String name : names) {
            value = value.flatMap(v -> applyNamed(name, v, depth));
        }
        return value;
    }

    private Optional<JsonNode> applyNamed(String name, JsonNode input, int depth) {
        TransformSpec spec = registry == null ? null : registry.get(name);
        return spec == null ? Optional.empty() : applySpec(spec, input, depth);
    }

    private Optional<JsonNode> applySpec(TransformSpec spec, JsonNode rawInput, int depth) {
        JsonNode input = rawInput == null ? NullNode.getInstance() : rawInput;
        return switch (spec.kind() == null ? "unknown" : spec.kind()) {
            case "identity" -> Optional.of(input);
            case "trim" -> text(input, s -> s);
            case "lowercase" -> text(input, Coercion::asciiLowercase);
            case "uppercase" -> text(input, Coercion::asciiUppercase);
            case "replace" -> spec.from() == null || spec.from().isEmpty()
                    ? Optional.empty()
                    : text(input, s -> s.replace(spec.from(), spec.to() == null ? "" : spec.to()));
            case "add_prefix" -> spec.prefix() == null ? Optional.empty() : text(input, s -> spec.prefix() + s);
            case "add_suffix" -> spec.suffix() == null ? Optional.empty() : text(input, s -> s + spec.suffix());
            case "default_if_empty" -> Optional.of(Coercion.isEmpty(input)
                    ? (spec.defaultValue() == null ? NullNode.getInstance() : TextNode.valueOf(spec.defaultValue()))
                    : input);
            case "strip_prefix" -> text(input, s -> spec.prefix() != null && s.startsWith(spec.prefix())
                    ? s.substring(spec.prefix().length()) : s);
            case "extract_digits" -> Coercion.stringForm(input).map(TransformEngine::asciiDigits)
                    .filter(d -> !d.isEmpty()).map(TextNode::valueOf);
            case "split_last" -> text(input, s -> splitLast(s, spec.separators() == null
                    ? DEFAULT_SEPARATORS : spec.separators()));
            case "is_present" -> Optional.of(BooleanNode.valueOf(!Coercion.isEmpty(input)));
            case "select_eval_file_by_size" -> EvalFileSelection.select(input);
            case "regex_extract" -> regexExtract(spec, input);
            case "chain" -> registry == null || spec.steps() == null || depth >= MAX_CHAIN_DEPTH
                    ? Optional.empty()
                    : applyNames(spec.steps(), input, depth + 1);
            default -> Optional.empty();
        };
    }

    private static Optional<JsonNode> text(JsonNode input, UnaryOperator<String> f) {
        return Coercion.stringForm(input).map(f).map(TextNode::valueOf);
    }

    private static String asciiDigits(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Text after the last character that occurs in any separator, trimmed; no separator → unchanged. */
    static String splitLast(String s, List<String> separators) {
        int cut = -1;
        for (String sep : separators) {
            for (int k = 0; k < sep.length(); ) {
                int cp = sep.codePointAt(k);
                int at = s.lastIndexOf(cp);
                if (at >= 0 && at + Character.charCount(cp) > cut) {
                    cut = at + Character.charCount(cp);
                }
                k += Character.charCount(cp);
            }
        }
        return cut < 0 ? s : Coercion.trim(s.substring(cut));
    }

    private Optional<JsonNode> regexExtract(TransformSpec spec, JsonNode input) {
        long group = spec.group() == null ? 1 : spec.group();
        if (spec.pattern() == null || group < 0) {
            return Optional.empty();
        }
        Optional<String> text = Coercion.stringForm(input);
        return text.flatMap(s -> patterns.computeIfAbsent(spec.pattern(), RustRegex::compile).flatMap(p -> {
            Matcher m = p.matcher(s);
            if (!m.find() || group > m.groupCount()) {
                return Optional.empty();
            }
            return Optional.ofNullable(m.group((int) group)).map(TextNode::valueOf);
        }));
    }
}
