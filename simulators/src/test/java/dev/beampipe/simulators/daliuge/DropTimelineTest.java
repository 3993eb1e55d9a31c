package dev.beampipe.simulators.daliuge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The scripted per-drop timeline of the DIM simulator. Chain: app A → data D → app B → data E. */
class DropTimelineTest {

    static Map<String, Map<String, Object>> chain() {
        Map<String, Map<String, Object>> g = new LinkedHashMap<>();
        g.put("A", new LinkedHashMap<>(Map.of("oid", "A", "categoryType", "Application", "outputs", List.of(Map.of("D", "out")))));
        g.put("D", new LinkedHashMap<>(Map.of("oid", "D", "categoryType", "Data", "producers", List.of("A"), "consumers", List.of("B"))));
        g.put("B", new LinkedHashMap<>(Map.of("oid", "B", "categoryType", "Application", "inputs", List.of(Map.of("D", "in")),
                "outputs", List.of("E"))));
        g.put("E", new LinkedHashMap<>(Map.of("oid", "E", "categoryType", "Data", "producers", List.of("B"))));
        return g;
    }

    @Test
    void finishRunsEachAppForOneStepAfterItsInputs() {
        Map<String, DropTimeline.Entry> t = DropTimeline.compute(chain(), Set.of("A"), Outcome.FINISH, null, 100);
        assertThat(t.get("A")).isEqualTo(new DropTimeline.Entry(true, 0, 100, false));
        assertThat(t.get("D")).isEqualTo(new DropTimeline.Entry(false, 0, 100, false));
        assertThat(t.get("B")).isEqualTo(new DropTimeline.Entry(true, 100, 200, false));
        assertThat(t.get("E")).isEqualTo(new DropTimeline.Entry(false, 100, 200, false));
        // states at t = 150 ms: A done, D completed, B running, E writing
        assertThat(t.get("A").state(150, Long.MAX_VALUE)).isEqualTo(Map.of("status", 2L, "execStatus", 2L));
        assertThat(t.get("B").state(150, Long.MAX_VALUE)).isEqualTo(Map.of("status", 0L, "execStatus", 1L));
        assertThat(t.get("E").state(150, Long.MAX_VALUE)).isEqualTo(Map.of("status", 1L));
        assertThat(t.get("E").state(50, Long.MAX_VALUE)).isEqualTo(Map.of("status", 0L));
        // cancelled at 150: unfinished drops freeze as CANCELLED (drop 6, app 4), finished ones keep their state
        assertThat(t.get("B").state(500, 150)).isEqualTo(Map.of("status", 6L, "execStatus", 4L));
        assertThat(t.get("A").state(500, 150)).isEqualTo(Map.of("status", 2L, "execStatus", 2L));
    }

    @Test
    void aRootThatIsNotInCompletedNeverRuns() {
        Map<String, DropTimeline.Entry> t = DropTimeline.compute(chain(), Set.of(), Outcome.FINISH, null, 100);
        assertThat(t.values()).allMatch(e -> e.end() == DropTimeline.NEVER);
    }

    @Test
    void failMarksTheFirstRunningAppAndEveryDescendantError() {
        Map<String, DropTimeline.Entry> t = DropTimeline.compute(chain(), Set.of("A"), Outcome.FAIL, null, 100);
        assertThat(t.values()).allMatch(DropTimeline.Entry::error);
        assertThat(t.get("A").state(100, Long.MAX_VALUE)).isEqualTo(Map.of("status", 3L, "execStatus", 3L));
        Map<String, DropTimeline.Entry> chosen = DropTimeline.compute(chain(), Set.of("A"), Outcome.FAIL, "B", 100);
        assertThat(chosen.get("A").error()).isFalse();
        assertThat(chosen.get("B").error()).isTrue();
        assertThat(chosen.get("E").state(200, Long.MAX_VALUE)).isEqualTo(Map.of("status", 3L));
    }

    @Test
    void neverEndKeepsTheChosenAppRunning() {
        Map<String, DropTimeline.Entry> t = DropTimeline.compute(chain(), Set.of("A"), Outcome.NEVER_END, "B", 100);
        assertThat(t.get("B").start()).isEqualTo(100);
        assertThat(t.get("B").end()).isEqualTo(DropTimeline.NEVER);
        assertThat(t.get("B").state(1_000_000, Long.MAX_VALUE)).isEqualTo(Map.of("status", 0L, "execStatus", 1L));
        assertThat(t.get("E").terminalAt(Long.MAX_VALUE - 1)).isFalse();
    }
}
