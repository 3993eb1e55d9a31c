package dev.beampipe.model.slurm.protocol;

import java.util.ArrayList;
import java.util.List;

/** Job script → session dir → staging root (40-backends §4.5 step 8). */
public final class SessionPaths {
    public static final String MARKER = "Created job submission script";
    private static final int STDOUT_EXCERPT = 2048;

    private SessionPaths() {
    }

    public record Derived(String jobScript, String sessionDir, String stagingRoot) {
    }

    public static Derived derive(String createDlgJobStdout, String dlgRoot) throws InvalidPathException {
        String script = null;
        for (String line : createDlgJobStdout.lines().toList()) {
            int at = line.indexOf(MARKER);
            if (at >= 0) {
                script = line.substring(at + MARKER.length()).trim();
                break;
            }
        }
        if (script == null || script.isEmpty()) {
            throw new InvalidPathException("create_dlg_job did not print job submission script path; stdout="
                    + excerpt(createDlgJobStdout));
        }
        List<String> root = components(dlgRoot, "DLG_ROOT");
        if (root.isEmpty()) {
            throw new InvalidPathException("DLG_ROOT must not be /");
        }
        List<String> job = components(script, "job submission script");
        if (job.size() < root.size() + 2 || !job.subList(0, root.size()).equals(root)) {
            throw new InvalidPathException("job submission script " + script + " is not inside a session directory below "
                    + render(root));
        }
        String sessionDir = render(job.subList(0, job.size() - 1));
        return new Derived(render(job), sessionDir, sessionDir + "/wallaby-staging");
    }

    /** {@code dlg_root} without trailing {@code /} (R in §4.5). */
    public static String root(String dlgRoot) {
        String r = dlgRoot;
        while (r.length() > 1 && r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
    }

    private static List<String> components(String path, String what) throws InvalidPathException {
        if (!path.startsWith("/")) {
            throw new InvalidPathException(what + " must be an absolute path: " + shown(path));
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (Character.isISOControl(c)) {
                throw new InvalidPathException(what + " must not contain control characters: " + shown(path));
            }
            if (c == ',' || c == ':') {
                throw new InvalidPathException(what + " must not contain '" + c + "': " + shown(path));
            }
        }
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.equals(".") || part.equals("..")) {
                throw new InvalidPathException(what + " must not contain . or .. components: " + shown(path));
            }
            parts.add(part);
        }
        return parts;
    }

    private static String render(List<String> parts) {
        return "/" + String.join("/", parts);
    }

    private static String shown(String path) {
        return path.replaceAll("\\p{Cntrl}", "?");
    }

    private static String excerpt(String s) {
        return s.length() <= STDOUT_EXCERPT ? s : s.substring(0, STDOUT_EXCERPT) + "…";
    }
}
