package dev.beampipe.model.ledger.control;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.ledger.state.Reconcile;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The trusted publisher's output inventory (20-api §2.4 {@code outputs/verify}, 10-state §5.7): request rules (400)
 * and the execution-state rules (409).
 */
public final class OutputInventoryRules {
    public static final String ARTIFACT_KIND = "output_inventory";
    public static final String MEDIA_TYPE = "application/vnd.wallaby.output-inventory+json";
    public static final int MAX_PRODUCTS = 100_000;
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private OutputInventoryRules() {
    }

    public record Product(String path, long bytes, String sha256) {
    }

    public record Publication(boolean acknowledged, String publisher, String receiptId, OffsetDateTime publishedAt) {
    }

    public record Inventory(String schema, List<String> patterns, Map<String, Long> patternCounts, List<Product> products,
                            String inventorySha256, String durableDestinationUri, Publication publication) {
    }

    /** The request rules; {@code now} bounds {@code published_at}. */
    public static void validate(Inventory inv, OffsetDateTime now) {
        validatePatterns(inv.patterns(), inv.patternCounts());
        validateProducts(inv.products());
        String expected = inventorySha256(inv.products());
        if (inv.inventorySha256() == null || !SHA256.matcher(inv.inventorySha256()).matches()) {
            throw bad("inventory_sha256 must be 64 lower-case hex characters");
        }
        if (!inv.inventorySha256().equals(expected)) {
            throw bad("inventory_sha256 does not match the canonical products digest (expected " + expected + ")");
        }
        validateUri(inv.durableDestinationUri());
        Publication p = inv.publication();
        if (p == null || !p.acknowledged()) {
            throw bad("publication.acknowledged must be true");
        }
        if (!within(p.publisher(), 1, 256) || !within(p.receiptId(), 1, 256)) {
            throw bad("publication.publisher and publication.receipt_id must be 1..256 characters");
        }
        if (p.publishedAt() == null || p.publishedAt().isAfter(now.plus(MAX_CLOCK_SKEW))) {
            throw bad("publication.published_at must not be more than 5 minutes in the future");
        }
    }

    /** SHA-256 of the canonical (key-sorted, compact) JSON of the products array. */
    public static String inventorySha256(List<Product> products) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Product p : products) {
            array.addObject().put("path", p.path()).put("bytes", p.bytes()).put("sha256", p.sha256());
        }
        return StableJson.sha256(array);
    }

    /**
     * The execution must be waiting for verification: reconcile() says {@code verify_outputs} (10-state §2.4 row 6
     * with verification required and outputs not yet verified). Already-verified executions are handled by the caller.
     */
    public static void requireAwaitingVerification(LedgerState s, String pinnedSchema, String requestSchema) {
        if (!s.outputVerificationRequired()) {
            throw ControlFailure.conflict("the pinned execution policy explicitly opts out of output verification").rejected();
        }
        if (!pinnedSchema.equals(requestSchema)) {
            throw ControlFailure.conflict("inventory schema '" + requestSchema + "' does not match the pinned schema '"
                    + pinnedSchema + "'").rejected();
        }
        if ("verified".equals(s.outputState())) {
            return;
        }
        if (s.terminal()) {
            throw ControlFailure.conflict("execution is terminal (" + s.status() + ") without verified outputs").rejected();
        }
        if (!awaitsOutputVerification(s)) {
            throw ControlFailure.conflict("execution is not waiting for output verification").rejected();
        }
    }

    static boolean awaitsOutputVerification(LedgerState s) {
        return Reconcile.awaitsOutputVerification(s.axes());
    }

    private static void validatePatterns(List<String> patterns, Map<String, Long> counts) {
        if (patterns == null || patterns.isEmpty()) {
            throw bad("patterns must not be empty");
        }
        Set<String> seen = new HashSet<>();
        for (String p : patterns) {
            if (p == null || p.isEmpty() || !seen.add(p)) {
                throw bad("patterns must be non-empty and unique");
            }
            if (p.startsWith("/") || p.contains("\\") || List.of(p.split("/", -1)).contains("..")) {
                throw bad("pattern '" + p + "' must be relative without '\\' or '..'");
            }
            Long n = counts == null ? null : counts.get(p);
            if (n == null || n <= 0) {
                throw bad("pattern_counts must give pattern '" + p + "' a positive count");
            }
        }
        if (counts.size() != patterns.size()) {
            throw bad("pattern_counts must have exactly one entry per pattern");
        }
    }

    private static void validateProducts(List<Product> products) {
        if (products == null || products.isEmpty() || products.size() > MAX_PRODUCTS) {
            throw bad("products must contain 1.." + MAX_PRODUCTS + " entries");
        }
        Set<String> paths = new HashSet<>();
        long total = 0;
        for (Product p : products) {
            String path = p.path();
            if (path == null || path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.indexOf('\0') >= 0) {
                throw bad("product path '" + path + "' must be relative without '\\' or NUL");
            }
            for (String part : path.split("/", -1)) {
                if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                    throw bad("product path '" + path + "' has an empty, '.' or '..' component");
                }
            }
            if (!paths.add(path)) {
                throw bad("product path '" + path + "' is listed more than once");
            }
            if (p.bytes() <= 0) {
                throw bad("product '" + path + "' must have bytes > 0");
            }
            if (p.sha256() == null || !SHA256.matcher(p.sha256()).matches()) {
                throw bad("product '" + path + "' sha256 must be 64 lower-case hex characters");
            }
            try {
                total = Math.addExact(total, p.bytes());
            } catch (ArithmeticException e) {
                throw bad("the total product size overflows");
            }
        }
    }

    static void validateUri(String text) {
        URI uri;
        try {
            uri = text == null ? null : new URI(text);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || !uri.isAbsolute() || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw bad("durable_destination_uri must be an absolute URI without credentials or fragment");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        boolean ok = switch (scheme) {
            case "s3", "gs", "https" -> uri.getHost() != null && !uri.getHost().isEmpty();
            case "file" -> uri.getPath() != null && uri.getPath().startsWith("/");
            default -> false;
        };
        if (!ok) {
            throw bad("durable_destination_uri must be s3://, gs:// or https:// with a host, or file:// with an absolute path");
        }
    }

    private static boolean within(String s, int min, int max) {
        return s != null && s.length() >= min && s.length() <= max;
    }

    private static ControlRejected bad(String message) {
        return ControlFailure.badRequest(message).rejected();
    }
}
