package dev.beampipe.model.daliuge;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A DALiuGE manager error envelope {@code {"type": "<Exception>", "args": …}} (40-backends §3.5). A 555
 * {@code SubManagerException} nests one envelope per failing node manager:
 * {@code {"type": "SubManagerException", "args": {"<nm>": {"type": "<Inner>", "args": "dummy"}}}}.
 *
 * @param type    the outer exception class
 * @param message a readable rendering of {@code args} (bounded)
 * @param perNode the nested per-node exceptions (empty unless {@code SubManagerException})
 */
public record ManagerError(String type, String message, Map<String, ManagerError> perNode) {

    /** Exceptions a manager raises while checking a request, before changing anything. */
    private static final Set<String> REJECTED_BEFORE_APPLYING = Set.of(
            "NoSessionException", "SessionAlreadyExistsException", "InvalidSessionState",
            "InvalidGraphException", "InvalidDropException", "InvalidRelationshipException");


    public ManagerError {
        perNode = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(perNode)); // keep the reply's order
    }

    /** The envelope in {@code body}, or empty when the body is not one (bottle HTML, proxy text, …). */
    public static Optional<ManagerError> parse(byte[] body) {
        try {
            return parse(DaliugeHttp.JSON.readTree(body));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    static Optional<ManagerError> parse(JsonNode node) {
        if (node == null || !node.isObject() || !node.path("type").isTextual()) {
            return Optional.empty();
        }
        String type = node.get("type").asText();
        JsonNode args = node.path("args");
        Map<String, ManagerError> perNode = new LinkedHashMap<>();
        if (args.isObject()) {
            args.fields().forEachRemaining(e -> parse(e.getValue()).ifPresent(inner -> perNode.put(e.getKey(), inner)));
        }
        return Optional.of(new ManagerError(type, render(args), perNode));
    }

    private static String render(JsonNode args) {
        String text = args.isMissingNode() || args.isNull() ? "" : args.isTextual() ? args.asText() : args.toString();
        return text.length() > 512 ? text.substring(0, 512) + "…" : text;
    }

    /** True when this exception (or, for a 555, any nested one) is {@code exceptionType}. */
    public boolean involves(String exceptionType) {
        return type.equals(exceptionType) || perNode.values().stream().anyMatch(e -> e.involves(exceptionType));
    }

    /**
     * True when the manager rejected the request while checking it, so nothing was changed: the exception (or
     * every nested one) is a precondition failure. A {@code RestClientException} (a node manager the DIM
     * could not reach) or a bare {@code DaliugeException} may come after other nodes applied the request.
     */
    public boolean rejectedBeforeApplying() {
        if (!perNode.isEmpty()) {
            return perNode.values().stream().allMatch(ManagerError::rejectedBeforeApplying);
        }
        return REJECTED_BEFORE_APPLYING.contains(type);
    }

    /** {@code SubManagerException[nm1: NoSessionException(...)]}-like one-liner for messages and logs. */
    public String summary() {
        if (perNode.isEmpty()) {
            return message.isEmpty() ? type : type + ": " + message;
        }
        StringBuilder b = new StringBuilder(type).append(" [");
        String sep = "";
        for (Map.Entry<String, ManagerError> e : perNode.entrySet()) {
            b.append(sep).append(e.getKey()).append(": ").append(e.getValue().type());
            sep = ", ";
        }
        return b.append(']').toString();
    }
}
