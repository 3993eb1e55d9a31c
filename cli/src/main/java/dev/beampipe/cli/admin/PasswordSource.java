package dev.beampipe.cli.admin;

import dev.beampipe.cli.CliException;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where a password comes from: a file (trailing CR/LF trimmed), the deprecated inline flag (with a warning about
 * shell history), or a prompt on the terminal. Without a terminal and without a file it is an error.
 */
final class PasswordSource {
    private PasswordSource() {
    }

    static String resolve(Path file, String inline, Console console) {
        if (file != null && inline != null) {
            throw new CliException("give either --password-file or --password, not both");
        }
        if (file != null) {
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                String password = text.replaceAll("[\\r\\n]+$", "");
                if (password.isEmpty()) {
                    throw new CliException(file + ": the password file is empty");
                }
                return password;
            } catch (IOException e) {
                throw new CliException("cannot read the password file " + file + ": " + e.getMessage());
            }
        }
        if (inline != null) {
            System.err.println("warning: --password puts the password in your shell history and the process list; use --password-file");
            if (inline.isEmpty()) {
                throw new CliException("--password: the password must not be empty");
            }
            return inline;
        }
        if (console == null) {
            throw new CliException("use --password-file when stdin is not a terminal");
        }
        char[] first = console.readPassword("Admin password: ");
        char[] second = console.readPassword("Repeat password: ");
        try {
            if (first == null || first.length == 0) {
                throw new CliException("the password must not be empty");
            }
            if (!Arrays.equals(first, second)) {
                throw new CliException("the passwords do not match");
            }
            return new String(first);
        } finally {
            if (first != null) {
                Arrays.fill(first, '\0');
            }
            if (second != null) {
                Arrays.fill(second, '\0');
            }
        }
    }
}
