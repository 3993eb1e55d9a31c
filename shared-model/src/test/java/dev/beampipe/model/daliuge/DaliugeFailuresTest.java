package dev.beampipe.model.daliuge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class DaliugeFailuresTest {

    private static final String NO_SESSION = "{\"type\": \"SubManagerException\", \"args\": {\"nm1:8000:5555:6666\": "
            + "{\"type\": \"NoSessionException\", \"args\": \"dummy\"}, \"nm2:8000:5555:6666\": "
            + "{\"type\": \"NoSessionException\", \"args\": \"dummy\"}}}";
    private static final String EXISTS = "{\"type\": \"SubManagerException\", \"args\": {\"nm1\": "
            + "{\"type\": \"SessionAlreadyExistsException\", \"args\": \"dummy\"}}}";
    private static final String BAD_STATE = "{\"type\": \"SubManagerException\", \"args\": {\"nm1\": "
            + "{\"type\": \"InvalidSessionState\", \"args\": \"dummy\"}}}";
    private static final String NM_DOWN = "{\"type\": \"SubManagerException\", \"args\": {\"nm1\": "
            + "{\"type\": \"RestClientException\", \"args\": \"dummy\"}}}";
    private static final String MIXED = "{\"type\": \"SubManagerException\", \"args\": {\"nm1\": "
            + "{\"type\": \"InvalidSessionState\", \"args\": \"dummy\"}, \"nm2\": "
            + "{\"type\": \"RestClientException\", \"args\": \"dummy\"}}}";
    private static final String UNKNOWN_OID = "{\"type\": \"DaliugeException\", \"args\": [\"oid x not in graph\"]}";
    private static final String BAD_GRAPH = "{\"type\": \"InvalidGraphException\", \"args\": [\"Drop a doesn't specify a node attribute\"]}";

    @ParameterizedTest(name = "HTTP {0} {1} → {2} retryable={3} ambiguous={4}")
    @CsvSource(delimiter = '|', value = {
            "404 | NONE        | NOT_FOUND   | false | false",
            "409 | NONE        | CONFLICT    | false | false",
            "400 | BAD_GRAPH   | HTTP_STATUS | false | false",
            "415 | NONE        | HTTP_STATUS | false | false",
            "408 | NONE        | HTTP_STATUS | true  | false",
            "429 | NONE        | HTTP_STATUS | true  | false",
            "555 | NO_SESSION  | NOT_FOUND   | false | false",
            "555 | EXISTS      | CONFLICT    | false | false",
            "555 | BAD_STATE   | HTTP_STATUS | false | false",
            "555 | NM_DOWN     | HTTP_STATUS | true  | true",
            "555 | MIXED       | HTTP_STATUS | true  | true",
            "555 | UNKNOWN_OID | HTTP_STATUS | true  | true",
            "500 | HTML        | HTTP_STATUS | true  | true",
            "502 | NONE        | HTTP_STATUS | true  | true"})
    void statusClassification(int status, String body, DaliugeErrorKind kind, boolean retryable, boolean ambiguous) {
        DaliugeException e = DaliugeFailures.forStatus(DaliugeComponent.DIM, DaliugeOperation.DEPLOY_SESSION,
                "POST http://dim/api/sessions/s/deploy", status, body(body));
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e.ambiguous()).isEqualTo(ambiguous);
        assertThat(e.httpStatus()).hasValue(status);
        assertThat(e.getMessage()).startsWith("DALiuGE returned HTTP " + status);
    }

    private static byte[] body(String name) {
        String text = switch (name) {
            case "NO_SESSION" -> NO_SESSION;
            case "EXISTS" -> EXISTS;
            case "BAD_STATE" -> BAD_STATE;
            case "NM_DOWN" -> NM_DOWN;
            case "MIXED" -> MIXED;
            case "UNKNOWN_OID" -> UNKNOWN_OID;
            case "BAD_GRAPH" -> BAD_GRAPH;
            case "HTML" -> "<html><body><h1>Error: 500 Internal Server Error</h1></body></html>";
            default -> "";
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void nestedExceptionsAreNamedInTheMessage() {
        DaliugeException e = DaliugeFailures.forStatus(DaliugeComponent.DIM, DaliugeOperation.SESSION_STATUS, "x",
                555, body("NO_SESSION"));
        assertThat(e.getMessage()).isEqualTo("DALiuGE returned HTTP 555: SubManagerException "
                + "[nm1:8000:5555:6666: NoSessionException, nm2:8000:5555:6666: NoSessionException]");
        assertThat(e.sessionNotFound()).isTrue();
        assertThat(e.managerError().orElseThrow().perNode()).hasSize(2);
        assertThat(e.responseExcerpt()).contains(NO_SESSION);
        assertThat(DaliugeStates.ledgerStateForPollError(e)).isEqualTo("not_created");

        DaliugeException state = DaliugeFailures.forStatus(DaliugeComponent.DIM, DaliugeOperation.GRAPH_STATUS, "x",
                555, body("BAD_STATE"));
        assertThat(state.invalidSessionState()).isTrue();
        assertThat(DaliugeStates.ledgerStateForPollError(state)).isEqualTo("unreachable");

        DaliugeException top = DaliugeFailures.forStatus(DaliugeComponent.DIM, DaliugeOperation.DEPLOY_SESSION, "x",
                555, body("UNKNOWN_OID"));
        assertThat(top.getMessage()).isEqualTo("DALiuGE returned HTTP 555: DaliugeException: [\"oid x not in graph\"]");
    }

    @Test
    void translatorDetailsAreQuotedAndExcerptsBounded() {
        DaliugeException e = DaliugeFailures.forStatus(DaliugeComponent.TRANSLATOR, DaliugeOperation.MAP, "x", 500,
                "{\"detail\":\"#nodes (1) should be larger than the number of islands (1)\"}".getBytes());
        assertThat(e.getMessage()).isEqualTo(
                "DALiuGE returned HTTP 500: #nodes (1) should be larger than the number of islands (1)");
        assertThat(e.managerError()).isEmpty();
        DaliugeException big = DaliugeFailures.forStatus(DaliugeComponent.TRANSLATOR, DaliugeOperation.MAP, "x", 500,
                "x".repeat(5000).getBytes());
        assertThat(big.responseExcerpt().orElseThrow()).hasSize(1024);
        assertThat(DaliugeFailures.forStatus(DaliugeComponent.TRANSLATOR, DaliugeOperation.MAP, "x", 503, new byte[0])
                .responseExcerpt()).isEmpty();
    }

    @Test
    void transportFailures() {
        DaliugeException refused = io(new ConnectException("Connection refused"));
        assertThat(refused.kind()).isEqualTo(DaliugeErrorKind.CONNECTIVITY);
        assertThat(refused.getMessage()).isEqualTo("connection failed");
        assertThat(refused.ambiguous()).isFalse();
        assertThat(refused.retryable()).isTrue();

        DaliugeException wrapped = io(new IOException("x", new ConnectException("refused")));
        assertThat(wrapped.ambiguous()).isFalse();

        DaliugeException connectTimeout = io(new HttpConnectTimeoutException("HTTP connect timed out"));
        assertThat(connectTimeout.kind()).isEqualTo(DaliugeErrorKind.TIMEOUT);
        assertThat(connectTimeout.ambiguous()).isFalse();

        DaliugeException timeout = io(new HttpTimeoutException("request timed out"));
        assertThat(timeout.kind()).isEqualTo(DaliugeErrorKind.TIMEOUT);
        assertThat(timeout.getMessage()).isEqualTo("request timed out");
        assertThat(timeout.ambiguous()).isTrue();
        assertThat(timeout.retryable()).isTrue();

        DaliugeException lost = io(new EOFException("EOF reached while reading"));
        assertThat(lost.kind()).isEqualTo(DaliugeErrorKind.CONNECTIVITY);
        assertThat(lost.getMessage()).startsWith("request failed");
        assertThat(lost.ambiguous()).isTrue();
        assertThat(lost.httpStatus()).isEmpty();
    }

    @Test
    void failureClassesAndCodes() {
        assertThat(DaliugeErrorKind.TIMEOUT.failureClass()).isEqualTo("timeout");
        assertThat(DaliugeErrorKind.CONNECTIVITY.failureClass()).isEqualTo("connectivity");
        assertThat(DaliugeErrorKind.NOT_FOUND.failureClass()).isEqualTo("not_found");
        assertThat(DaliugeErrorKind.CONFLICT.failureClass()).isEqualTo("conflict");
        assertThat(DaliugeErrorKind.HTTP_STATUS.failureClass()).isEqualTo("dependency_unavailable");
        assertThat(DaliugeErrorKind.INVALID_RESPONSE.failureClass()).isEqualTo("unsupported");
        assertThat(DaliugeErrorKind.COMPATIBILITY.failureClass()).isEqualTo("unsupported");
        assertThat(DaliugeErrorKind.HTTP_STATUS.failureCode()).isEqualTo("daliuge.http_status");
        assertThat(DaliugeOperation.DEPLOY_SESSION.wire()).isEqualTo("deploy_session");
        assertThat(DaliugeComponent.DIM.wire()).isEqualTo("daliuge_dim");
    }

    private static DaliugeException io(IOException e) {
        return DaliugeFailures.forIo(DaliugeComponent.DIM, DaliugeOperation.DEPLOY_SESSION, "x", e);
    }
}
