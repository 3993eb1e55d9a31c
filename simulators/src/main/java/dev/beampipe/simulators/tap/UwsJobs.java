package dev.beampipe.simulators.tap;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * TAP async as a UWS 1.1 job list at {@code {base}/async} (40-backends §5.3, §5.8): POST creates a job (303 to it;
 * {@code PHASE=RUN} starts it at once), {@code {job}/phase} GET/POST (RUN, ABORT), {@code {job}/results/result},
 * {@code {job}/error}, {@code DELETE {job}} or {@code ACTION=DELETE}. A started job is EXECUTING for the service's
 * injected delay, then COMPLETED (or ERROR when its query answers QUERY_STATUS=ERROR or HTTP 400).
 */
final class UwsJobs {

    private static final String NS = "http://www.ivoa.net/xml/UWS/v1.0";

    private final TapService service;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final ScheduledExecutorService runner = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "uws-runner");
        t.setDaemon(true);
        return t;
    });

    private static final class Job {
        final String id;
        final Map<String, String> params;
        volatile String phase = "PENDING";
        volatile TapService.Reply reply;

        Job(String id, Map<String, String> params) {
            this.id = id;
            this.params = params;
        }
    }

    UwsJobs(TapService service) {
        this.service = service;
    }

    int size() {
        return jobs.size();
    }

    void close() {
        runner.shutdownNow();
    }

    void handle(HttpExchange ex, String base) throws IOException {
        int failure = service.faults().drawFailure();
        if (failure != 0) {
            TapService.send(ex, failure, "text/plain", "simulated " + failure + "\n", false);
            return;
        }
        String path = ex.getRequestURI().getPath().substring(base.length());
        String host = ex.getRequestHeaders().getFirst("Host");
        String url = "http://" + (host == null ? "127.0.0.1" : host) + base;
        String[] parts = path.replaceAll("^/+|/+$", "").isEmpty() ? new String[0] : path.replaceAll("^/+|/+$", "").split("/");
        String method = ex.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
        Map<String, String> params = TapService.params(ex);
        if (parts.length == 0) {
            if (method.equals("POST")) {
                Job job = new Job("job" + ids.incrementAndGet(), params);
                jobs.put(job.id, job);
                if ("RUN".equalsIgnoreCase(params.get("phase"))) {
                    run(job);
                }
                redirect(ex, url + "/" + job.id);
            } else {
                StringBuilder list = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<uws:jobs xmlns:uws=\"" + NS
                        + "\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\">\n");
                jobs.values().forEach(j -> list.append("<uws:jobref id=\"").append(j.id).append("\" xlink:href=\"")
                        .append(url).append('/').append(j.id).append("\"><uws:phase>").append(j.phase)
                        .append("</uws:phase></uws:jobref>\n"));
                TapService.send(ex, 200, "text/xml", list.append("</uws:jobs>\n").toString(), false);
            }
            return;
        }
        Job job = jobs.get(parts[0]);
        if (job == null) {
            TapService.send(ex, 404, "text/plain", "no such job " + parts[0] + "\n", false);
            return;
        }
        String sub = String.join("/", java.util.Arrays.copyOfRange(parts, 1, parts.length));
        switch (sub) {
            case "" -> {
                if (method.equals("DELETE") || "DELETE".equalsIgnoreCase(params.get("action"))) {
                    jobs.remove(job.id);
                    redirect(ex, url);
                } else if (method.equals("POST")) {
                    phase(job, params.get("phase"));
                    redirect(ex, url + "/" + job.id);
                } else {
                    TapService.send(ex, 200, "text/xml", jobXml(job, url), false);
                }
            }
            case "phase" -> {
                if (method.equals("POST")) {
                    phase(job, params.get("phase"));
                    redirect(ex, url + "/" + job.id);
                } else {
                    TapService.send(ex, 200, "text/plain", job.phase, false);
                }
            }
            case "results/result" -> {
                if (job.phase.equals("COMPLETED")) {
                    service.sendVo(ex, 200, job.reply.body());
                } else {
                    TapService.send(ex, 404, "text/plain", "job " + job.id + " is " + job.phase + "\n", false);
                }
            }
            case "error" -> {
                if (job.phase.equals("ERROR")) {
                    service.sendVo(ex, 200, job.reply.body());
                } else {
                    TapService.send(ex, 404, "text/plain", "job " + job.id + " has no error\n", false);
                }
            }
            default -> TapService.send(ex, 404, "text/plain", "unknown job resource " + sub + "\n", false);
        }
    }

    private void phase(Job job, String phase) {
        if ("RUN".equalsIgnoreCase(phase) && job.phase.equals("PENDING")) {
            run(job);
        } else if ("ABORT".equalsIgnoreCase(phase) && !job.phase.equals("COMPLETED") && !job.phase.equals("ERROR")) {
            job.phase = "ABORTED";
        }
    }

    private void run(Job job) {
        job.phase = "EXECUTING";
        runner.schedule(() -> {
            if (!job.phase.equals("EXECUTING")) {
                return;
            }
            TapService.Reply reply = service.answer(job.params);
            job.reply = reply;
            job.phase = reply.ok() ? "COMPLETED" : "ERROR";
        }, service.faults().delayMillis(), TimeUnit.MILLISECONDS);
    }

    private static String jobXml(Job job, String base) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<uws:job xmlns:uws=\"" + NS
                + "\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\">\n");
        xml.append("<uws:jobId>").append(job.id).append("</uws:jobId>\n<uws:phase>").append(job.phase).append("</uws:phase>\n");
        xml.append("<uws:parameters>\n");
        job.params.forEach((k, v) -> xml.append("<uws:parameter id=\"").append(VoTableWriter.escape(k)).append("\">")
                .append(VoTableWriter.escape(v)).append("</uws:parameter>\n"));
        xml.append("</uws:parameters>\n<uws:results>\n");
        if (job.phase.equals("COMPLETED")) {
            xml.append("<uws:result id=\"result\" xlink:href=\"").append(base).append('/').append(job.id)
                    .append("/results/result\"/>\n");
        }
        xml.append("</uws:results>\n");
        if (job.phase.equals("ERROR")) {
            xml.append("<uws:errorSummary type=\"fatal\" hasDetail=\"true\"><uws:message>query failed</uws:message></uws:errorSummary>\n");
        }
        return xml.append("</uws:job>\n").toString();
    }

    private static void redirect(HttpExchange ex, String location) throws IOException {
        ex.getResponseHeaders().set("Location", location);
        ex.sendResponseHeaders(303, -1);
    }
}
