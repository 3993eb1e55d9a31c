package dev.beampipe.cli;

import dev.beampipe.model.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code beampipe --version} prints {@code beampipe <version>}. */
public class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"beampipe " + BuildInfo.version()};
    }
}
