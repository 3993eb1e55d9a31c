package dev.beampipe.cli;

import picocli.CommandLine.Option;

/**
 * The global {@code --home PATH} flag. Mixed into the top command and every subcommand, so it is valid
 * before or after the subcommand; the subcommand's own value wins.
 */
public class HomeOption {
    @Option(names = "--home", paramLabel = "PATH",
            description = "Installation directory (default: $BEAMPIPE_HOME, else $HOME/beampipe).")
    String value;

    public String value() {
        return value;
    }

    /** This command's value, else the one given to the top command. */
    public static String effective(HomeOption own, BeampipeCommand top) {
        if (own != null && own.value != null) {
            return own.value;
        }
        return top == null ? null : top.homeFlag();
    }
}
