package dev.beampipe.model.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseUrlTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "postgres://bp:s3cret@db.example:6432/beampipe|db.example|6432|beampipe|bp|s3cret",
            "postgresql://bp@localhost/beampipe|localhost|5432|beampipe|bp|",
            "postgres://localhost|localhost|5432|postgres|postgres|",
            "postgres://u:p%40ss%3Aw@h:1/d%20b|h|1|d b|u|p@ss:w",
            "jdbc:postgresql://h:5/d?user=x&password=y|h|5|d|x|y",
    })
    void parsesTheReferenceForms(String url, String host, int port, String db, String user, String password) {
        DatabaseUrl u = DatabaseUrl.parse(url);
        assertThat(u.host()).isEqualTo(host);
        assertThat(u.port()).isEqualTo(port);
        assertThat(u.database()).isEqualTo(db);
        assertThat(u.user()).isEqualTo(user);
        assertThat(u.password()).isEqualTo(password);
        assertThat(DatabaseUrl.parse(u.toUrlWithSecret())).isEqualTo(u);
    }

    @Test
    void neverShowsThePassword() {
        DatabaseUrl u = DatabaseUrl.parse("postgres://bp:s3cret@db:5432/beampipe?sslmode=require");
        assertThat(u.toString()).doesNotContain("s3cret").contains("[REDACTED]");
        assertThat(u.toJdbcUrl()).doesNotContain("s3cret").isEqualTo("jdbc:postgresql://db:5432/beampipe?sslmode=require");
    }

    @Test
    void rejectsOtherSchemes() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://h/d")).hasMessageContaining("postgres://");
        assertThatThrownBy(() -> DatabaseUrl.parse(" ")).hasMessageContaining("empty");
    }
}
