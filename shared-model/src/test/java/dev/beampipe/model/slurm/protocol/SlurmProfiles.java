package dev.beampipe.model.slurm.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.profile.ProfileBinder;
import dev.beampipe.model.profile.SlurmRemoteDeployment;
import dev.beampipe.model.testing.ReferenceFiles;

import java.io.IOException;
import java.util.function.Consumer;

/** Slurm deployments for tests: the reference profile, optionally edited. */
public final class SlurmProfiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SlurmProfiles() {
    }

    public static SlurmRemoteDeployment reference() {
        return edited(d -> { });
    }

    /** The reference profile's deployment after {@code edit} changed its JSON. */
    public static SlurmRemoteDeployment edited(Consumer<ObjectNode> edit) {
        try {
            ObjectNode doc = (ObjectNode) JSON.readTree(ReferenceFiles.path("config/deployment_profile.slurm-remote.json").toFile());
            edit.accept((ObjectNode) doc.get("deployment"));
            return (SlurmRemoteDeployment) ProfileBinder.bind(doc).deployment();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A minimal deployment: no modules, venv, environment_setup or optional resources. */
    public static SlurmRemoteDeployment minimal(String dlgRoot) {
        try {
            ObjectNode doc = (ObjectNode) JSON.readTree("""
                    {"name":"t","translation":{},"deployment":{"kind":"slurm_remote","login_node":"127.0.0.1","ssh_port":2222,
                     "account":"acct","home_dir":"/home/u","log_dir":"/dlg/log","dlg_root":"%s"}}""".formatted(dlgRoot));
            return (SlurmRemoteDeployment) ProfileBinder.bind(doc).deployment();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
