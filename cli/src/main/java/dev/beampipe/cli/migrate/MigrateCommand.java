package dev.beampipe.cli.migrate;

import dev.beampipe.cli.BeampipeCommand;
import dev.beampipe.cli.HomeOption;
import dev.beampipe.model.db.DatabaseUrl;
import org.jboss.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/**
 * {@code beampipe migrate}: applies all pending migrations to {@code DATABASE_URL}. Idempotent; prints
 * {@code migrations applied} on stdout (the reference's output) and the count on stderr.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Apply all SQL migrations to DATABASE_URL (idempotent).")
public class MigrateCommand implements Callable<Integer> {
    private static final Logger LOG = Logger.getLogger(MigrateCommand.class);

    @Mixin
    HomeOption home;

    @ParentCommand
    BeampipeCommand top;

    @Override
    public Integer call() {
        DatabaseUrl url = Migrator.databaseUrl(System.getenv());
        LOG.infof("applying migrations to %s", url);
        int applied = Migrator.apply(url);
        LOG.infof(applied == 0 ? "database is up to date (0 migrations applied)" : "%d migration(s) applied", applied);
        System.out.println("migrations applied");
        return 0;
    }
}
