package dev.beampipe.worker.discovery.tap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class TapFailuresTest {

    @ParameterizedTest(name = "HTTP {0} body ''{1}'' → retryable {2}")
    @CsvSource(delimiter = '|', value = {
            "500 | boom                                        | true",
            "502 | bad gateway                                 | true",
            "503 | ''                                          | true",
            "599 | x                                           | true",
            "429 | slow down                                   | true",
            "400 | TAP service too busy, try later             | true",
            "400 | <INFO>No connection available</INFO>        | true",
            "400 | Unable to check the ADQL query              | true",
            "400 | service Temporarily Unavailable             | true",
            "400 | Incorrect ADQL query: unknown column        | false",
            "401 | ATNF OPAL Login                             | false",
            "403 | forbidden                                   | false",
            "404 | not found                                   | false",
            "301 | moved                                       | false",
            "303 | see other                                   | false",
            "600 | odd                                         | false",
    })
    void statuses(int status, String body, boolean retryable) {
        assertThat(TapFailures.retryableStatus(status, body)).isEqualTo(retryable);
        assertThat(TapFailures.forStatus(status, body).retryable()).isEqualTo(retryable);
    }

    static Stream<Arguments> ioFailures() {
        return Stream.of(
                Arguments.of(new HttpTimeoutException("request timed out"), true),
                Arguments.of(new HttpConnectTimeoutException("connect timed out"), true),
                Arguments.of(new ConnectException("Connection refused"), true),
                Arguments.of(new EOFException("EOF reached while reading"), true),
                Arguments.of(new IOException("connection reset"), true),
                Arguments.of(new UnknownHostException("no.such.host"), false),
                Arguments.of(new ConnectException() {{
                    initCause(new java.nio.channels.UnresolvedAddressException());
                }}, false));
    }

    @ParameterizedTest
    @MethodSource("ioFailures")
    void transportFailures(Throwable failure, boolean retryable) {
        assertThat(TapFailures.retryableIo(failure)).isEqualTo(retryable);
        assertThat(TapFailures.forIo("TAP sync query", failure).retryable()).isEqualTo(retryable);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "503 | '  too \n\n busy  '  | HTTP 503: too busy",
            "302 | elsewhere            | HTTP 302 redirect not followed: elsewhere",
            "500 | see ?token=abc&x=1   | HTTP 500: see ?token=[REDACTED]&x=1",
    })
    void messages(int status, String body, String expected) {
        assertThat(TapFailures.httpMessage(status, body)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void longBodiesAreCutAt240Characters() {
        String message = TapFailures.httpMessage(500, "x".repeat(300));
        assertThat(message).isEqualTo("HTTP 500: " + "x".repeat(240) + "...");
    }
}
