package dev.beampipe.worker.execute;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.beampipe.model.daliuge.IslandManagerClient;
import dev.beampipe.model.daliuge.TranslatorClient;
import dev.beampipe.model.profile.Deployment;
import dev.beampipe.model.profile.RestRemoteDeployment;
import dev.beampipe.model.profile.Translation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Real backends disabled (decision 14, 40-backends §7.1): nothing leaves the process. Each call the REST path would
 * have made is stored as a {@code dry_run_request} artifact with its exact method, URL, content type and body:
 * TM {@code unroll_and_partition} and {@code map}, DIM create, append and deploy.
 *
 * <p>Without a Translator there is no real physical graph template, so, like the reference's mock translator, the
 * stand-in template is {@code [<patched logical graph>]}: it is the {@code pgt_content} of the recorded
 * {@code map} request and the physical graph of the receipt, with no roots. The append and deploy requests are
 * what the real client would send for that stand-in.
 */
public final class DryRunBackend implements ExecutionBackend {
    private final DryRunRecorder recorder;
    private final Clock clock;

    public DryRunBackend(DryRunRecorder recorder, Clock clock) {
        this.recorder = recorder;
        this.clock = clock;
    }

    @Override
    public String schedulerName() {
        return "daliuge";
    }

    @Override
    public String managerUrl(Deployment deployment) {
        return ((RestRemoteDeployment) deployment).dimRestBase();
    }

    @Override
    public String targetFingerprint(Deployment deployment) {
        return null;
    }

    @Override
    public DimSubmitted submit(SubmitRequest request) throws SubmitFailure {
        Translation translation = request.translation();
        RestRemoteDeployment deployment = request.rest();
        String tm = TranslatorClient.baseUrl(translation.tmUrl());
        recorder.record("tm_unroll_and_partition", form(tm + "/unroll_and_partition",
                TranslatorClient.unrollForm(request.patchedGraph(), translation)));

        String dimHost = deployment.tmDimHost();
        long dimPort = deployment.tmDimPort();
        if (dimHost.isBlank() || dimPort < 1 || dimPort > 65535) {
            throw SubmitFailure.definite("updated DALiuGE mapping requires a valid DIM host and port", null);
        }
        ArrayNode standIn = JsonNodeFactory.instance.arrayNode().add(request.patchedGraph().deepCopy());
        recorder.record("tm_map", form(tm + "/map",
                TranslatorClient.mapForm(standIn, dimHost, dimPort, translation.islandsForTm()))
                .put("pgt_content_source", "dry-run stand-in [<patched logical graph>]: no Translator was called"));

        IslandManagerClient dim = new IslandManagerClient(deployment.dimRestBase(), deployment.verifySsl());
        String sid = request.sessionId();
        recorder.record("dim_create_session", post(dim.sessionsUrl().toString(), "application/json",
                IslandManagerClient.createSessionBody(sid)));
        recorder.record("dim_append_graph", post(dim.appendUrl(sid).toString(), "application/json",
                IslandManagerClient.appendBody(standIn)));
        List<String> roots = List.of();
        recorder.record("dim_deploy_session", post(dim.deployUrl(sid).toString(), "application/x-www-form-urlencoded",
                IslandManagerClient.deployBody(roots)));
        return new DimSubmitted(sid, standIn, roots, dim.base(), deployment.verifySsl(), clock.instant(),
                dim.sessionStatusUrl(sid).toString(), dim.graphStatusUrl(sid).toString());
    }

    private static JsonObject form(String url, Map<String, String> fields) {
        JsonArray ordered = new JsonArray();
        fields.forEach((name, value) -> ordered.add(new JsonObject().put("name", name).put("value", value)));
        return post(url, "application/x-www-form-urlencoded", TranslatorClient.formBody(fields)).put("form", ordered);
    }

    private static JsonObject post(String url, String contentType, String body) {
        return new JsonObject().put("schema", DryRunRecorder.SCHEMA).put("method", "POST").put("url", url)
                .put("content_type", contentType).put("body", body).put("sent", false);
    }
}
