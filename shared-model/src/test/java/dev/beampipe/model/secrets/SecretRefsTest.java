package dev.beampipe.model.secrets;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretRefsTest {
    final ObjectMapper json = new ObjectMapper();
    final Map<String, String> env = Map.of("HOOK", "https://hooks.example/s3cret", "BLANK", " ");

    String resolve(String node, boolean inline) throws Exception {
        return SecretRefs.resolve(json.readTree(node), inline, env::get);
    }

    @Test
    void resolvesEnvFileAndInlineValues(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("key");
        Files.writeString(file, "file-secret\r\n\n");
        assertThat(resolve("{\"env\": \"HOOK\"}", false)).isEqualTo("https://hooks.example/s3cret");
        assertThat(resolve("{\"file\": \"" + file + "\", \"note\": \"extra keys are fine\"}", false)).isEqualTo("file-secret");
        assertThat(resolve("\"plain\"", true)).isEqualTo("plain");
        assertThat(resolve("{\"inline_dev\": \"dev\"}", true)).isEqualTo("dev");
        assertThat(resolve("null", false)).isNull();
        assertThat(SecretRefs.isRef(json.readTree("{\"env\": \"X\"}"))).isTrue();
        assertThat(SecretRefs.isRef(json.readTree("{\"value\": \"X\"}"))).isFalse();
    }

    @Test
    void refusalsNameTheReferenceNeverAValue(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> resolve("\"plain\"", false)).hasMessageContaining("not allowed in production");
        assertThatThrownBy(() -> resolve("{\"inline_dev\": \"dev\"}", false)).hasMessageContaining("not allowed in production");
        assertThatThrownBy(() -> resolve("{\"env\": \"MISSING\"}", true)).hasMessage("environment variable MISSING is not set or blank");
        assertThatThrownBy(() -> resolve("{\"env\": \"BLANK\"}", true)).hasMessage("environment variable BLANK is not set or blank");
        assertThatThrownBy(() -> resolve("{\"file\": \"" + empty + "\"}", true)).hasMessageEndingWith("is empty");
        assertThatThrownBy(() -> resolve("{\"file\": \"" + dir.resolve("absent") + "\"}", true)).hasMessageEndingWith("cannot be read");
        assertThatThrownBy(() -> resolve("42", true)).hasMessageContaining("secret reference");
    }
}
