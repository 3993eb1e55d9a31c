package dev.beampipe.cli.profile;

import dev.beampipe.cli.CliException;
import dev.beampipe.cli.migrate.Migrator;
import dev.beampipe.model.canonical.CanonicalJson;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.profile.ProfileStore;
import dev.beampipe.model.profile.StoredProfile;

/** The profile store on {@code DATABASE_URL}, with the canonical spec hash. */
final class Profiles implements AutoCloseable {
    final Database db;
    final ProfileStore store;

    Profiles() {
        db = Database.open(Migrator.databaseUrl(System.getenv()), 2);
        store = new ProfileStore(db, dev.beampipe.model.canonical.StableJson::sha256);
    }

    StoredProfile named(String name) {
        return store.byName(name).orElseThrow(() -> new CliException("deployment profile '" + name + "' does not exist"));
    }

    @Override
    public void close() {
        db.close();
    }
}
