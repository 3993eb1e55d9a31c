package dev.beampipe.cli.daliuge;

import dev.beampipe.cli.CliException;
import dev.beampipe.cli.OperatorEnvironment;
import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.daliuge.DaliugeEndpoints;
import dev.beampipe.model.daliuge.DaliugeException;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.profile.ProfileResolution;
import dev.beampipe.model.profile.ProfileStore;
import dev.beampipe.model.profile.StoredProfile;
import dev.beampipe.model.secrets.Redaction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.Map;
import java.util.Optional;

/**
 * {@code beampipe daliuge …}: the DALiuGE inspector (50-operations §1.2, 40-backends §2.8, §3.13). Endpoints come from
 * {@code --profile NAME}, else the implicit default profile when {@code DATABASE_URL} is set, else
 * {@code BEAMPIPE_TM_URL}/{@code BEAMPIPE_DIM_URL}.
 */
@Command(name = "daliuge", mixinStandardHelpOptions = true,
        description = "Inspect the DALiuGE Translator Manager and Data Island Manager; cancel a session; dry-run a translation.",
        subcommands = {DaliugeInspectCommand.class, DaliugeSessionsCommand.class, DaliugeSessionInspectCommand.class,
                DaliugeSessionCancelCommand.class, DaliugeTranslateCommand.class})
public class DaliugeCommand implements Runnable {
    static final String NO_TM = "DALiuGE Translator Manager URL is not configured in settings or profile "
            + "(set translation.tm_url in the profile or BEAMPIPE_TM_URL)";
    static final String NO_DIM = "DALiuGE Data Island Manager URL is not configured for this profile "
            + "(use a rest_remote profile or set BEAMPIPE_DIM_URL)";

    @Spec
    CommandSpec spec;

    final OperatorEnvironment environment;

    public DaliugeCommand() {
        this(System.getenv());
    }

    /** With an explicit environment (tests run the command in-process). */
    public DaliugeCommand(Map<String, String> env) {
        this.environment = new OperatorEnvironment(env);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a daliuge subcommand is required (ping, inspect, sessions, session-inspect, session-cancel, translate)");
    }

    DaliugeEndpoints endpoints(String profileName) {
        Optional<StoredProfile> stored = Optional.empty();
        if (profileName != null || environment.hasDatabase()) {
            try (Database db = environment.openDatabase()) {
                ProfileStore store = new ProfileStore(db, StableJson::sha256);
                stored = profileName != null
                        ? Optional.of(store.byName(profileName).orElseThrow(() ->
                        new CliException("deployment profile '" + profileName + "' does not exist")))
                        : ProfileResolution.implicit(store.list());
            }
        }
        return DaliugeEndpoints.of(stored, environment.get("BEAMPIPE_TM_URL").orElse(null),
                environment.get("BEAMPIPE_DIM_URL").orElse(null));
    }

    static DaliugeEndpoints requireDim(DaliugeEndpoints endpoints) {
        if (endpoints.dimUrl() == null) {
            throw new CliException(NO_DIM);
        }
        return endpoints;
    }

    /** {@code daliuge.<kind> (<component> <operation>): <message>}, redacted. */
    static CliException failure(DaliugeException e) {
        return new CliException(Redaction.string(e.kind().operatorCode() + " (" + e.component().wire() + " "
                + e.operation().wire() + "): " + e.getMessage()));
    }

    /** One live DALiuGE call. */
    public interface Call<T> {
        T call() throws DaliugeException, InterruptedException;
    }

    public static <T> T live(Call<T> call) {
        try {
            return call.call();
        } catch (DaliugeException e) {
            throw failure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }
}
