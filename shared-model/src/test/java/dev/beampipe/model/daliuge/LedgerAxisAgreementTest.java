package dev.beampipe.model.daliuge;

import dev.beampipe.model.ledger.state.DaliugeState;
import dev.beampipe.model.ledger.state.FailureClass;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The strings this package writes are exactly the ledger's {@code daliuge_state} and failure-class values. */
class LedgerAxisAgreementTest {

    @Test
    void everySessionStateIsADaliugeAxisValue() {
        for (SessionState s : SessionState.values()) {
            DaliugeState axis = DaliugeState.parse(s.ledgerValue());
            assertThat(axis.wire()).isEqualTo(s.ledgerValue());
            assertThat(axis.active()).as(s.name()).isEqualTo(s.active());
        }
        assertThat(DaliugeState.parse(DaliugeStates.NOT_CREATED)).isEqualTo(DaliugeState.NOT_CREATED);
        assertThat(DaliugeState.parse(DaliugeStates.UNREACHABLE)).isEqualTo(DaliugeState.UNREACHABLE);
        assertThat(Arrays.stream(SessionState.values()).map(SessionState::ledgerValue).toList()
                .size() + 2).isEqualTo(DaliugeState.values().length);
    }

    @Test
    void everyErrorKindMapsToAFailureClass() {
        for (DaliugeErrorKind k : DaliugeErrorKind.values()) {
            assertThat(FailureClass.parse(k.failureClass()).wire()).as(k.name()).isEqualTo(k.failureClass());
        }
    }
}
