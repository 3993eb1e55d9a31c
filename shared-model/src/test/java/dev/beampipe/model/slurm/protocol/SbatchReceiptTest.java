package dev.beampipe.model.slurm.protocol;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SbatchReceiptTest {

    @ParameterizedTest
    @CsvSource(delimiter = '#', quoteCharacter = '"', value = {
            "\"2\n\"#2",
            "123456#123456",
            "123456;setonix#123456",
            "\"  42  \n\"#42",
            "\"Loading module singularity\nWelcome to Setonix\n77\n\"#77",
            "\"\n\n  10;cluster-a.b_c\n\"#10",
    })
    void accepted(String stdout, String id) throws InvalidReceiptException {
        assertThat(SbatchReceipt.parseJobId(stdout)).isEqualTo(id);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', quoteCharacter = '"', value = {
            "\"\"#sbatch --parsable returned no valid numeric job ID#0",
            "\"\n \n\"#sbatch --parsable returned no valid numeric job ID#0",
            "Submitted batch job 4#sbatch --parsable returned no valid numeric job ID#1",
            "12a#sbatch --parsable returned no valid numeric job ID#1",
            "12;a;b#sbatch --parsable returned no valid numeric job ID#1",
            "12;#sbatch --parsable returned no valid numeric job ID#1",
            "12;bad cluster#sbatch --parsable returned no valid numeric job ID#1",
            "-12#sbatch --parsable returned no valid numeric job ID#1",
            "\"12\n12\"#sbatch --parsable returned multiple possible job IDs#2",
            "\"banner\n12\n13;setonix\"#sbatch --parsable returned multiple possible job IDs#3",
    })
    void rejected(String stdout, String message, int nonEmpty) {
        assertThatThrownBy(() -> SbatchReceipt.parseJobId(stdout)).isInstanceOfSatisfying(InvalidReceiptException.class, e -> {
            assertThat(e).hasMessage(message);
            assertThat(e.nonEmptyLines()).isEqualTo(nonEmpty);
            assertThat(SbatchReceipt.uncertainMessage(e)).isEqualTo(
                    "sbatch exited successfully, but its submission receipt was invalid: " + message + "; non_empty_lines=" + nonEmpty);
        });
    }
}
