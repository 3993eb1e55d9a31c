package dev.beampipe.model.slurm.ssh;

/** The upload functions' quoting (40-backends §4.4): single quotes, with {@code '} written as {@code '"'"'}. */
final class ShellWords {
    private ShellWords() {
    }

    static String singleQuoted(String s) {
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }
}
