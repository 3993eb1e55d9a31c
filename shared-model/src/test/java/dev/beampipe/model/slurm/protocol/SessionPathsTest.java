package dev.beampipe.model.slurm.protocol;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionPathsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '#', quoteCharacter = '"', value = {
            // stdout # dlg root # job script # session dir
            "Created job submission script /dlg/workspace/s_2026-01-02T03-04-05/jobsub.sh#/dlg#/dlg/workspace/s_2026-01-02T03-04-05/jobsub.sh#/dlg/workspace/s_2026-01-02T03-04-05",
            "\"INFO loading\nINFO: Created job submission script   /dlg/w s/job sub.sh  \nlater\"#/dlg/#/dlg/w s/job sub.sh#/dlg/w s",
            "\"Created job submission script /d/a/j.sh\nCreated job submission script /d/b/j.sh\"#/d#/d/a/j.sh#/d/a",
            "Created job submission script /scratch//p/dlg/ws/x/jobsub.sh#/scratch/p/dlg#/scratch/p/dlg/ws/x/jobsub.sh#/scratch/p/dlg/ws/x",
    })
    void derives(String stdout, String root, String jobScript, String sessionDir) throws InvalidPathException {
        SessionPaths.Derived d = SessionPaths.derive(stdout, root);
        assertThat(d).isEqualTo(new SessionPaths.Derived(jobScript, sessionDir, sessionDir + "/wallaby-staging"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', quoteCharacter = '"', value = {
            "nothing here#/dlg#create_dlg_job did not print job submission script path; stdout=nothing here",
            "Created job submission script#/dlg#create_dlg_job did not print job submission script path",
            "Created job submission script /dlg/ws/x/jobsub.sh#/#DLG_ROOT must not be /",
            "Created job submission script /dlg/ws/x/jobsub.sh#////#DLG_ROOT must not be /",
            "Created job submission script /dlg/ws/x/jobsub.sh#dlg#DLG_ROOT must be an absolute path",
            "Created job submission script dlg/ws/x/jobsub.sh#/dlg#job submission script must be an absolute path",
            "Created job submission script /dlg/jobsub.sh#/dlg#is not inside a session directory below /dlg",
            "Created job submission script /other/ws/jobsub.sh#/dlg#is not inside a session directory below /dlg",
            "Created job submission script /dlgx/ws/jobsub.sh#/dlg#is not inside a session directory below /dlg",
            "Created job submission script /dlg#/dlg#is not inside a session directory below /dlg",
            "Created job submission script /dlg/ws/../../etc/jobsub.sh#/dlg#must not contain . or .. components",
            "Created job submission script /dlg/./ws/jobsub.sh#/dlg#must not contain . or .. components",
            "Created job submission script /dlg/ws,x/jobsub.sh#/dlg#must not contain ','",
            "Created job submission script /dlg/ws:x/jobsub.sh#/dlg#must not contain ':'",
            "Created job submission script /dlg/ws/x\tjobsub.sh#/dlg#must not contain control characters",
            "Created job submission script /dlg/ws/jobsub.sh#/dl:g#DLG_ROOT must not contain ':'",
    })
    void rejects(String stdout, String root, String message) {
        assertThatThrownBy(() -> SessionPaths.derive(stdout.replace("\\t", "\t"), root))
                .isInstanceOf(InvalidPathException.class).hasMessageContaining(message);
    }
}
