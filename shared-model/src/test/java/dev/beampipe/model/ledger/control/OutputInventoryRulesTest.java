package dev.beampipe.model.ledger.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutputInventoryRulesTest {
    static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 29, 12, 0, 0, 0, ZoneOffset.UTC);
    static final String HEX = "a".repeat(64);
    static final String SCHEMA = "wallaby-hires-output-inventory/v1";

    static OutputInventoryRules.Inventory valid() {
        List<OutputInventoryRules.Product> products = List.of(new OutputInventoryRules.Product("cubes/a.fits", 10, HEX));
        return new OutputInventoryRules.Inventory(SCHEMA, List.of("cubes/*.fits"), Map.of("cubes/*.fits", 1L), products,
                OutputInventoryRules.inventorySha256(products), "s3://bucket/run-1",
                new OutputInventoryRules.Publication(true, "wallaby", "r-1", NOW));
    }

    static OutputInventoryRules.Inventory products(List<OutputInventoryRules.Product> products) {
        OutputInventoryRules.Inventory v = valid();
        return new OutputInventoryRules.Inventory(v.schema(), v.patterns(), v.patternCounts(), products,
                products.isEmpty() ? HEX : OutputInventoryRules.inventorySha256(products), v.durableDestinationUri(), v.publication());
    }

    static OutputInventoryRules.Inventory uri(String uri) {
        OutputInventoryRules.Inventory v = valid();
        return new OutputInventoryRules.Inventory(v.schema(), v.patterns(), v.patternCounts(), v.products(),
                v.inventorySha256(), uri, v.publication());
    }

    static OutputInventoryRules.Inventory publication(OutputInventoryRules.Publication p) {
        OutputInventoryRules.Inventory v = valid();
        return new OutputInventoryRules.Inventory(v.schema(), v.patterns(), v.patternCounts(), v.products(),
                v.inventorySha256(), v.durableDestinationUri(), p);
    }

    static OutputInventoryRules.Inventory patterns(List<String> patterns, Map<String, Long> counts) {
        OutputInventoryRules.Inventory v = valid();
        return new OutputInventoryRules.Inventory(v.schema(), patterns, counts, v.products(), v.inventorySha256(),
                v.durableDestinationUri(), v.publication());
    }

    static Stream<Arguments> table() {
        UnaryOperator<String> p = s -> s;
        return Stream.of(
                Arguments.of(valid(), null),
                Arguments.of(uri("gs://bucket/x"), null),
                Arguments.of(uri("https://host.example/x"), null),
                Arguments.of(uri("file:///data/out"), null),
                Arguments.of(uri("http://host/x"), "durable_destination_uri"),
                Arguments.of(uri("https://user:pw@host/x"), "durable_destination_uri"),
                Arguments.of(uri("https://host/x#frag"), "durable_destination_uri"),
                Arguments.of(uri("relative/path"), "durable_destination_uri"),
                Arguments.of(uri("file:relative"), "durable_destination_uri"),
                Arguments.of(patterns(List.of(), Map.of()), "patterns must not be empty"),
                Arguments.of(patterns(List.of("a", "a"), Map.of("a", 1L)), "unique"),
                Arguments.of(patterns(List.of("../a"), Map.of("../a", 1L)), "relative"),
                Arguments.of(patterns(List.of("a\\b"), Map.of("a\\b", 1L)), "relative"),
                Arguments.of(patterns(List.of("a"), Map.of("a", 0L)), "positive count"),
                Arguments.of(patterns(List.of("a"), Map.of("a", 1L, "b", 1L)), "exactly one entry"),
                Arguments.of(products(List.of()), "products must contain"),
                Arguments.of(products(List.of(new OutputInventoryRules.Product("/abs", 1, HEX))), "relative"),
                Arguments.of(products(List.of(new OutputInventoryRules.Product("a/../b", 1, HEX))), "component"),
                Arguments.of(products(List.of(new OutputInventoryRules.Product("a//b", 1, HEX))), "component"),
                Arguments.of(products(List.of(new OutputInventoryRules.Product("./b", 1, HEX))), "component"),
                Arguments.of(products(List.of(new OutputInventoryRules.Product("a", 0, HEX))), "bytes > 0"),
                Arguments.of(products(List.of(new OutputInventoryRules.Product("a", 1, HEX.toUpperCase()))), "sha256"),
                Arguments.of(products(List.of(new OutputInventoryRules.Product("a", 1, HEX),
                        new OutputInventoryRules.Product("a", 2, HEX))), "more than once"),
                Arguments.of(products(List.of(new OutputInventoryRules.Product("a", Long.MAX_VALUE, HEX),
                        new OutputInventoryRules.Product("b", 2, HEX))), "overflows"),
                Arguments.of(publication(new OutputInventoryRules.Publication(false, "w", "r", NOW)), "acknowledged"),
                Arguments.of(publication(new OutputInventoryRules.Publication(true, "", "r", NOW)), "receipt_id"),
                Arguments.of(publication(new OutputInventoryRules.Publication(true, "w", "r".repeat(257), NOW)), "receipt_id"),
                Arguments.of(publication(new OutputInventoryRules.Publication(true, "w", "r", NOW.plusMinutes(6))), "future"),
                Arguments.of(publication(new OutputInventoryRules.Publication(true, "w", "r", NOW.plusMinutes(4))), null));
    }

    @ParameterizedTest
    @MethodSource("table")
    void validates(OutputInventoryRules.Inventory inv, String messagePart) {
        if (messagePart == null) {
            OutputInventoryRules.validate(inv, NOW);
            return;
        }
        assertThatThrownBy(() -> OutputInventoryRules.validate(inv, NOW))
                .isInstanceOfSatisfying(ControlRejected.class, e -> {
                    assertThat(e.failure().status()).isEqualTo(400);
                    assertThat(e.failure().message()).contains(messagePart);
                });
    }

    @Test
    void inventoryDigestIsTheCanonicalProductsJson() {
        OutputInventoryRules.Inventory v = valid();
        String canonical = "[{\"bytes\":10,\"path\":\"cubes/a.fits\",\"sha256\":\"" + HEX + "\"}]";
        assertThat(v.inventorySha256()).isEqualTo(dev.beampipe.model.canonical.Sha256.hex(canonical));
        OutputInventoryRules.Inventory wrong = new OutputInventoryRules.Inventory(v.schema(), v.patterns(), v.patternCounts(),
                v.products(), HEX, v.durableDestinationUri(), v.publication());
        assertThatThrownBy(() -> OutputInventoryRules.validate(wrong, NOW))
                .isInstanceOfSatisfying(ControlRejected.class,
                        e -> assertThat(e.failure().message()).contains("expected " + v.inventorySha256()));
    }

    static Stream<Arguments> states() {
        return Stream.of(
                Arguments.of(Ledgers.status("running").daliuge("s", "finished").output("pending", true), null),
                Arguments.of(Ledgers.status("running").slurm("1", "succeeded").daliuge("s", "finished").output("pending", true), null),
                Arguments.of(Ledgers.status("completed").daliuge("s", "finished").output("verified", true), null),
                Arguments.of(Ledgers.status("running").daliuge("s", "finished").output("pending", false), "opts out"),
                Arguments.of(Ledgers.status("failed").daliuge("s", "failed").output("pending", true), "terminal"),
                Arguments.of(Ledgers.status("running").daliuge("s", "running").output("pending", true), "not waiting"),
                Arguments.of(Ledgers.status("running").slurm("1", "running").daliuge("s", "finished").output("pending", true),
                        "not waiting"));
    }

    @ParameterizedTest
    @MethodSource("states")
    void executionMustAwaitVerification(Ledgers l, String messagePart) {
        if (messagePart == null) {
            OutputInventoryRules.requireAwaitingVerification(l.build(), SCHEMA, SCHEMA);
            return;
        }
        assertThatThrownBy(() -> OutputInventoryRules.requireAwaitingVerification(l.build(), SCHEMA, SCHEMA))
                .isInstanceOfSatisfying(ControlRejected.class, e -> {
                    assertThat(e.failure().status()).isEqualTo(409);
                    assertThat(e.failure().message()).contains(messagePart);
                });
        assertThatThrownBy(() -> OutputInventoryRules.requireAwaitingVerification(
                Ledgers.status("running").daliuge("s", "finished").output("pending", true).build(), SCHEMA, "other/v2"))
                .isInstanceOfSatisfying(ControlRejected.class, e -> assertThat(e.failure().message()).contains("pinned schema"));
    }
}
