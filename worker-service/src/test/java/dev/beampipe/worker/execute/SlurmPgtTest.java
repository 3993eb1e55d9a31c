package dev.beampipe.worker.execute;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.model.ledger.state.FailureClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure rules of the Slurm execute path: PGT wrapping (§2.7), the dry run's #SBATCH lines, preflight classes. */
class SlurmPgtTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = ';', value = {
            "[{\"oid\":\"a\"},{\"oid\":\"b\"}]; [\"sid.pgt.graph\",[{\"oid\":\"a\"},{\"oid\":\"b\"}]]",
            "[\"beampipe_pgt.graph\",[{\"oid\":\"a\"}]]; [\"sid.pgt.graph\",[{\"oid\":\"a\"}]]",
            "[\"name\",{\"oid\":\"a\"}]; [\"sid.pgt.graph\",[\"name\",{\"oid\":\"a\"}]]",
            "[]; [\"sid.pgt.graph\",[]]",
            "[\"a\",[],[]]; [\"sid.pgt.graph\",[\"a\",[],[]]]"})
    void theTemplateIsWrappedOnceAndBoundToTheSession(String tm, String expected) throws Exception {
        assertThat(SlurmPgt.wrap(JSON.readTree(tm), "sid")).isEqualTo(JSON.readTree(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "sbatch|--export=A,B|--parsable|--job-name=s|--account=x|--nodes=1|--time=00:05:00|/d/jobsub.sh; "
                    + "#SBATCH --job-name=s|#SBATCH --account=x|#SBATCH --nodes=1|#SBATCH --time=00:05:00",
            "sbatch|--parsable|--partition=work|--qos=high|/d/j.sh; #SBATCH --partition=work|#SBATCH --qos=high"})
    void theDryRunDirectivesAreTheSchedulingOptions(String argv, String expected) {
        assertThat(SlurmDryRunBackend.directives(Arrays.asList(argv.split("\\|"))))
                .isEqualTo(List.of(expected.split("\\|")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "Slurm login node h (u@h) unreachable: host key verification failed for [h]:22. Check VPN/SSH before submit.; authorization",
            "Slurm login node h (u@h) unreachable: authentication failed for u@h:22. Check VPN/SSH before submit.; authentication",
            "Slurm login node h (u@h) unreachable: connect timed out. Check VPN/SSH before submit.; timeout",
            "Slurm login node h (u@h) unreachable: Connection refused. Check VPN/SSH before submit.; connectivity",
            "Slurm runtime preflight failed on h (u@h): missing required command: sbatch. Check the profile runtime; dependency_unavailable"})
    void preflightFailuresKeepTheirClass(String message, String failureClass) {
        assertThat(SlurmExecutionBackend.classify(message)).isEqualTo(FailureClass.parse(failureClass));
    }
}
