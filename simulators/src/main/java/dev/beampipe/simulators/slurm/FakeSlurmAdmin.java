package dev.beampipe.simulators.slurm;

import dev.beampipe.simulators.http.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The Java way into the fake Slurm state: one {@code fakeslurm.py admin} run per operation, so the state file is
 * only ever read and written by the same Python code (and lock) the commands use.
 */
final class FakeSlurmAdmin {

    private final FakeSlurmTools tools;
    private final Path stateDir;

    FakeSlurmAdmin(FakeSlurmTools tools, Path stateDir) {
        this.tools = tools;
        this.stateDir = stateDir;
    }

    Path stateDir() {
        return stateDir;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> run(Map<String, Object> operation) {
        ProcessBuilder pb = new ProcessBuilder("python3", tools.adminScript().toString(), "admin");
        pb.environment().put("FAKE_SLURM_STATE", stateDir.toString());
        try {
            Process p = pb.start();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            try (OutputStream in = p.getOutputStream()) {
                in.write(Json.write(operation).getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(readAll(p.getInputStream()), StandardCharsets.UTF_8);
            int exit = p.waitFor();
            if (exit != 0) {
                throw new IllegalStateException("fakeslurm admin " + operation.get("op") + " failed (exit " + exit + "): "
                        + new String(err.join(), StandardCharsets.UTF_8).strip());
            }
            return (Map<String, Object>) Json.parse(out.strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run python3 for the fake Slurm state", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while changing the fake Slurm state", e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
