package dev.beampipe.api.projects;

import dev.beampipe.api.errors.ApiErrors;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** A raw text body must be UTF-8 (20-api §1.3); anything else is the reference's 400 with the first bad offset. */
final class Utf8Body {
    private Utf8Body() {
    }

    static void requireUtf8(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw ApiErrors.badRequest("Request body didn't contain valid UTF-8: invalid utf-8 sequence of "
                    + result.length() + " bytes from index " + in.position());
        }
    }
}
