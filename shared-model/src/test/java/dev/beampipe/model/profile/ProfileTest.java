package dev.beampipe.model.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.testing.ReferenceFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfileTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static final String REST = """
            {"name":"dim","translation":{},"deployment":{"kind":"rest_remote","deploy_host":"dim.local"}}""";
    static final String SLURM = """
            {"name":"hpc","translation":{"num_islands":1},"deployment":{"kind":"slurm_remote","login_node":"login.hpc",
             "account":"proj1","home_dir":"/scratch/proj1","log_dir":"/scratch/proj1/dlg/log","dlg_root":"/scratch/proj1/dlg",
             "ssh_credential":"hpc-slot","resources":{"partition":"work","tasks":1}}}""";

    static JsonNode reparsed(JsonNode node) {
        return json(node.toString());
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void bothReferenceProfilesBindValidateAndNormalizeToThemselves() throws IOException {
        for (String file : new String[]{"config/deployment_profile.dlg-dim.json", "config/deployment_profile.slurm-remote.json"}) {
            JsonNode doc = JSON.readTree(Files.readString(ReferenceFiles.path(file)));
            DeploymentProfile p = ProfileBinder.bind(doc);
            assertThat(ProfileValidator.validate(p)).as(file).isEmpty();
            // the reference files are stored normalized: defaults present, unset options absent
            assertThat(reparsed(ProfileJson.translation(p.translation()))).isEqualTo(doc.get("translation"));
            assertThat(reparsed(ProfileJson.deployment(p.deployment()))).isEqualTo(doc.get("deployment"));
        }
    }

    @Test
    void defaultsAreFilledAndTheAbsentVersusNullPortRuleHolds() {
        RestRemoteDeployment absent = (RestRemoteDeployment) ProfileBinder.bind(json(REST)).deployment();
        assertThat(absent.dimPortForTm()).isEqualTo(8001);
        assertThat(absent.deployPort()).isEqualTo(8001);
        assertThat(absent.verifySsl()).isTrue();
        assertThat(absent.useHttps()).isFalse();
        assertThat(absent.dimRestBase()).isEqualTo("http://dim.local:8001");

        RestRemoteDeployment nulls = (RestRemoteDeployment) ProfileBinder.bind(json(REST.replace("\"deploy_host\"",
                "\"dim_port_for_tm\":null,\"deploy_port\":null,\"deploy_host\""))).deployment();
        assertThat(nulls.dimPortForTm()).isNull();
        assertThat(nulls.deployPort()).isNull();
        assertThat(ProfileJson.deployment(nulls).get("dim_port_for_tm").isNull()).as("kept as null, not dropped").isTrue();
        DeploymentProfile withNulls = ProfileBinder.bind(json(REST.replace("\"deploy_host\"", "\"dim_port_for_tm\":null,\"deploy_host\"")));
        DeploymentProfile reread = ProfileBinder.bind(reparsed(ProfileJson.specObject(withNulls)));
        assertThat(reread).as("normalized form re-reads to the same profile").isEqualTo(withNulls);
        assertThat(nulls.tmDimPort()).as("the real DIM default, not the reference's 8000").isEqualTo(8001);

        DeploymentProfile p = ProfileBinder.bind(json(REST));
        assertThat(p.translation()).isEqualTo(new Translation("metis", 1, 0, null));
        assertThat(p.translation().islandsForTm()).isEqualTo(1);
        assertThat(ProfileJson.translation(p.translation()).toString()).isEqualTo("{\"algo\":\"metis\",\"num_par\":1,\"num_islands\":0}");

        SlurmRemoteDeployment s = (SlurmRemoteDeployment) ProfileBinder.bind(json(SLURM)).deployment();
        assertThat(s.sshPort()).isEqualTo(22);
        assertThat(s.execPrefix()).isEqualTo("srun -l");
        assertThat(s.facility()).isEqualTo("setonix");
        assertThat(s.effectiveNodes()).isEqualTo(1);
        assertThat(s.effectiveWallTimeMinutes()).isEqualTo(30);
        assertThat(ProfileJson.deployment(s).get("manager_topology").toString()).isEqualTo("{\"co_host_dim\":false}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "https on 443 keeps no port|true|443|https://dim.local",
            "https on 80 keeps :80|true|80|https://dim.local:80",
            "http on 80 omits it|false|80|http://dim.local",
            "http on 8001|false|8001|http://dim.local:8001",
    })
    void dimBaseUrlOmitsOnlyTheSchemesDefaultPort(String name, boolean https, long port, String url) {
        assertThat(new RestRemoteDeployment(null, 8001L, "dim.local", port, https, true).dimRestBase()).isEqualTo(url);
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
            "REST|\"name\":\"dim\"|\"name\":\"bad name\"|name must be 1-50 ASCII letters, digits, '.', '_', or '-'",
            "REST|\"name\":\"dim\"|\"name\":\"  \"|name must be 1-50 ASCII letters, digits, '.', '_', or '-'",
            "REST|\"name\":\"dim\"|\"name\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"|name must be 1-50 ASCII letters, digits, '.', '_', or '-'",
            "REST|\"translation\":{}|\"translation\":{\"num_par\":0}|translation.num_par must be >= 1",
            "REST|\"translation\":{}|\"translation\":{},\"max_concurrent_executions\":0|max_concurrent_executions must be >= 1 when set",
            "REST|\"translation\":{}|\"translation\":{\"num_islands\":-1}|translation.num_islands must be >= 0",
            "REST|\"deploy_host\":\"dim.local\"|\"deploy_host\":\" \"|deployment.deploy_host is required",
            "REST|\"deploy_host\":\"dim.local\"|\"deploy_host\":\"d\",\"deploy_port\":70000|deployment.deploy_port must be 1-65535",
            "REST|\"deploy_host\":\"dim.local\"|\"deploy_host\":\"d\",\"dim_port_for_tm\":0|deployment.dim_port_for_tm must be 1-65535",
            "SLURM|\"login_node\":\"login.hpc\"|\"login_node\":\"\"|deployment.login_node is required",
            "SLURM|\"ssh_credential\":\"hpc-slot\"|\"ssh_credential\":\"../x\"|deployment.ssh_credential must be 1-50 ASCII letters, digits, '.', '_', or '-'",
            "SLURM|\"ssh_credential\":\"hpc-slot\"|\"ssh_credential\":\"a..b\"|deployment.ssh_credential must be 1-50 ASCII letters, digits, '.', '_', or '-'",
            "SLURM|\"ssh_credential\":\"hpc-slot\"|\"ssh_credential\":\"[REDACTED]\"|deployment.ssh_credential must be 1-50 ASCII letters, digits, '.', '_', or '-'",
            "SLURM|\"login_node\":\"login.hpc\"|\"login_node\":\"l\",\"ssh_port\":0|deployment.ssh_port must be 1-65535",
            "SLURM|\"dlg_root\":\"/scratch/proj1/dlg\"|\"dlg_root\":\" \"|deployment.dlg_root is required",
            "SLURM|\"dlg_root\":\"/scratch/proj1/dlg\"|\"dlg_root\":\"//\"|deployment.dlg_root must be a dedicated directory, not the remote filesystem root",
            "SLURM|\"account\":\"proj1\"|\"account\":\"\"|deployment.account is required",
            "SLURM|\"home_dir\":\"/scratch/proj1\"|\"home_dir\":\"scratch\"|deployment.home_dir must be an absolute remote path",
            "SLURM|\"log_dir\":\"/scratch/proj1/dlg/log\"|\"log_dir\":\"log\"|deployment.log_dir must be an absolute remote path",
            "SLURM|\"dlg_root\":\"/scratch/proj1/dlg\"|\"dlg_root\":\"dlg\"|deployment.dlg_root must be an absolute remote path",
            "SLURM|\"tasks\":1|\"tasks\":1,\"nodes\":0|deployment.resources.nodes must be >= 1",
            "SLURM|\"translation\":{\"num_islands\":1}|\"translation\":{},\"x\":0|unknown field `x`, expected one of `name`, `description`, `project_module`, `is_default`, `max_concurrent_executions`, `translation`, `deployment`",
            "SLURM|\"tasks\":1|\"tasks\":1,\"wall_time_minutes\":0|deployment.resources.wall_time_minutes must be >= 1",
            "SLURM|\"tasks\":1|\"tasks\":0|deployment.resources.tasks must be >= 1",
            "SLURM|\"tasks\":1|\"cpus_per_task\":0|deployment.resources.cpus_per_task must be >= 1",
            "SLURM|\"partition\":\"work\"|\"partition\":\" \"|deployment.resources.partition must not be empty when set",
            "SLURM|\"tasks\":1|\"memory\":\"\"|deployment.resources.memory must not be empty when set",
            "SLURM|\"account\":\"proj1\"|\"account\":\"proj1\",\"manager_topology\":{\"islands\":0}|deployment.manager_topology.islands must be >= 1",
            "SLURM|\"account\":\"proj1\"|\"account\":\"proj1\",\"manager_topology\":{\"nodes\":0}|deployment.manager_topology.nodes must be >= 1",
    })
    void invalidVariantsGiveTheReferencesMessages(String base, String from, String to, String message) {
        String doc = ("REST".equals(base) ? REST : SLURM).replace(from, to);
        assertThat(doc).as("mutation applied").isNotEqualTo("REST".equals(base) ? REST : SLURM);
        String actual;
        try {
            actual = ProfileValidator.validate(ProfileBinder.bind(json(doc))).orElse("valid");
        } catch (ProfileFormatException e) {
            actual = e.getMessage();
        }
        assertThat(actual).isEqualTo(message);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "\"translation\":{}|\"translation\":{\"typo\":1}|translation.typo|unknown field `typo`, expected one of `algo`, `num_par`, `num_islands`, `tm_url`",
            "\"translation\":{}|\"translation\":{\"algo\":\"fast\"}|translation.algo|unknown variant `fast`, expected `metis` or `mysarkar`",
            "\"kind\":\"rest_remote\"|\"kind\":\"k8s\"|deployment.kind|unknown variant `k8s`, expected `rest_remote` or `slurm_remote`",
            "\"kind\":\"rest_remote\",|\"typo\":true,\"kind\":\"rest_remote\",|deployment.typo|unknown field `typo`, expected one of `kind`, `dim_host_for_tm`, `dim_port_for_tm`, `deploy_host`, `deploy_port`, `use_https`, `verify_ssl`",
            "\"kind\":\"rest_remote\",||deployment|missing field `kind`",
            "\"name\":\"dim\",||.|missing field `name`",
            "\"translation\":{},||.|missing field `translation`",
            "\"deploy_host\":\"dim.local\"|\"deploy_host\":\"d\",\"use_https\":\"yes\"|deployment.use_https|invalid type: string \"yes\", expected a boolean",
            "\"deploy_host\":\"dim.local\"|\"deploy_host\":\"d\",\"deploy_port\":\"80\"|deployment.deploy_port|invalid type: string \"80\", expected i32",
            "\"deploy_host\":\"dim.local\"|\"deploy_host\":\"d\",\"deploy_port\":3000000000|deployment.deploy_port|invalid value: integer `3000000000`, expected i32",
    })
    void structuralErrorsNameTheirPath(String from, String to, String path, String message) {
        String doc = REST.replace(from, to == null ? "" : to);
        assertThatThrownBy(() -> ProfileBinder.bind(json(doc))).isInstanceOfSatisfying(ProfileFormatException.class, e -> {
            assertThat(e.path()).isEqualTo(path);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void specObjectHasTheSevenHashedKeysWithNullForAbsentOptionals() {
        ObjectNode spec = ProfileJson.specObject(ProfileBinder.bind(json(REST)));
        assertThat(spec.fieldNames()).toIterable().containsExactly("deployment", "description", "is_default",
                "max_concurrent_executions", "name", "project_module", "translation");
        assertThat(spec.get("description").isNull()).isTrue();
        assertThat(spec.get("max_concurrent_executions").isNull()).isTrue();
    }
}
