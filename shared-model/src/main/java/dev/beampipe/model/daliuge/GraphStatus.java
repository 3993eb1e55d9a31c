package dev.beampipe.model.daliuge;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A parsed {@code GET …/graph/status}: {@code {oid: {"status": n, "execStatus": n}}} (§3.1, §3.9 step 2). */
public record GraphStatus(JsonNode raw, Map<String, DropStatus> drops) {

    public GraphStatus {
        raw = raw.deepCopy();
        drops = Collections.unmodifiableMap(new LinkedHashMap<>(drops));
    }

    /** Parses the reply; {@code null} when it is not a JSON object. */
    static GraphStatus parse(JsonNode raw) {
        if (!raw.isObject()) {
            return null;
        }
        Map<String, DropStatus> drops = new LinkedHashMap<>();
        raw.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            JsonNode status = v.isObject() ? v.path("status") : v;
            DropState state = status.isIntegralNumber() ? DaliugeStates.drop(status.asLong()) : DropState.UNKNOWN;
            Optional<AppState> exec = v.isObject() && v.path("execStatus").isIntegralNumber()
                    ? Optional.of(DaliugeStates.app(v.get("execStatus").asLong())) : Optional.empty();
            drops.put(e.getKey(), new DropStatus(e.getKey(), state, exec, DaliugeStates.isErrorDrop(v)));
        });
        return new GraphStatus(raw, drops);
    }

    /** Oids of drops in ERROR, sorted. */
    public List<String> errorDropUids() {
        List<String> out = new ArrayList<>();
        drops.values().stream().filter(DropStatus::error).forEach(d -> out.add(d.oid()));
        Collections.sort(out);
        return out;
    }

    public long count(DropState state) {
        return drops.values().stream().filter(d -> d.state() == state).count();
    }
}
