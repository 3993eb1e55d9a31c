package dev.beampipe.worker.staging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.secrets.Redaction;
import dev.beampipe.worker.discovery.tap.CasdaCredentials;
import dev.beampipe.worker.discovery.tap.DatalinkLink;
import dev.beampipe.worker.discovery.tap.DatalinkParser;
import dev.beampipe.worker.discovery.tap.DatalinkResult;
import dev.beampipe.worker.discovery.tap.TapClient;
import dev.beampipe.worker.discovery.tap.TapException;
import dev.beampipe.worker.discovery.tap.TapSettings;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stages CASDA visibilities and calibration evaluation archives (40-backends §5.11 with decision 7 and the
 * authentication decision):
 * <ol>
 *   <li>empty input → empty outcome; every record's evaluation inputs and every batch's access URLs are validated
 *       before any network call;</li>
 *   <li>login probe ({@code GET CASDA_LOGIN_URL} with Basic auth; non-2xx → {@code CASDA login failed: HTTP <s> (<url>)});</li>
 *   <li>per SBID (or one combined batch): each record's DataLink URL is fetched with Basic auth through
 *       {@link TapClient#fetch} and parsed with {@link DatalinkParser}; a {@code do not have permission} row is a
 *       {@link StagingFailureKind#PERMISSION_DENIED} failure; then one SODA job for the batch's tokens;</li>
 *   <li>one SODA job for the evaluation archives of all SBIDs;</li>
 *   <li>results are read from {@code xlink:href} (decoded once) and mapped to datasets by the file name of the URL
 *       path (no query string), falling back to {@code visibility-<scan>}.</li>
 * </ol>
 * Credentials, DataLink tokens and signed URLs never appear in messages or logs.
 */
public final class CasdaStaging {

    private static final Logger LOG = Logger.getLogger(CasdaStaging.class);
    private static final String ASYNC_SERVICE = "async_service";

    private final CasdaCredentials credentials;
    private final CasdaStagingSettings settings;
    private final HttpClient http;
    private final TapClient datalink;
    private final SodaJobClient soda;

    public CasdaStaging(CasdaCredentials credentials, CasdaStagingSettings settings) {
        this(credentials, settings, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
    }

    CasdaStaging(CasdaCredentials credentials, CasdaStagingSettings settings, Clock clock, SodaJobClient.Sleeper sleeper) {
        this.credentials = credentials;
        this.settings = settings;
        // cookies CASDA sets are honoured within this stager's life but never required (Basic auth on every call)
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).cookieHandler(new CookieManager())
                .connectTimeout(settings.requestTimeout()).build();
        this.datalink = new TapClient(new TapSettings(settings.requestTimeout(), 1), Optional.of(credentials));
        this.soda = new SodaJobClient(http, credentials, settings, clock, sleeper);
    }

    public CasdaStagingOutcome stage(List<ObjectNode> records) throws CasdaStagingException, InterruptedException {
        if (records.isEmpty()) {
            return CasdaStagingOutcome.empty();
        }
        Map<String, EvaluationArchive> evaluations = StagingInputs.evaluationArchives(records);
        Map<String, List<ObjectNode>> batches = StagingInputs.batches(records, settings.stageBySbid());
        for (List<ObjectNode> batch : batches.values()) {
            if (StagingInputs.accessUrls(batch).isEmpty()) {
                throw new CasdaStagingException(StagingFailureKind.INVALID_INPUT,
                        "no access_url in metadata for CASDA visibility staging");
            }
        }
        login();

        Map<ObjectNode, ObjectNode> staged = new IdentityHashMap<>();
        Map<String, String> stagedUrls = new LinkedHashMap<>();
        Map<String, String> checksumUrls = new LinkedHashMap<>();
        int jobs = 0;
        for (Map.Entry<String, List<ObjectNode>> batch : batches.entrySet()) {
            List<UwsDocuments.Result> results = stageProducts(StagingInputs.accessUrls(batch.getValue()), batch.getKey());
            jobs++;
            for (ObjectNode record : batch.getValue()) {
                ObjectNode copy = record.deepCopy();
                mapVisibility(copy, results);
                staged.put(record, copy);
                stagedUrls.put(StagingInputs.datasetName(copy), copy.get("staged_url").asText());
                checksumUrls.put(StagingInputs.datasetName(copy), copy.get("checksum_url").asText());
            }
            LOG.infof("CASDA staged %d dataset(s) of batch %s", batch.getValue().size(), batch.getKey());
        }

        List<String> evaluationUrls = evaluations.values().stream().map(EvaluationArchive::accessUrl).distinct().toList();
        List<UwsDocuments.Result> evaluationResults = stageProducts(evaluationUrls, "evaluation");
        jobs++;
        Map<String, String> evalUrls = new LinkedHashMap<>();
        Map<String, String> evalChecksums = new LinkedHashMap<>();
        mapEvaluations(evaluations, evaluationResults, evalUrls, evalChecksums);

        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode record : records) {
            ObjectNode copy = staged.get(record);
            String sbid = StagingInputs.text(copy, "sbid");
            copy.put("evaluation_file_url", evalUrls.get(sbid));
            copy.put("evaluation_file_checksum_url", evalChecksums.get(sbid));
            out.add(copy);
        }
        return new CasdaStagingOutcome(out, stagedUrls, checksumUrls, evalUrls, evalChecksums, jobs);
    }

    /** {@code GET <login_url>} with Basic auth; also the preflight credential check. */
    public void login() throws CasdaStagingException, InterruptedException {
        URI url = settings.loginUrl();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(settings.requestTimeout())
                .header("Authorization", credentials.basicAuthorization()).GET().build();
        int status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new CasdaStagingException(StagingFailureKind.LOGIN_FAILED, "CASDA login failed: "
                    + Redaction.string(String.valueOf(e.getMessage())) + " (" + url + ")", e);
        }
        if (status < 200 || status > 299) {
            throw new CasdaStagingException(StagingFailureKind.LOGIN_FAILED,
                    "CASDA login failed: HTTP " + status + " (" + url + ")");
        }
    }

    /** DataLink per access URL, then one SODA job for all their tokens. */
    private List<UwsDocuments.Result> stageProducts(List<String> accessUrls, String batch)
            throws CasdaStagingException, InterruptedException {
        Set<String> asyncUrls = new LinkedHashSet<>();
        List<String> tokens = new ArrayList<>();
        for (String accessUrl : accessUrls) {
            DatalinkResult result = resolve(accessUrl);
            for (DatalinkLink error : result.errors()) {
                if (isPermissionDenied(error.errorMessage())) {
                    throw new CasdaStagingException(StagingFailureKind.PERMISSION_DENIED, "CASDA denied access to "
                            + error.id() + " (batch " + batch + "): " + Redaction.string(error.errorMessage()));
                }
            }
            Optional<DatalinkResult.ServiceAccess> service = result.service(ASYNC_SERVICE);
            if (service.isEmpty()) {
                String why = result.errors().stream().map(e -> e.id() + ": " + e.errorMessage()).findFirst()
                        .orElse("no async_service access URL and token");
                throw new CasdaStagingException(StagingFailureKind.DATALINK_FAILED,
                        "CASDA datalink gave no async service (batch " + batch + "): " + Redaction.string(why));
            }
            asyncUrls.add(service.get().accessUrl());
            tokens.add(service.get().token());
        }
        if (asyncUrls.size() != 1) {
            throw new CasdaStagingException(StagingFailureKind.DATALINK_FAILED,
                    "CASDA datalink returned mismatched async service URLs");
        }
        return soda.stage(URI.create(asyncUrls.iterator().next()), tokens);
    }

    private DatalinkResult resolve(String accessUrl) throws CasdaStagingException, InterruptedException {
        try {
            return DatalinkParser.parse(datalink.fetch(URI.create(accessUrl)));
        } catch (TapException e) {
            throw new CasdaStagingException(StagingFailureKind.DATALINK_FAILED,
                    "CASDA datalink request failed: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new CasdaStagingException(StagingFailureKind.DATALINK_FAILED,
                    "CASDA datalink URL is not a URL: " + Redaction.string(accessUrl));
        }
    }

    /** Real CASDA says {@code do not have permission}; the reference looked for {@code do not have access}. */
    static boolean isPermissionDenied(String text) {
        String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
        return lower.contains("do not have permission") || lower.contains("do not have access");
    }

    private static void mapVisibility(ObjectNode record, List<UwsDocuments.Result> results) throws CasdaStagingException {
        String name = StagingInputs.datasetName(record);
        String scan = StagingInputs.scanId(record);
        String key = name.isEmpty() ? scan : name;
        UwsDocuments.Result data = results.stream()
                .filter(r -> !r.id().endsWith(".checksum") && !name.isEmpty() && name.equals(fileName(r.url())))
                .findFirst()
                .or(() -> results.stream().filter(r -> !scan.isEmpty() && r.id().equals("visibility-" + scan)).findFirst())
                .orElse(null);
        String dataUrl = data == null ? "" : data.url();
        String checksumUrl = data == null ? "" : results.stream().filter(r -> r.id().equals(data.id() + ".checksum"))
                .map(UwsDocuments.Result::url).findFirst().orElse("");
        requireHttp(dataUrl, "staged", key);
        requireHttp(checksumUrl, "checksum", key);
        if (!name.isEmpty() && !checksumUrl.contains(name)) {
            throw new CasdaStagingException(StagingFailureKind.INCOMPLETE_RESULTS,
                    "CASDA staging checksum URL for " + key + " does not name the dataset");
        }
        record.put("staged_url", dataUrl);
        record.put("checksum_url", checksumUrl);
    }

    private static void mapEvaluations(Map<String, EvaluationArchive> expected, List<UwsDocuments.Result> results,
                                       Map<String, String> urls, Map<String, String> checksums)
            throws CasdaStagingException {
        Map<String, String> dataByFile = new LinkedHashMap<>();
        Map<String, String> checksumByFile = new LinkedHashMap<>();
        for (UwsDocuments.Result r : results) {
            String file = fileName(r.url());
            if (r.id().contains(".checksum")) {
                checksumByFile.putIfAbsent(file.endsWith(".checksum") ? file.substring(0, file.length() - 9) : file, r.url());
            } else {
                dataByFile.putIfAbsent(file, r.url());
            }
        }
        for (EvaluationArchive archive : expected.values()) {
            String data = dataByFile.get(archive.file());
            if (data == null) {
                throw new CasdaStagingException(StagingFailureKind.INCOMPLETE_RESULTS, "CASDA evaluation staging result is missing "
                        + archive.file() + " for SBID " + archive.sbid());
            }
            String checksum = checksumByFile.get(archive.file());
            if (checksum == null) {
                throw new CasdaStagingException(StagingFailureKind.INCOMPLETE_RESULTS, "CASDA evaluation staging result is"
                        + " missing the checksum for " + archive.file() + " (SBID " + archive.sbid() + ")");
            }
            requireHttp(data, "evaluation", archive.sbid());
            requireHttp(checksum, "evaluation checksum", archive.sbid());
            urls.put(archive.sbid(), data);
            checksums.put(archive.sbid(), checksum);
        }
    }

    /** The last path segment of a URL without its query string or fragment, percent-decoded. */
    static String fileName(String url) {
        String path = url.split("[?#]", 2)[0];
        return UwsDocuments.percentDecodeOnce(path.substring(path.lastIndexOf('/') + 1));
    }

    private static void requireHttp(String url, String label, String key) throws CasdaStagingException {
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new CasdaStagingException(StagingFailureKind.INCOMPLETE_RESULTS,
                    "CASDA staging result is missing HTTP(S) " + label + " URL for " + key);
        }
    }
}
