package dev.beampipe.cli.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.cli.CliException;
import dev.beampipe.cli.migrate.Migrator;
import dev.beampipe.cli.output.Output;
import dev.beampipe.model.auth.NewUser;
import dev.beampipe.model.auth.UserAccount;
import dev.beampipe.model.auth.UserAccounts;
import dev.beampipe.model.auth.UserExistsException;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.DatabaseUrl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code beampipe admin create-user}: migrates, hashes the password (bcrypt, cost 12) and inserts the user.
 * The password comes from {@code --password-file} or a terminal prompt; {@code --password} still works but warns.
 * Unlike the reference, {@code --no-superuser} creates an ordinary user (the default stays superuser).
 */
@Command(name = "create-user", mixinStandardHelpOptions = true,
        description = "Create an API user (a superuser unless --no-superuser).")
public class CreateUserCommand implements Callable<Integer> {
    @Option(names = "--username", required = true, description = "Login name (at most 20 characters).")
    String username;

    @Option(names = "--email", required = true, description = "Email address (at most 50 characters).")
    String email;

    @Option(names = "--name", defaultValue = "Admin", description = "Display name (at most 30 characters; default ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--superuser", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Create a superuser (default); --no-superuser creates an ordinary user.")
    boolean superuser;

    @Option(names = "--password-file", description = "Read the password from this file (trailing newline ignored).")
    Path passwordFile;

    @Option(names = "--password", description = "Deprecated: the password on the command line (visible in shell history).")
    String password;

    @Override
    public Integer call() {
        checkLength("--username", username, 20);
        checkLength("--email", email, 50);
        checkLength("--name", name, 30);
        String secret = PasswordSource.resolve(passwordFile, password, System.console());
        DatabaseUrl url = Migrator.databaseUrl(System.getenv());
        Migrator.apply(url);
        try (Database db = Database.open(url, 1)) {
            UserAccount user = new UserAccounts(db).create(new NewUser(username, email, name, secret, superuser));
            ObjectNode json = new ObjectMapper().createObjectNode();
            json.put("id", user.id());
            json.put("uuid", user.uuid().toString());
            json.put("username", user.username());
            json.put("email", user.email());
            json.put("is_superuser", user.superuser());
            Output.json(json);
            return 0;
        } catch (UserExistsException e) {
            throw new CliException(e.getMessage());
        }
    }

    private static void checkLength(String flag, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new CliException(flag + " must not be blank");
        }
        if (value.length() > max) {
            throw new CliException(flag + " must be at most " + max + " characters (got " + value.length() + ")");
        }
    }
}
