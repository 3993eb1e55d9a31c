package dev.beampipe.api.auth;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtCodecTest {
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    static final JwtCodec CODEC = new JwtCodec(KEY);

    @Test
    void encodesTheReferenceHeaderAndClaimsInOrder() {
        String token = CODEC.encode(new TokenClaims("admin", TokenType.ACCESS, "0190-jti", 1_800, 0));
        String[] parts = token.split("\\.");
        assertThat(decode(parts[0])).isEqualTo("{\"typ\":\"JWT\",\"alg\":\"HS256\"}");
        assertThat(decode(parts[1])).isEqualTo("{\"sub\":\"admin\",\"typ\":\"access\",\"jti\":\"0190-jti\",\"exp\":1800,\"iat\":0}");
    }

    @Test
    void verifiesAKnownHs256VectorFromAnotherImplementation() throws Exception {
        // signed with PyJWT: jwt.encode({"sub":"ops","typ":"refresh","jti":"x","exp":4102444800,"iat":0},
        //   "0123456789abcdef0123456789abcdef", headers={"typ":"JWT"})
        String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String payload = b64("{\"sub\":\"ops\",\"typ\":\"refresh\",\"jti\":\"x\",\"exp\":4102444800,\"iat\":0}");
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(KEY, "HmacSHA256"));
        String signature = Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal((header + "." + payload).getBytes()));
        TokenClaims claims = CODEC.decode(header + "." + payload + "." + signature, TokenType.REFRESH, 0);
        assertThat(claims.subject()).isEqualTo("ops");
        assertThat(claims.expiresAt()).isEqualTo(4102444800L);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "within leeway, 1059, true",
            "at leeway edge, 1060, true",
            "past leeway, 1061, false",
    })
    void expiryHasSixtySecondsOfLeeway(String name, long now, boolean valid) {
        String token = CODEC.encode(new TokenClaims("a", TokenType.ACCESS, "j", 1000, 0));
        if (valid) {
            assertThat(decodeQuietly(token, now)).isTrue();
        } else {
            assertThatThrownBy(() -> CODEC.decode(token, TokenType.ACCESS, now)).isInstanceOf(InvalidTokenException.class);
        }
    }

    @Test
    void rejectsTamperingOtherKeysOtherAlgorithmsAndTheWrongType() {
        String token = CODEC.encode(new TokenClaims("a", TokenType.ACCESS, "j", 10_000, 0));
        String[] p = token.split("\\.");
        String forgedPayload = b64("{\"sub\":\"root\",\"typ\":\"access\",\"jti\":\"j\",\"exp\":10000,\"iat\":0}");
        assertThatThrownBy(() -> CODEC.decode(p[0] + "." + forgedPayload + "." + p[2], TokenType.ACCESS, 0))
                .hasMessage("bad signature");
        JwtCodec other = new JwtCodec("another-secret-another-secret-xx".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> other.decode(token, TokenType.ACCESS, 0)).hasMessage("bad signature");
        String none = b64("{\"typ\":\"JWT\",\"alg\":\"none\"}") + "." + p[1] + ".";
        assertThatThrownBy(() -> CODEC.decode(none, TokenType.ACCESS, 0)).hasMessage("algorithm is not HS256");
        assertThatThrownBy(() -> CODEC.decode(token, TokenType.REFRESH, 0)).hasMessage("wrong token type");
        assertThatThrownBy(() -> CODEC.decode("garbage", TokenType.ACCESS, 0)).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> CODEC.decode("a.b.c", TokenType.ACCESS, 0)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void refusesShortKeys() {
        assertThatThrownBy(() -> new JwtCodec("secret-key".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean decodeQuietly(String token, long now) {
        try {
            CODEC.decode(token, TokenType.ACCESS, now);
            return true;
        } catch (InvalidTokenException e) {
            return false;
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
