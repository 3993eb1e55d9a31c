package dev.beampipe.cli.slurm;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The {@code --dir} option of the {@code slurm credentials} subcommands (a picocli mixin). */
public class CredentialRootOption {
    @Option(names = "--dir", description = "Credential root (default BEAMPIPE_SSH_CREDENTIALS_DIR, $BEAMPIPE_HOME/credentials/ssh, ~/beampipe/credentials/ssh).")
    String dir;

    /** The credential root these commands work on: {@code --dir}, else the environment's (see {@link CredentialRoot}). */
    Path root(CredentialsCommand parent) {
        return parent.root(dir);
    }
}
