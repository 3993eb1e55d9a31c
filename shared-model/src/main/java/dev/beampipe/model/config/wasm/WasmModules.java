package dev.beampipe.model.config.wasm;

import java.util.Optional;

/**
 * Structural check of a WebAssembly binary before it is stored: the {@code \0asm} magic, version 1, then a
 * sequence of well-formed sections (id 0-13, LEB128 u32 size, the size fits, non-custom sections in
 * order at most once). It does not type-check function bodies; the runtime that loads the module does.
 */
public final class WasmModules {
    static final byte[] MAGIC = {0x00, 0x61, 0x73, 0x6d};
    static final byte[] VERSION = {0x01, 0x00, 0x00, 0x00};
    /** Non-custom sections must appear in this order; tag (13) sits between memory (5) and global (6). */
    private static final int[] ORDER = {0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 11, 6};

    private WasmModules() {
    }

    /** Empty when the bytes are a structurally valid module; otherwise why not. */
    public static Optional<String> problem(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return Optional.of("the WASM module is empty");
        }
        if (bytes.length < 8 || !startsWith(bytes, MAGIC, 0)) {
            return Optional.of("not a WASM module: missing the \\0asm magic number");
        }
        if (!startsWith(bytes, VERSION, 4)) {
            return Optional.of("unsupported WASM binary version (expected 1)");
        }
        int pos = 8;
        int lastRank = -1;
        while (pos < bytes.length) {
            int id = bytes[pos] & 0xff;
            int sectionAt = pos;
            pos++;
            if (id > 13) {
                return Optional.of("invalid WASM section id " + id + " at offset " + sectionAt);
            }
            long size = 0;
            int shift = 0;
            while (true) {
                if (pos >= bytes.length) {
                    return Optional.of("truncated WASM section header at offset " + sectionAt);
                }
                int b = bytes[pos++] & 0xff;
                size |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    break;
                }
                shift += 7;
                if (shift > 28) {
                    return Optional.of("invalid WASM section size at offset " + sectionAt);
                }
            }
            if (size > bytes.length - pos) {
                return Optional.of("WASM section at offset " + sectionAt + " runs past the end of the module");
            }
            if (id != 0) {
                int rank = ORDER[id];
                if (rank <= lastRank) {
                    return Optional.of("WASM section id " + id + " is out of order or repeated at offset " + sectionAt);
                }
                lastRank = rank;
            }
            pos += (int) size;
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix, int at) {
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
