package dev.beampipe.cli.slurm;

import dev.beampipe.cli.CliException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The new key's passphrase for {@code credentials init}: {@code --passphrase-file} (trailing CR/LF stripped, empty =
 * none), {@code --no-passphrase}, or typed twice on a terminal. {@code --yes} needs one of the two flags.
 */
public final class PassphraseInput {
    private PassphraseInput() {
    }

    public static Optional<String> resolve(Path passphraseFile, boolean noPassphrase, boolean yes, Prompter prompter) {
        if (passphraseFile != null && noPassphrase) {
            throw new CliException("--passphrase-file and --no-passphrase exclude each other");
        }
        if (noPassphrase) {
            return Optional.empty();
        }
        if (passphraseFile != null) {
            return fromFile(passphraseFile);
        }
        if (yes || !prompter.interactive()) {
            throw new CliException("pass --passphrase-file FILE or --no-passphrase"
                    + (yes ? " with --yes" : " when stdin is not a terminal"));
        }
        char[] first = prompter.secret("Passphrase for the new key (empty for none): ");
        char[] second = prompter.secret("Same passphrase again: ");
        try {
            if (!Arrays.equals(first, second)) {
                throw new CliException("the passphrases do not match; nothing was written");
            }
            return first.length == 0 ? Optional.empty() : Optional.of(new String(first));
        } finally {
            Arrays.fill(first, '\0');
            Arrays.fill(second, '\0');
        }
    }

    /** A passphrase file's content as 40-backends §4.2 reads it. */
    public static Optional<String> fromFile(Path file) {
        String text = new String(SlotFiles.readSource(file, "passphrase file"), StandardCharsets.UTF_8);
        String stripped = text.replaceAll("[\r\n]+$", "");
        return stripped.isEmpty() ? Optional.empty() : Optional.of(stripped);
    }
}
