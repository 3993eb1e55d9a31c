package dev.beampipe.model.config.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class EvalFileSelectionTest {

    private static final ObjectMapper M = new ObjectMapper();
    private static final String F1 = "calibration-metadata-processing-logs-SB1_a.tar";
    private static final String F2 = "calibration-metadata-processing-logs-SB1_b.tar";

    private static JsonNode json(String text) {
        try {
            return M.readTree(text.replace('\'', '"').replace("F1", F1).replace("F2", F2));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // single object
            "valid object|{'format':'calibration','filename':'F1','access_url':'u','filesize':10}|F1",
            "object without size|{'format':'calibration','filename':'F1','access_url':'u'}|FAIL",
            "format case-insensitive (ASCII)|{'format':'CALIBRATION','filename':'F1','access_url':'u','size':1}|F1",
            "format with Kelvin sign K is not ASCII k|{'format':'calibration\u212a','filename':'F1','access_url':'u','size':1}|FAIL",
            "format trimmed? no|{'format':' calibration','filename':'F1','access_url':'u','size':1}|FAIL",
            "wrong format|{'format':'image','filename':'F1','access_url':'u','size':1}|FAIL",
            "file_name key|{'format':'calibration','file_name':'F1','access_url':'u','size':1}|F1",
            "upper-case keys|{'FORMAT':'calibration','FILENAME':'F1','ACCESS_URL':'u','FILESIZE':1}|F1",
            "wrong prefix|{'format':'calibration','filename':'calibration-metadata-SB1.tar','access_url':'u','size':1}|FAIL",
            "wrong suffix|{'format':'calibration','filename':'calibration-metadata-processing-logs-SB1.tgz','access_url':'u','size':1}|FAIL",
            "blank access_url|{'format':'calibration','filename':'F1','access_url':' \u00a0','size':1}|FAIL",
            "missing access_url|{'format':'calibration','filename':'F1','size':1}|FAIL",
            "negative size disqualifies|{'format':'calibration','filename':'F1','access_url':'u','filesize':-1,'size':5}|FAIL",
            "unparsable size falls through|{'format':'calibration','filename':'F1','access_url':'u','filesize':'big','size':'7'}|F1",
            "non-ASCII digits do not parse|{'format':'calibration','filename':'F1','access_url':'u','filesize':'٣'}|FAIL",
            "float size|{'format':'calibration','filename':'F1','access_url':'u','access_estsize':2.9}|F1",
            "not an object or array|'F1'|FAIL",
            "null|null|FAIL",
            // arrays: largest size, ties → greatest filename, invalid rows ignored
            "largest wins|[{'format':'calibration','filename':'F2','access_url':'u','size':'5'},"
                    + "{'format':'calibration','filename':'F1','access_url':'u','filesize':6}]|F1",
            "tie → greatest filename|[{'format':'calibration','filename':'F2','access_url':'u','size':5},"
                    + "{'format':'calibration','filename':'F1','access_url':'u','size':5.7}]|F2",
            "invalid rows skipped|[1,null,{'format':'image','filename':'F2','access_url':'u','size':99},"
                    + "{'format':'calibration','filename':'F2','access_url':'u','size':-99},"
                    + "{'format':'calibration','filename':'F1','access_url':'u','size':0}]|F1",
            "u64 clamped|[{'format':'calibration','filename':'F1','access_url':'u','size':18446744073709551615},"
                    + "{'format':'calibration','filename':'F2','access_url':'u','size':9223372036854775807}]|F2",
            "no valid row|[{'format':'calibration','filename':'F1','access_url':''}]|FAIL",
            "empty array|[]|FAIL",
    })
    void selectsTheCalibrationArchive(String name, String input, String expected) {
        assertThat(EvalFileSelection.select(json(input)).map(JsonNode::textValue).orElse("FAIL"))
                .isEqualTo(expected.replace("F1", F1).replace("F2", F2));
    }
}
