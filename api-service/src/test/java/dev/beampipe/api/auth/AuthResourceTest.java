package dev.beampipe.api.auth;

import dev.beampipe.api.testing.ApiTestDatabase;
import dev.beampipe.api.testing.Operators;
import dev.beampipe.model.auth.NewUser;
import dev.beampipe.model.auth.UserAccounts;
import dev.beampipe.model.db.Database;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;

@QuarkusTest
@WithTestResource(ApiTestDatabase.class)
class AuthResourceTest {
    @Inject
    Database db;
    @Inject
    Tokens tokens;

    String user(boolean superuser) {
        String name = "u" + UUID.randomUUID().toString().substring(0, 12);
        new UserAccounts(db).create(new NewUser(name, name + "@example.test", "Name", "pw-" + name, superuser));
        return name;
    }

    Response login(String username, String password) {
        return given().contentType(ContentType.JSON)
                .body("{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}")
                .post("/api/v2/login");
    }

    @Test
    void loginGivesATokenPairThatAuthenticatesUserMe() {
        String name = user(true);
        Response tokens = login(name, "pw-" + name);
        tokens.then().statusCode(200).body("token_type", equalTo("bearer"));
        given().header("Authorization", "Bearer " + tokens.path("access_token"))
                .get("/api/v2/user/me").then().statusCode(200)
                .body("username", equalTo(name))
                .body("is_superuser", equalTo(true))
                .body("profile_image_url", equalTo("https://profileimageurl.com"))
                .body("$", not(hasKey("id")))
                .body("$", not(hasKey("hashed_password")))
                .body("$", not(hasKey("is_deleted")));
        // a refresh token cannot authenticate a request
        given().header("Authorization", "Bearer " + tokens.path("refresh_token"))
                .get("/api/v2/user/me").then().statusCode(401);
    }

    @Test
    void everyLoginFailureIsTheSame401() {
        String name = user(false);
        for (Response r : List.of(login(name, "wrong"), login("nobody-" + name, "pw"), login(name.toUpperCase(), "pw-" + name))) {
            r.then().statusCode(401)
                    .body("code", equalTo("unauthorized"))
                    .body("error", equalTo("authentication failed"))
                    .body("failure.component", equalTo("authentication"))
                    .body("failure.class", equalTo("authentication"));
        }
        given().contentType(ContentType.JSON).body("{\"username\": \"x\"}").post("/api/v2/login").then().statusCode(422);
    }

    @Test
    void bearerHeaderMustBeExact() {
        String token = Operators.userToken(db, this.tokens);
        for (String header : List.of("bearer " + token, "Bearer", "Token " + token, "Bearer x" + token, "Bearer  ")) {
            given().header("Authorization", header).get("/api/v2/user/me").then().statusCode(401)
                    .body("error", equalTo("authentication failed"));
        }
        given().get("/api/v2/user/me").then().statusCode(401);
        given().header("Authorization", "Bearer  " + token + " ").get("/api/v2/user/me").then().statusCode(200);
    }

    @Test
    void authenticationRunsBeforeTheBodyIsParsed() {
        given().contentType(ContentType.JSON).body("{not json").post("/api/v2/jobs").then().statusCode(401);
        given().contentType(ContentType.TEXT).body("x").post("/api/v2/jobs").then().statusCode(401);
    }

    @Test
    void aNonSuperuserGets403AfterTheBodyIsParsed() {
        String token = Operators.userToken(db, this.tokens);
        long jobsBefore = db.sql().count("SELECT count(*) FROM jobs");
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body("{not json")
                .post("/api/v2/jobs").then().statusCode(400);
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body("{\"kind\": \"noop\"}")
                .post("/api/v2/jobs").then().statusCode(403)
                .body("code", equalTo("forbidden")).body("error", equalTo("superuser required"));
        assertThat(db.sql().count("SELECT count(*) FROM jobs")).isEqualTo(jobsBefore);
    }

    @Test
    void refreshRotatesAndARotatedTokenCannotBeReused() {
        String name = user(false);
        Response first = login(name, "pw-" + name);
        String refresh = first.path("refresh_token");
        Response second = refresh(refresh);
        second.then().statusCode(200);
        assertThat((String) second.path("refresh_token")).isNotEqualTo(refresh);
        refresh(refresh).then().statusCode(400).body("error", equalTo("token revoked"));
        refresh(first.path("access_token")).then().statusCode(401);
        given().contentType(ContentType.JSON).body("{}").post("/api/v2/refresh").then().statusCode(400)
                .body("error", equalTo("refresh_token required"));
        // the old access token stays valid until it expires, as in the reference
        given().header("Authorization", "Bearer " + first.path("access_token")).get("/api/v2/user/me").then().statusCode(200);
    }

    @Test
    void concurrentRefreshesWithOneTokenRotateExactlyOnce() throws Exception {
        String name = user(false);
        String refresh = login(name, "pw-" + name).path("refresh_token");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> refresh(refresh).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnly(200, 400);
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void deletedUsersCanNeitherAuthenticateNorRefresh() {
        String name = user(false);
        Response pair = login(name, "pw-" + name);
        db.sql().update("UPDATE users SET is_deleted = true WHERE username = $1", name);
        given().header("Authorization", "Bearer " + pair.path("access_token")).get("/api/v2/user/me").then().statusCode(401);
        refresh(pair.path("refresh_token")).then().statusCode(401);
    }

    @Test
    void logoutRevokesBothTokens() {
        String name = user(false);
        Response pair = login(name, "pw-" + name);
        String access = pair.path("access_token");
        String refresh = pair.path("refresh_token");
        given().contentType(ContentType.JSON).body("{}").post("/api/v2/logout").then().statusCode(400)
                .body("error", equalTo("access_token or refresh_token required"));
        given().contentType(ContentType.JSON)
                .body("{\"access_token\": \"" + access + "\", \"refresh_token\": \"" + refresh + "\"}")
                .post("/api/v2/logout").then().statusCode(204);
        given().header("Authorization", "Bearer " + access).get("/api/v2/user/me").then().statusCode(401);
        refresh(refresh).then().statusCode(400).body("error", equalTo("token revoked"));
        // repeatable
        given().contentType(ContentType.JSON).body("{\"access_token\": \"" + access + "\"}")
                .post("/api/v2/logout").then().statusCode(204);
        // tokens of two users cannot be logged out together; a token of the wrong type is a 401
        String other = user(false);
        Response otherPair = login(other, "pw-" + other);
        given().contentType(ContentType.JSON)
                .body("{\"access_token\": \"" + otherPair.path("access_token") + "\", \"refresh_token\": \""
                        + login(name, "pw-" + name).path("refresh_token") + "\"}")
                .post("/api/v2/logout").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"access_token\": \"" + otherPair.path("refresh_token") + "\"}")
                .post("/api/v2/logout").then().statusCode(401);
    }

    static Response refresh(String token) {
        return given().contentType(ContentType.JSON).body("{\"refresh_token\": \"" + token + "\"}").post("/api/v2/refresh");
    }
}
