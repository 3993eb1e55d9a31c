package dev.beampipe.model.config.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Scalar resolution of serde_yaml 0.9 (30-project-config §1.1): a YAML 1.2 core-like schema without YAML 1.1
 * words, without underscores and with leading-zero decimals kept as strings. Floats may be non-finite here;
 * the JSON step turns those into null.
 */
public final class ScalarRules {

    private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
    private static final Set<String> TRUES = Set.of("true", "True", "TRUE");
    private static final Set<String> FALSES = Set.of("false", "False", "FALSE");
    /** What Rust's {@code f64::from_str} accepts, minus inf/nan words (those are non-finite and rejected anyway). */
    private static final Pattern RUST_FLOAT = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger I64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger U128_MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
    private static final BigInteger I128_MIN = BigInteger.ONE.shiftLeft(127).negate();

    private ScalarRules() {
    }

    /** Thrown for integers that serde_yaml recognises but cannot represent (128-bit range). */
    public static final class ScalarException extends Exception {
        public ScalarException(String message) {
            super(message);
        }
    }

    /** Resolves an untagged plain scalar. */
    public static JsonNode resolvePlain(String text) throws ScalarException {
        if (NULLS.contains(text)) {
            return NullNode.getInstance();
        }
        if (TRUES.contains(text)) {
            return BooleanNode.TRUE;
        }
        if (FALSES.contains(text)) {
            return BooleanNode.FALSE;
        }
        Optional<BigInteger> integer = parseInteger(text);
        if (integer.isPresent()) {
            BigInteger value = integer.get();
            if (value.signum() >= 0 && value.compareTo(U64_MAX) <= 0 || value.signum() < 0 && value.compareTo(I64_MIN) >= 0) {
                return integerNode(value);
            }
            if (value.signum() >= 0 && value.compareTo(U128_MAX) <= 0) {
                throw new ScalarException("invalid type: integer `" + value + "` as u128, expected any YAML value");
            }
            if (value.signum() < 0 && value.compareTo(I128_MIN) >= 0) {
                throw new ScalarException("invalid type: integer `" + value + "` as i128, expected any YAML value");
            }
        }
        if (!digitsButNotNumber(text)) {
            Optional<Double> real = parseFloat(text);
            if (real.isPresent()) {
                return DoubleNode.valueOf(real.get());
            }
        }
        return TextNode.valueOf(text);
    }

    /** Resolves a scalar with an explicit core tag ({@code !!bool}, {@code !!int}, {@code !!float}, {@code !!null}). */
    public static JsonNode resolveTagged(String tag, String text) throws ScalarException {
        switch (tag) {
            case "tag:yaml.org,2002:null":
                if (NULLS.contains(text)) {
                    return NullNode.getInstance();
                }
                throw new ScalarException("invalid value: string \"" + text + "\", expected null");
            case "tag:yaml.org,2002:bool":
                if (TRUES.contains(text)) {
                    return BooleanNode.TRUE;
                }
                if (FALSES.contains(text)) {
                    return BooleanNode.FALSE;
                }
                throw new ScalarException("invalid value: string \"" + text + "\", expected a boolean");
            case "tag:yaml.org,2002:int": {
                Optional<BigInteger> value = parseInteger(text)
                        .filter(v -> v.signum() >= 0 ? v.compareTo(U64_MAX) <= 0 : v.compareTo(I64_MIN) >= 0);
                if (value.isPresent()) {
                    return integerNode(value.get());
                }
                throw new ScalarException("invalid value: string \"" + text + "\", expected an integer");
            }
            case "tag:yaml.org,2002:float": {
                Optional<BigInteger> integer = parseInteger(text);
                if (integer.isPresent()) {
                    return DoubleNode.valueOf(integer.get().doubleValue());
                }
                Optional<Double> value = parseFloat(text);
                if (value.isPresent()) {
                    return DoubleNode.valueOf(value.get());
                }
                throw new ScalarException("invalid value: string \"" + text + "\", expected a float");
            }
            default:
                return TextNode.valueOf(text);
        }
    }

    private static JsonNode integerNode(BigInteger value) {
        return value.bitLength() < 64 ? LongNode.valueOf(value.longValue()) : BigIntegerNode.valueOf(value);
    }

    /** serde_yaml's {@code parse_unsigned_int} then {@code parse_negative_int}, widened to 128+ bits. */
    static Optional<BigInteger> parseInteger(String text) {
        String unpositive = text.startsWith("+") ? text.substring(1) : text;
        Optional<BigInteger> radix = radixPrefixed(unpositive, false);
        if (radix.isPresent()) {
            return radix;
        }
        if (text.startsWith("-")) {
            radix = radixPrefixed(text.substring(1), true);
            if (radix.isPresent()) {
                return radix;
            }
        }
        if (digitsButNotNumber(text)) {
            return Optional.empty();
        }
        if (!unpositive.startsWith("+") && !unpositive.startsWith("-") && unpositive.matches("[0-9]+")) {
            return Optional.of(new BigInteger(unpositive));
        }
        if (!text.startsWith("+") && text.matches("-[0-9]+")) {
            return Optional.of(new BigInteger(text));
        }
        return Optional.empty();
    }

    private static Optional<BigInteger> radixPrefixed(String text, boolean negative) {
        int radix;
        String digits;
        if (text.startsWith("0x")) {
            radix = 16;
        } else if (text.startsWith("0o")) {
            radix = 8;
        } else if (text.startsWith("0b")) {
            radix = 2;
        } else {
            return Optional.empty();
        }
        digits = text.substring(2);
        // Rust's from_str_radix accepts one leading '+', but serde_yaml rejects a sign after the prefix.
        if (digits.isEmpty() || digits.startsWith("+") || digits.startsWith("-")) {
            return Optional.empty();
        }
        String pattern = switch (radix) {
            case 16 -> "[0-9a-fA-F]+";
            case 8 -> "[0-7]+";
            default -> "[01]+";
        };
        if (!digits.matches(pattern)) {
            return Optional.empty();
        }
        BigInteger value = new BigInteger(digits, radix);
        return Optional.of(negative ? value.negate() : value);
    }

    /** serde_yaml: a leading zero followed by more digits (after an optional sign) is a string, never a number. */
    static boolean digitsButNotNumber(String text) {
        String s = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        return s.length() > 1 && s.charAt(0) == '0' && s.substring(1).chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** serde_yaml's {@code parse_f64}: YAML specials, else Rust's f64 syntax when the result is finite. */
    static Optional<Double> parseFloat(String text) {
        String unpositive = text;
        if (text.startsWith("+")) {
            unpositive = text.substring(1);
            if (unpositive.startsWith("+") || unpositive.startsWith("-")) {
                return Optional.empty();
            }
        }
        switch (unpositive) {
            case ".inf", ".Inf", ".INF":
                return Optional.of(Double.POSITIVE_INFINITY);
            default:
                break;
        }
        switch (text) {
            case "-.inf", "-.Inf", "-.INF":
                return Optional.of(Double.NEGATIVE_INFINITY);
            case ".nan", ".NaN", ".NAN":
                return Optional.of(Double.NaN);
            default:
                break;
        }
        if (!RUST_FLOAT.matcher(unpositive).matches()) {
            return Optional.empty();
        }
        double value = Double.parseDouble(unpositive);
        return Double.isFinite(value) ? Optional.of(value) : Optional.empty();
    }
}
