package dev.beampipe.api.testing;

import dev.beampipe.api.auth.TokenType;
import dev.beampipe.api.auth.Tokens;
import dev.beampipe.model.auth.NewUser;
import dev.beampipe.model.auth.UserAccounts;
import dev.beampipe.model.db.Database;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.specification.RequestSpecification;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Users and bearer tokens for API tests. Each call creates a fresh user (usernames are at most 20 characters)
 * and returns an access token signed with the application's own {@link Tokens}.
 */
public final class Operators {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Operators() {
    }

    public static String superuserToken(Database db, Tokens tokens) {
        return token(db, tokens, true);
    }

    public static String userToken(Database db, Tokens tokens) {
        return token(db, tokens, false);
    }

    /** Every RestAssured request of the calling test sends this superuser's token; undo with {@link #reset()}. */
    public static void actAsSuperuser(Database db, Tokens tokens) {
        RestAssured.requestSpecification = bearer(superuserToken(db, tokens));
    }

    public static void reset() {
        RestAssured.requestSpecification = null;
    }

    public static RequestSpecification bearer(String token) {
        return new RequestSpecBuilder().addHeader("Authorization", "Bearer " + token).build();
    }

    private static String token(Database db, Tokens tokens, boolean superuser) {
        String username = (superuser ? "admin-" : "user-") + ProcessHandle.current().pid() % 10000 + "-" + SEQUENCE.incrementAndGet();
        new UserAccounts(db).create(new NewUser(username, username + "@example.test", "Test " + username,
                "test-password-" + username, superuser));
        return tokens.issue(username, TokenType.ACCESS);
    }
}
