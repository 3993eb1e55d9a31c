package dev.beampipe.model.auth;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserAccountsTest {
    static TestDatabase database;
    static Database db;

    @BeforeAll
    static void start() {
        database = TestDatabase.create();
        db = database.db();
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void storesABcryptHashAtCost12AndFindsTheUserByExactName() {
        UserAccount created = new UserAccounts(db).create(new NewUser("ops", "ops@example.test", "Ops", "correct horse", true));
        assertThat(created.hashedPassword()).startsWith("$2b$12$").doesNotContain("correct horse");
        assertThat(created.superuser()).isTrue();
        assertThat(new UserAccounts(db).findActive("ops")).get().extracting(UserAccount::uuid).isEqualTo(created.uuid());
        assertThat(new UserAccounts(db).findActive("OPS")).isEmpty();
        assertThat(PasswordHashing.verify("correct horse", created.hashedPassword())).isTrue();
        assertThat(PasswordHashing.verify("correct horsE", created.hashedPassword())).isFalse();
    }

    @Test
    void deletedUsersAreNotFoundAndDuplicatesAreRefused() {
        UserAccounts users = new UserAccounts(db);
        users.create(new NewUser("gone", "gone@example.test", "Gone", "pw-123456789", false));
        db.sql().update("UPDATE users SET is_deleted = true, deleted_at = now() WHERE username = 'gone'");
        assertThat(users.findActive("gone")).isEmpty();
        assertThatThrownBy(() -> users.create(new NewUser("gone", "other@example.test", "G", "pw", false)))
                .isInstanceOf(UserExistsException.class).hasMessageContaining("'gone'");
    }

    @Test
    void verifiesHashesInTheReferenceFormatsAndTreatsGarbageAsAMismatch() {
        // $2a$ and $2y$ spellings (other libraries) verify; malformed hashes are a plain mismatch
        String ours = PasswordHashing.hash("password");
        assertThat(PasswordHashing.verify("password", ours.replace("$2b$", "$2a$"))).isTrue();
        assertThat(PasswordHashing.verify("password", ours.replace("$2b$", "$2y$"))).isTrue();
        assertThat(PasswordHashing.verify("password", "not-a-hash")).isFalse();
        assertThat(PasswordHashing.verify("password", "")).isFalse();
        assertThat(PasswordHashing.verifyAgainstNothing("password")).isFalse();
    }

    @Test
    void passwordsLongerThan72BytesAreTruncatedLikeBcrypt() {
        String longPassword = "x".repeat(72);
        String hash = PasswordHashing.hash(longPassword + "tail");
        assertThat(PasswordHashing.verify(longPassword, hash)).isTrue();
    }
}
