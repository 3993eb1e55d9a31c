package dev.beampipe.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorReporterTest {

    @Test
    void describesTheMessageAndEachDistinctCause() {
        Exception e = new CliException("cannot apply migrations",
                new RuntimeException("connection refused", new RuntimeException("connection refused")));
        assertThat(ErrorReporter.describe(e)).isEqualTo(
                "Error: cannot apply migrations" + System.lineSeparator() + "  caused by: connection refused");
    }

    @Test
    void namesTheExceptionWhenThereIsNoMessage() {
        assertThat(ErrorReporter.describe(new IllegalStateException())).isEqualTo("Error: IllegalStateException");
    }

    @Test
    void secretsAreScrubbed() {
        assertThat(Secrets.scrub("login as u with s3cret failed", "s3cret")).isEqualTo("login as u with [REDACTED] failed");
        assertThat(Secrets.scrub("nothing", null)).isEqualTo("nothing");
    }
}
