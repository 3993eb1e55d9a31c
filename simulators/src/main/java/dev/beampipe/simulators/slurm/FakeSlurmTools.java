package dev.beampipe.simulators.slurm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The fake Slurm commands and the fake DALiuGE package, copied out of the classpath into a directory so a real
 * bash can run them: {@code fake-bin/} (sbatch, squeue, sacct, scancel, scontrol, sinfo, srun, singularity),
 * {@code dlg-bin/wallaby_hires}, and the Python path root holding {@code dlg/} and {@code wallaby_hires.py}.
 */
public final class FakeSlurmTools {

    static final String RESOURCE_ROOT = "/dev/beampipe/simulators/slurm/";

    private static final List<String> EXECUTABLES = List.of(
            "fake-bin/sbatch", "fake-bin/squeue", "fake-bin/sacct", "fake-bin/scancel", "fake-bin/scontrol",
            "fake-bin/sinfo", "fake-bin/srun", "fake-bin/singularity", "dlg-bin/wallaby_hires");
    private static final List<String> FILES = List.of(
            "fake-bin/fakeslurm.py", "dlg/__init__.py", "dlg/deploy/__init__.py", "dlg/deploy/create_dlg_job.py",
            "dlg/deploy/start_dlg_cluster.py", "wallaby_hires.py");

    private final Path root;

    private FakeSlurmTools(Path root) {
        this.root = root;
    }

    /** Copies every tool into {@code root} (overwriting), executables with mode 755. */
    public static FakeSlurmTools install(Path root) {
        try {
            for (String name : FILES) {
                copy(root, name, false);
            }
            for (String name : EXECUTABLES) {
                copy(root, name, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the fake Slurm tools into " + root, e);
        }
        return new FakeSlurmTools(root);
    }

    private static void copy(Path root, String name, boolean executable) throws IOException {
        Path target = root.resolve(name);
        Files.createDirectories(target.getParent());
        try (InputStream in = FakeSlurmTools.class.getResourceAsStream(RESOURCE_ROOT + name)) {
            if (in == null) {
                throw new IOException("resource missing from the classpath: " + RESOURCE_ROOT + name);
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
    }

    public Path root() {
        return root;
    }

    /** Directory of the fake Slurm commands (first on the login node's PATH). */
    public Path slurmBin() {
        return root.resolve("fake-bin");
    }

    /** Directory holding the {@code wallaby_hires} executable. */
    public Path dlgBin() {
        return root.resolve("dlg-bin");
    }

    /** What {@code PYTHONPATH} must hold for {@code python3 -m dlg.deploy.create_dlg_job} and {@code import wallaby_hires}. */
    public Path pythonPath() {
        return root;
    }

    public Path adminScript() {
        return slurmBin().resolve("fakeslurm.py");
    }
}
