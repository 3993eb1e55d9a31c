package dev.beampipe.api.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * HS256 JSON Web Tokens exactly as the reference issues and checks them (20-api §3.2): header
 * {@code {"typ":"JWT","alg":"HS256"}}, key = the secret's UTF-8 bytes, {@code exp} checked with 60 s of leeway,
 * no {@code nbf/iss/aud}, then the {@code typ} claim. Tokens interoperate with the reference's when the secret is
 * shared. Written over {@code javax.crypto.Mac} so no JOSE library's defaults (issuer checks, groups) apply.
 */
public final class JwtCodec {
    static final long LEEWAY_SECONDS = 60;
    private static final String HEADER = "{\"typ\":\"JWT\",\"alg\":\"HS256\"}";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] key;

    public JwtCodec(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the JWT secret must be at least 32 bytes");
        }
        this.key = key.clone();
    }

    public String encode(TokenClaims claims) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("sub", claims.subject());
        payload.put("typ", claims.type().claim());
        payload.put("jti", claims.jti());
        payload.put("exp", claims.expiresAt());
        payload.put("iat", claims.issuedAt());
        String signingInput = B64.encodeToString(HEADER.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + B64.encodeToString(sign(signingInput));
    }

    /** Verifies signature, algorithm, expiry (with leeway at {@code nowSeconds}) and the expected type. */
    public TokenClaims decode(String token, TokenType expected, long nowSeconds) throws InvalidTokenException {
        String[] parts = token == null ? new String[0] : token.split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidTokenException("not a compact JWS");
        }
        JsonNode header = json(parts[0]);
        if (!"HS256".equals(header.path("alg").asText(null))) {
            throw new InvalidTokenException("algorithm is not HS256");
        }
        byte[] signature;
        try {
            signature = B64D.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("signature is not base64url");
        }
        if (!MessageDigest.isEqual(signature, sign(parts[0] + "." + parts[1]))) {
            throw new InvalidTokenException("bad signature");
        }
        JsonNode payload = json(parts[1]);
        JsonNode exp = payload.get("exp");
        if (exp == null || !exp.canConvertToLong()) {
            throw new InvalidTokenException("exp missing");
        }
        if (exp.asLong() + LEEWAY_SECONDS < nowSeconds) {
            throw new InvalidTokenException("expired");
        }
        JsonNode sub = payload.get("sub");
        JsonNode typ = payload.get("typ");
        if (sub == null || !sub.isTextual() || typ == null || !typ.isTextual()) {
            throw new InvalidTokenException("sub or typ missing");
        }
        if (!expected.claim().equals(typ.asText())) {
            throw new InvalidTokenException("wrong token type");
        }
        return new TokenClaims(sub.asText(), expected, payload.path("jti").asText(""), exp.asLong(),
                payload.path("iat").asLong(0));
    }

    private static JsonNode json(String part) throws InvalidTokenException {
        try {
            JsonNode node = JSON.readTree(B64D.decode(part));
            if (node == null || !node.isObject()) {
                throw new InvalidTokenException("segment is not a JSON object");
            }
            return node;
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw new InvalidTokenException("segment is not base64url JSON");
        } catch (java.io.IOException e) {
            throw new InvalidTokenException("segment is unreadable");
        }
    }

    private byte[] sign(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
