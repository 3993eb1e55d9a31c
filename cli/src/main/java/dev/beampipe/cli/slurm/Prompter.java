package dev.beampipe.cli.slurm;

import java.io.Console;

/** The operator's terminal, for passphrases and confirmations; tests script it. */
public interface Prompter {
    /** True when a person can answer (a TTY). */
    boolean interactive();

    /** A line read without echo. */
    char[] secret(String prompt);

    /** A yes/no question whose default is No. */
    boolean confirm(String prompt);

    static Prompter console() {
        return new Prompter() {
            @Override
            public boolean interactive() {
                return System.console() != null;
            }

            @Override
            public char[] secret(String prompt) {
                Console c = System.console();
                char[] answer = c == null ? null : c.readPassword("%s", prompt);
                return answer == null ? new char[0] : answer;
            }

            @Override
            public boolean confirm(String prompt) {
                Console c = System.console();
                String answer = c == null ? null : c.readLine("%s [y/N] ", prompt);
                return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
            }
        };
    }
}
