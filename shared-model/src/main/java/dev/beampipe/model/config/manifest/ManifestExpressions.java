package dev.beampipe.model.config.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.LongNode;
import dev.beampipe.model.text.UnicodeText;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The graph-patch value expressions {@code $count(PATH)} and {@code $sum(PATH)} (30-project-config §4.4).
 *
 * <p>PATH = segments separated by {@code .}: {@code name[]} iterates the array at key {@code name},
 * a bare {@code []} iterates the current value, any other segment selects an object key (no numeric
 * indices). A missing key or a non-array yields nothing for that branch. {@code $count} counts the values
 * reached (a present JSON null counts); {@code $sum} adds them as unsigned integers: non-negative
 * integers as they are, floats truncated (negative → 0, saturating at 2^64−1), everything else (numeric
 * strings included) 0. The result is a JSON unsigned integer. The whole expression and the inner path
 * are trimmed of Unicode White_Space at run time, as in the reference.
 */
public final class ManifestExpressions {

    static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private ManifestExpressions() {
    }

    /** The run-time form: the value, or empty when {@code text} is not an expression (it stays a literal). */
    public static Optional<JsonNode> evaluate(String text, JsonNode context) {
        String trimmed = UnicodeText.trim(text);
        Optional<String> countPath = inner(trimmed, "$count(");
        if (countPath.isPresent()) {
            return Optional.of(number(BigInteger.valueOf(reached(context, countPath.get()).size())));
        }
        Optional<String> sumPath = inner(trimmed, "$sum(");
        if (sumPath.isPresent()) {
            BigInteger sum = BigInteger.ZERO;
            for (JsonNode value : reached(context, sumPath.get())) {
                sum = sum.add(unsigned(value));
            }
            return Optional.of(number(sum.min(U64_MAX)));
        }
        return Optional.empty();
    }

    /**
     * The validation rule (§4.4): a string that starts with {@code $} must start with {@code $count(} or
     * {@code $sum(} and end with {@code )}; no trimming, no inner parsing. Strings not starting with
     * {@code $} are literals and pass. A string with whitespace before {@code $} passes (it is still
     * evaluated at run time).
     */
    public static boolean passesValidation(String text) {
        return !text.startsWith("$") || isWellFormedExpression(text);
    }

    /** The shape check alone: starts with {@code $count(} or {@code $sum(} and ends with {@code )}. */
    public static boolean isWellFormedExpression(String text) {
        return (text.startsWith("$count(") || text.startsWith("$sum(")) && text.endsWith(")");
    }

    private static Optional<String> inner(String trimmed, String prefix) {
        if (trimmed.startsWith(prefix) && trimmed.endsWith(")")) {
            return Optional.of(UnicodeText.trim(trimmed.substring(prefix.length(), trimmed.length() - 1)));
        }
        return Optional.empty();
    }

    private static List<JsonNode> reached(JsonNode context, String path) {
        List<JsonNode> current = List.of(context);
        for (String segment : path.split("\\.", -1)) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode value : current) {
                if (segment.endsWith("[]")) {
                    String key = segment.substring(0, segment.length() - 2);
                    JsonNode array = key.isEmpty() ? value : ManifestTemplate.member(value, key);
                    if (array != null && array.isArray()) {
                        array.forEach(next::add);
                    }
                } else {
                    JsonNode member = ManifestTemplate.member(value, segment);
                    if (member != null) {
                        next.add(member);
                    }
                }
            }
            current = next;
        }
        return current;
    }

    private static BigInteger unsigned(JsonNode value) {
        if (value == null || !value.isNumber()) {
            return BigInteger.ZERO;
        }
        if (value.isIntegralNumber()) {
            BigInteger integer = value.bigIntegerValue();
            // serde_json holds integers beyond u64 as floats; `as u64` saturates.
            return integer.signum() < 0 ? BigInteger.ZERO : integer.min(U64_MAX);
        }
        double d = value.doubleValue();
        if (Double.isNaN(d) || d <= 0) {
            return BigInteger.ZERO;
        }
        if (Double.isInfinite(d)) {
            return U64_MAX;
        }
        return new BigDecimal(d).toBigInteger().min(U64_MAX);
    }

    private static JsonNode number(BigInteger value) {
        return value.bitLength() < 64 ? LongNode.valueOf(value.longValue()) : BigIntegerNode.valueOf(value);
    }
}
