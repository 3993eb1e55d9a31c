package dev.beampipe.model.slurm.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CompositeJobIdTest {

    @Test
    void roundTrips() {
        CompositeJobId id = new CompositeJobId("s_2026-01-02T03-04-05", "42", "/dlg/workspace/s_2026-01-02T03-04-05");
        assertThat(id.encode()).isEqualTo("s_2026-01-02T03-04-05:42|/dlg/workspace/s_2026-01-02T03-04-05");
        assertThat(CompositeJobId.parse(id.encode())).contains(id);
        assertThat(CompositeJobId.parse("s:42")).contains(new CompositeJobId("s", "42", null));
    }

    @Test
    void longerThan512IsNotAllowed() {
        String dir = "/" + "d".repeat(600);
        CompositeJobId id = new CompositeJobId("s", "1", dir);
        assertThat(id.fits()).isFalse();
        assertThat(CompositeJobId.parse(id.encode())).isEmpty();
        assertThat(new CompositeJobId("s", "1", "/" + "d".repeat(507)).fits()).isTrue();
        assertThat(new CompositeJobId("s", "1", "/" + "d".repeat(508)).fits()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "s:", ":1", "s:1a", "s:1|rel/dir", "s x:1", "s:1|"})
    void malformedIsEmpty(String text) {
        assertThat(CompositeJobId.parse(text)).isEmpty();
    }
}
