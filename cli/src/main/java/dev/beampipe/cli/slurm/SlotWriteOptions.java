package dev.beampipe.cli.slurm;

import picocli.CommandLine.Option;

/** The options of the subcommands that write a slot ({@code init}, {@code import}): a picocli mixin. */
public class SlotWriteOptions {
    @Option(names = "--acl", description = "Grant the container uid 10001 read access with setfacl.")
    boolean acl;
    @Option(names = "--force", description = "Replace an existing slot.")
    boolean force;
    @Option(names = "--accept-host-key", description = "Trust the scanned host key without asking (compare the printed fingerprint first).")
    boolean acceptHostKey;
}
