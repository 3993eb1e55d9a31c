package dev.beampipe.simulators.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestJournalTest {

    static RecordedRequest request(int i) {
        return new RecordedRequest(Instant.EPOCH, "POST", "/p" + i, null, Map.of("Content-Type", List.of("text/plain")),
                ("body" + i).getBytes());
    }

    @Test
    void keepsTheLastEntriesInOrderAndSerialisesThem() {
        RequestJournal journal = new RequestJournal();
        for (int i = 0; i < RequestJournal.CAPACITY + 5; i++) {
            journal.add(request(i));
        }
        List<RecordedRequest> all = journal.all();
        assertThat(all).hasSize(RequestJournal.CAPACITY);
        assertThat(all.get(0).path()).isEqualTo("/p5");
        assertThat(journal.matching("post", "/p1004")).hasSize(1);
        assertThat(all.get(0).header("content-type")).isEqualTo("text/plain");
        assertThat(journal.toJson()).contains("\"path\":\"/p1004\"").contains("\"body\":\"body1004\"");
        journal.clear();
        assertThat(journal.all()).isEmpty();
    }
}
