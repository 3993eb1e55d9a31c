package dev.beampipe.systemtests.execution;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.profile.ProfileBinder;
import dev.beampipe.model.profile.ProfileStore;
import dev.beampipe.model.profile.StoredProfile;
import dev.beampipe.model.testing.ReferenceFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * The reference {@code dlg-dim} REST profile (read in place from ../shared/reference) pointed at a DALiuGE simulator:
 * {@code tm_url} = the simulator's TM, the DIM on loopback both for the TM's {@code /map} and for deployment
 * (docs/daliuge-simulators.md "Running"), and {@code max_concurrent_executions} raised so a test's executions run
 * side by side. Everything else (name, algo, num_par, num_islands, project, default) is the reference's.
 */
public final class DlgDimProfile {
    public static final String NAME = "dlg-dim";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DlgDimProfile() {
    }

    public static ObjectNode document(DaliugeSimulatorProcess sim, long maxConcurrentExecutions) {
        try {
            ObjectNode doc = (ObjectNode) JSON.readTree(Files.readString(ReferenceFiles.path("config/deployment_profile.dlg-dim.json")));
            doc.put("max_concurrent_executions", maxConcurrentExecutions);
            doc.with("translation").put("tm_url", sim.tmBase().toString());
            doc.with("deployment").put("dim_host_for_tm", "127.0.0.1").put("dim_port_for_tm", sim.dimPort())
                    .put("deploy_host", "127.0.0.1").put("deploy_port", sim.dimPort());
            return doc;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores it as {@code beampipe profile add} does (validated, revision 1, spec SHA-256). */
    public static StoredProfile add(Database db, DaliugeSimulatorProcess sim, long maxConcurrentExecutions) {
        return new ProfileStore(db, StableJson::sha256).create(ProfileBinder.bind(document(sim, maxConcurrentExecutions)));
    }
}
