package dev.beampipe.model.canonical;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrettyJsonTest {
    @Test
    void printsLikeSerdeJsonToStringPretty() throws Exception {
        var node = new ObjectMapper().readTree("{\"project_id\":\"x\",\"valid\":true,\"errors\":[],\"meta\":{},"
                + "\"list\":[1,{\"a\":\"é\"}],\"f\":60.0}");
        assertThat(PrettyJson.write(node)).isEqualTo("""
                {
                  "project_id": "x",
                  "valid": true,
                  "errors": [],
                  "meta": {},
                  "list": [
                    1,
                    {
                      "a": "é"
                    }
                  ],
                  "f": 60.0
                }""");
    }
}
