package dev.beampipe.model.config.transform;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TransformCyclesTest {

    private static TransformSpec chain(String... steps) {
        return new TransformSpec("chain", null, null, null, null, null, null, null, null, List.of(steps));
    }

    private static final TransformSpec TRIM = new TransformSpec("trim", null, null, null, null, null, null, null,
            null, null);

    @Test
    void acyclicRegistriesHaveNoCycles() {
        assertThat(TransformCycles.cycles(Map.of("trim", TRIM, "a", chain("trim", "trim"), "b", chain("a", "nope"))))
                .isEmpty();
        assertThat(TransformCycles.cycles(TransformEngineTest.REGISTRY.entrySet().stream()
                .filter(e -> !e.getKey().startsWith("cyc") && !e.getKey().equals("self"))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))).isEmpty();
    }

    @Test
    void findsSelfLoopsAndLongerCyclesOncePerStronglyConnectedSet() {
        Map<String, TransformSpec> registry = Map.of(
                "self", chain("self"),
                "c", chain("trim", "a"),
                "a", chain("b"),
                "b", chain("c", "a"),
                "entry", chain("a"),
                "trim", TRIM,
                "not_a_chain", new TransformSpec("trim", null, null, null, null, null, null, null, null,
                        List.of("not_a_chain")));
        assertThat(TransformCycles.cycles(registry)).containsExactly(
                new TransformCycles.Cycle(List.of("a", "b", "c"), List.of("a", "b", "a")),
                new TransformCycles.Cycle(List.of("self"), List.of("self", "self")));
        assertThat(TransformCycles.cyclicNames(registry)).containsExactly("a", "b", "c", "self");
    }

    @Test
    void pathFollowsTheCycleWhenThereIsNoShortcut() {
        Map<String, TransformSpec> registry = Map.of("x", chain("y"), "y", chain("z"), "z", chain("x"));
        assertThat(TransformCycles.cycles(registry)).extracting(TransformCycles.Cycle::path)
                .containsExactly(List.of("x", "y", "z", "x"));
    }

    @Test
    void theTestRegistryHasItsTwoDeliberateCycles() {
        assertThat(TransformCycles.cyclicNames(TransformEngineTest.REGISTRY)).containsExactly("cyc_a", "cyc_b", "self");
    }
}
