package dev.beampipe.model.discovery.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * The pipeline's input archive, in memory: each rule answers queries of one adapter whose ADQL text matches
 * a predicate (the first matching rule wins); a query no rule answers fails the test. Every call is recorded.
 * Rules are added before use; queries may then come from several threads.
 */
final class InMemoryArchive implements ArchiveQueries {

    @FunctionalInterface
    interface Answer {
        List<ObjectNode> rows() throws ArchiveQueryException, InterruptedException;
    }

    record Call(String adapter, String adql) {
    }

    private record Rule(String adapter, Predicate<String> adql, Answer answer) {
    }

    private final List<Rule> rules = new ArrayList<>();
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

    InMemoryArchive answer(String adapter, String adqlContains, List<ObjectNode> rows) {
        return answer(adapter, adqlContains, () -> rows);
    }

    InMemoryArchive answer(String adapter, String adqlContains, Answer answer) {
        rules.add(new Rule(adapter, adql -> adql.contains(adqlContains), answer));
        return this;
    }

    InMemoryArchive fail(String adapter, String adqlContains, String message, boolean timeout) {
        return answer(adapter, adqlContains, () -> {
            throw new ArchiveQueryException(message, timeout);
        });
    }

    @Override
    public List<ObjectNode> query(String adapter, String adql) throws ArchiveQueryException, InterruptedException {
        calls.add(new Call(adapter, adql));
        for (Rule rule : rules) {
            if (rule.adapter().equals(adapter) && rule.adql().test(adql)) {
                return rule.answer().rows();
            }
        }
        throw new AssertionError("unexpected query to " + adapter + ":\n" + adql);
    }

    List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }
}
