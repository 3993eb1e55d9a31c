package dev.beampipe.simulators.tap;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CASDA SODA async staging ({@code {root}/casda/casda_data_access/data/async}, 40-backends §5.7, §10.4) and the
 * download server its results point at ({@code {root}/casda/download/...}).
 * <ul>
 *   <li>{@code POST async?ID=<tok>&ID=…} (tokens from DataLink, names case-insensitive) → 303 to the job, body =
 *       the uuid; an unknown token → 400.</li>
 *   <li>{@code GET {job}} → CASDA's job document (UWS 1.0 namespace, no version); {@code GET {job}/phase} (text);
 *       {@code GET {job}/results}; {@code POST {job}/phase} {@code phase=RUN} (PENDING only, else 400
 *       {@code Only Jobs which are PENDING can be run}) or {@code ABORT}; {@code DELETE {job}} or
 *       {@code POST {job}} {@code action=DELETE} → 303. Unknown job 404, expired (after {@link #expire}) 410.</li>
 *   <li>A run job is QUEUED for {@link #queuedMillis}, EXECUTING for {@link #executingMillis}, then COMPLETED, or
 *       ERROR with an {@code errorSummary} when one of its products was named in {@link #errorFor}.</li>
 *   <li>Results: per product {@code <uws:result id="visibility-…|evaluation-…|cube-…">} and a {@code .checksum}
 *       twin, {@code xlink:href} = the whole download URL percent-encoded once. Data URLs mimic pre-signed S3
 *       URLs ({@code X-Amz-*} query, a base64 signature that always carries {@code %2B}); a wrong signature
 *       (e.g. decoded twice) or an expired URL → 403.</li>
 * </ul>
 */
public final class SodaStaging {

    public static final String ASYNC_PATH = "/casda/casda_data_access/data/async";
    public static final String DOWNLOAD_PATH = "/casda/download";
    private static final String UWS = "http://www.ivoa.net/xml/UWS/v1.0";
    private static final DateTimeFormatter CASDA_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.ofHours(8));
    private static final Pattern PRODUCT = Pattern.compile("(scan|visibility|evaluation|cube)-([0-9-]+)");
    private static final Pattern EVALUATION = Pattern.compile("evaluation-(\\d+)");

    private final Clock clock;
    private final Map<String, String> productByToken = new ConcurrentHashMap<>();
    private final Map<String, String> fileNames = new ConcurrentHashMap<>();
    /** Product id → the archive's file name, as the TAP tables listed it (kept across {@link #reset()}). */
    private final Map<String, String> archiveNames = new ConcurrentHashMap<>();
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Set<String> errorProducts = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private volatile long queuedMillis;
    private volatile long executingMillis;
    private volatile Duration urlLifetime = Duration.ofSeconds(604_593);
    private volatile boolean referenceCompat;

    private static final class Job {
        final String id;
        final List<String> tokens;
        final Instant created;
        volatile String phase = "PENDING";
        volatile Instant started;
        volatile boolean aborted;
        volatile boolean expired;

        Job(String id, List<String> tokens, Instant created) {
            this.id = id;
            this.tokens = tokens;
            this.created = created;
        }
    }

    SodaStaging(Clock clock) {
        this.clock = clock;
    }

    // ------------------------------------------------------------------------------------------------ control

    /** A run job stays QUEUED this long. */
    public SodaStaging queuedMillis(long ms) {
        this.queuedMillis = ms;
        return this;
    }

    /** A run job stays EXECUTING this long after QUEUED (the real service takes minutes; tests use ms). */
    public SodaStaging executingMillis(long ms) {
        this.executingMillis = ms;
        return this;
    }

    /** Jobs holding this product id (a DataLink ID, e.g. {@code scan-1-2}) end in ERROR. */
    public SodaStaging errorFor(String productId) {
        errorProducts.add(productId);
        return this;
    }

    /**
     * The file name staged for a product; without one, the archive's name the TAP tables listed for it (as CASDA stages
     * the file itself), else evaluation ids get their archive name, else {@code <id>.ms.tar}.
     */
    public SodaStaging fileName(String productId, String fileName) {
        fileNames.put(productId, fileName);
        return this;
    }

    /** Lifetime of signed download URLs (default 604593 s as CASDA); zero or negative → already expired. */
    public SodaStaging urlLifetime(Duration lifetime) {
        this.urlLifetime = lifetime;
        return this;
    }

    /** Also emit {@code <uws:reference>} text after each result, the form the reference client reads. */
    public SodaStaging referenceCompat(boolean on) {
        this.referenceCompat = on;
        return this;
    }

    /** The job is gone as CASDA's expired jobs are: 410 from now on. */
    public void expire(String jobId) {
        Job job = jobs.get(jobId);
        if (job != null) {
            job.expired = true;
        }
    }

    /**
     * Calls per kind: {@code create}, {@code run}, {@code poll} (job document or phase), {@code results},
     * {@code delete}, {@code download}, {@code download-denied}.
     */
    public int count(String kind) {
        AtomicInteger n = counts.get(kind);
        return n == null ? 0 : n.get();
    }

    public Map<String, Integer> counts() {
        Map<String, Integer> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public int jobs() {
        return jobs.size();
    }

    public void reset() {
        jobs.clear();
        errorProducts.clear();
        fileNames.clear();
        counts.clear();
        queuedMillis = 0;
        executingMillis = 0;
        urlLifetime = Duration.ofSeconds(604_593);
        referenceCompat = false;
    }

    /** DataLink hands this token out for {@code productId}; the SODA service accepts only such tokens. */
    void remember(String token, String productId) {
        productByToken.put(token, productId);
    }

    private void tally(String kind) {
        counts.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }

    // ----------------------------------------------------------------------------------------------- SODA/UWS

    void handleAsync(HttpExchange ex, String root) throws IOException {
        String rest = ex.getRequestURI().getPath().substring(ASYNC_PATH.length()).replaceAll("^/+|/+$", "");
        String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
        String jobBase = root + ASYNC_PATH;
        if (rest.isEmpty()) {
            if (!method.equals("POST")) {
                TapService.send(ex, 405, "text/plain", "POST a job with ID=<token>\n", false);
                return;
            }
            create(ex, jobBase);
            return;
        }
        String[] parts = rest.split("/");
        Job job = jobs.get(parts[0]);
        if (job == null) {
            TapService.send(ex, 404, "text/plain", "No job with id '" + parts[0] + "'\n", false);
            return;
        }
        if (job.expired) {
            TapService.send(ex, 410, "text/plain", "Job with id '" + job.id + "' has expired\n", false);
            return;
        }
        String sub = parts.length > 1 ? parts[1] : "";
        Map<String, List<String>> form = form(ex);
        switch (sub) {
            case "" -> {
                if (method.equals("DELETE") || List.of("DELETE").equals(upper(form.get("action")))) {
                    tally("delete");
                    jobs.remove(job.id);
                    redirect(ex, jobBase);
                } else if (method.equals("GET")) {
                    tally("poll");
                    TapService.send(ex, 200, "application/xml", jobXml(job, root), false);
                } else {
                    TapService.send(ex, 400, "text/plain", "Unsupported request\n", false);
                }
            }
            case "phase" -> {
                if (method.equals("GET")) {
                    tally("poll");
                    TapService.send(ex, 200, "text/plain", phase(job), false);
                    return;
                }
                List<String> phase = upper(form.get("phase"));
                if (phase == null || phase.size() != 1) {
                    TapService.send(ex, 400, "text/plain", "Exactly one phase parameter is required\n", false);
                } else if (phase.get(0).equals("RUN")) {
                    tally("run");
                    synchronized (job) {
                        if (!phase(job).equals("PENDING")) {
                            TapService.send(ex, 400, "text/plain", "Only Jobs which are PENDING can be run\n", false);
                            return;
                        }
                        job.started = clock.instant();
                    }
                    redirect(ex, jobBase + "/" + job.id);
                } else if (phase.get(0).equals("ABORT")) {
                    String now = phase(job);
                    if (!Set.of("PENDING", "QUEUED", "EXECUTING").contains(now)) {
                        TapService.send(ex, 400, "text/plain", "Job in phase " + now + " cannot be aborted\n", false);
                        return;
                    }
                    job.aborted = true;
                    redirect(ex, jobBase + "/" + job.id);
                } else {
                    TapService.send(ex, 400, "text/plain", "Unknown phase " + phase.get(0) + "\n", false);
                }
            }
            case "results" -> {
                tally("results");
                TapService.send(ex, 200, "application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + results(job, root, true), false);
            }
            default -> TapService.send(ex, 404, "text/plain", "Unknown job resource " + sub + "\n", false);
        }
    }

    private void create(HttpExchange ex, String jobBase) throws IOException {
        tally("create");
        Map<String, List<String>> query = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        parse(query, ex.getRequestURI().getRawQuery());
        ex.getRequestBody().readAllBytes();
        List<String> tokens = query.getOrDefault("id", List.of());
        if (tokens.isEmpty()) {
            TapService.send(ex, 400, "text/plain", "At least one ID parameter is required\n", false);
            return;
        }
        for (String token : tokens) {
            if (!productByToken.containsKey(token)) {
                TapService.send(ex, 400, "text/plain", "Invalid ID " + token.length() + "-character token\n", false);
                return;
            }
        }
        Job job = new Job(UUID.randomUUID().toString(), List.copyOf(tokens), clock.instant());
        jobs.put(job.id, job);
        ex.getResponseHeaders().set("Location", jobBase + "/" + job.id);
        TapService.send(ex, 303, "text/plain", job.id, false);
    }

    /** The phase now, from the run time and the injected timeline. */
    private String phase(Job job) {
        if (job.aborted) {
            return "ABORTED";
        }
        Instant started = job.started;
        if (started == null) {
            return "PENDING";
        }
        long elapsed = Duration.between(started, clock.instant()).toMillis();
        if (elapsed < queuedMillis) {
            return "QUEUED";
        }
        if (elapsed < queuedMillis + executingMillis) {
            return "EXECUTING";
        }
        return failingProduct(job) == null ? "COMPLETED" : "ERROR";
    }

    private String failingProduct(Job job) {
        return job.tokens.stream().map(productByToken::get).filter(errorProducts::contains).findFirst().orElse(null);
    }

    private String jobXml(Job job, String root) {
        String phase = phase(job);
        Instant start = job.started == null ? job.created : job.started;
        boolean done = Set.of("COMPLETED", "ERROR", "ABORTED").contains(phase);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<uws:job xmlns:uws=\"" + UWS + "\" xmlns:xlink=\"http://www.w3.org/1999/xlink\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n");
        xml.append("<uws:jobId><![CDATA[").append(job.id).append("]]></uws:jobId>\n")
                .append("<uws:runId xsi:nil=\"true\"/>\n<uws:ownerId xsi:nil=\"true\"/>\n")
                .append("<uws:phase>").append(phase).append("</uws:phase>\n<uws:quote xsi:nil=\"true\"/>\n")
                .append("<uws:startTime>").append(CASDA_TIME.format(start)).append("</uws:startTime>\n");
        if (done) {
            Instant end = job.aborted || job.started == null ? clock.instant()
                    : job.started.plusMillis(queuedMillis + executingMillis);
            xml.append("<uws:endTime>").append(CASDA_TIME.format(end)).append("</uws:endTime>\n");
        } else {
            xml.append("<uws:endTime xsi:nil=\"true\"/>\n");
        }
        xml.append("<uws:executionDuration>0</uws:executionDuration>\n<uws:destruction>")
                .append(CASDA_TIME.format(start.plus(Duration.ofDays(7)))).append("</uws:destruction>\n")
                .append("<uws:parameters>\n<uws:parameter id=\"id\">{").append(String.join(",", job.tokens))
                .append("}</uws:parameter>\n</uws:parameters>\n")
                .append(results(job, root, false));
        String failing = phase.equals("ERROR") ? failingProduct(job) : null;
        if (failing != null) {
            xml.append("<uws:errorSummary type=\"FATAL\" hasDetail=\"false\"><uws:message>Data product ")
                    .append(failing).append(" could not be retrieved from the archive</uws:message></uws:errorSummary>\n");
        } else {
            xml.append("<uws:errorSummary xsi:nil=\"true\"/>\n");
        }
        return xml.append("</uws:job>\n").toString();
    }

    private String results(Job job, String root, boolean standalone) {
        StringBuilder xml = new StringBuilder(standalone
                ? "<uws:results xmlns:uws=\"" + UWS + "\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n"
                : "<uws:results>\n");
        if (phase(job).equals("COMPLETED")) {
            for (String token : job.tokens) {
                String product = productByToken.get(token);
                String resultId = resultId(product);
                String file = fileName(product);
                String data = signedUrl(root, job.id, file, job.started.plusMillis(queuedMillis + executingMillis));
                String checksum = root + DOWNLOAD_PATH + "/web/" + job.id + "/" + file + ".checksum";
                result(xml, resultId, data);
                result(xml, resultId + ".checksum", checksum);
            }
        }
        return xml.append("</uws:results>\n").toString();
    }

    private void result(StringBuilder xml, String id, String url) {
        xml.append("<uws:result id=\"").append(VoTableWriter.escape(id)).append("\" xlink:type=\"simple\" xlink:href=\"")
                .append(VoTableWriter.escape(URLEncoder.encode(url, StandardCharsets.UTF_8))).append("\"/>\n");
        if (referenceCompat) {
            xml.append("<uws:reference>").append(VoTableWriter.escape(url)).append("</uws:reference>\n");
        }
    }

    /** {@code scan-a-b} → {@code visibility-a-b}; {@code evaluation-n}, {@code visibility-n}, {@code cube-n} kept. */
    static String resultId(String product) {
        Matcher m = PRODUCT.matcher(product);
        if (m.matches() && m.group(1).equals("scan")) {
            return "visibility-" + m.group(2);
        }
        return product;
    }

    /** The archive's file name of a product, learnt from a TAP reply listing it (its {@code filename} column). */
    void archiveName(String productId, String fileName) {
        archiveNames.put(productId, fileName);
    }

    private String fileName(String product) {
        String registered = fileNames.get(product);
        if (registered != null) {
            return registered;
        }
        String listed = archiveNames.get(product);
        if (listed != null) {
            return listed;
        }
        Matcher eval = EVALUATION.matcher(product);
        if (eval.matches()) {
            long n = Long.parseLong(eval.group(1));
            long sbid = n / 10;
            if (n % 10 == 1) {
                return String.format(Locale.ROOT, "calibration-metadata-processing-logs-SB%d_2023%02d%02d.tar", sbid,
                        1 + sbid % 12, 1 + sbid % 28);
            }
            return "SB" + sbid + (n % 10 == 2 ? "-validation-report.pdf" : "-validation-metrics.xml");
        }
        return product + ".ms.tar";
    }

    // --------------------------------------------------------------------------------------------- downloads

    /** Signed at the job's completion time, so every read of one job's results gives the same URLs. */
    private String signedUrl(String root, String jobId, String file, Instant signedAt) {
        String path = DOWNLOAD_PATH + "/" + jobId + "/" + file;
        long expires = Math.max(0, urlLifetime.getSeconds());
        String date = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(signedAt);
        String query = "response-content-disposition=" + enc("attachment; filename=\"" + file + "\"")
                + "&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=" + date + "&X-Amz-SignedHeaders=host"
                + "&X-Amz-Expires=" + (urlLifetime.isNegative() || urlLifetime.isZero() ? 0 : expires)
                + "&X-Amz-Credential=" + enc("SIMKEY/" + date.substring(0, 8) + "/us-east-1/s3/aws4_request");
        return root + path + "?" + query + "&X-Amz-Signature=" + enc(signature(path, date, expires));
    }

    /** Base64 of a SHA-256 over the path and validity; forced to contain '+' so a double decode breaks it. */
    private static String signature(String path, String date, long expires) {
        String base = Base64.getEncoder().encodeToString(sha256("sig|" + path + "|" + date + "|" + expires));
        return base.substring(0, 20) + "+" + base.substring(20);
    }

    void handleDownload(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        String[] parts = path.substring(DOWNLOAD_PATH.length()).replaceAll("^/+", "").split("/");
        if (parts.length == 3 && parts[0].equals("web") && parts[2].endsWith(".checksum")) {
            tally("download");
            String file = parts[2].substring(0, parts[2].length() - ".checksum".length());
            TapService.send(ex, 200, "text/plain", HexFormat.of().formatHex(sha256(content(file))) + "  " + file + "\n", false);
            return;
        }
        Map<String, List<String>> q = new TreeMap<>();
        parse(q, ex.getRequestURI().getRawQuery());
        String date = first(q, "X-Amz-Date");
        String expiresText = first(q, "X-Amz-Expires");
        String signature = first(q, "X-Amz-Signature");
        if (parts.length != 2 || date == null || expiresText == null || signature == null) {
            tally("download-denied");
            TapService.send(ex, 403, "application/xml", s3Error("AccessDenied", "Query-string authentication requires"
                    + " the X-Amz-Date, X-Amz-Expires and X-Amz-Signature parameters"), false);
            return;
        }
        long expires = Long.parseLong(expiresText);
        String canonicalPath = DOWNLOAD_PATH + "/" + parts[0] + "/" + parts[1];
        if (!signature.equals(signature(canonicalPath, date, expires))) {
            tally("download-denied");
            TapService.send(ex, 403, "application/xml", s3Error("SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you provided."), false);
            return;
        }
        Instant signed = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                .parse(date, Instant::from);
        if (!clock.instant().isBefore(signed.plusSeconds(expires))) {
            tally("download-denied");
            TapService.send(ex, 403, "application/xml", s3Error("AccessDenied", "Request has expired"), false);
            return;
        }
        tally("download");
        byte[] body = content(parts[1]);
        ex.getResponseHeaders().set("Content-Type", "application/x-tar");
        ex.sendResponseHeaders(200, body.length);
        try (var out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** Deterministic bytes of a staged file: 4 KiB derived from its name. */
    public static byte[] content(String file) {
        byte[] out = new byte[4096];
        byte[] block = sha256("file|" + file);
        for (int i = 0; i < out.length; i++) {
            out[i] = block[i % block.length];
        }
        return out;
    }

    private static String s3Error(String code, String message) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
                + "</Message></Error>\n";
    }

    // ----------------------------------------------------------------------------------------------- helpers

    private static Map<String, List<String>> form(HttpExchange ex) throws IOException {
        Map<String, List<String>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        parse(out, ex.getRequestURI().getRawQuery());
        if ("POST".equalsIgnoreCase(ex.getRequestMethod())) {
            parse(out, new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void parse(Map<String, List<String>> out, String raw) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
    }

    private static String first(Map<String, List<String>> q, String name) {
        List<String> values = q.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static List<String> upper(List<String> values) {
        return values == null ? null : values.stream().map(v -> v.trim().toUpperCase(Locale.ROOT)).toList();
    }

    private static void redirect(HttpExchange ex, String location) throws IOException {
        ex.getResponseHeaders().set("Location", location);
        ex.sendResponseHeaders(303, -1);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
