package dev.beampipe.model.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.secrets.Redaction;
import dev.beampipe.model.secrets.SecretRefs;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Sends one alert through one channel and reports the outcome; it never throws for a delivery problem. Webhooks
 * are real HTTP POSTs with bounded timeouts. Email is not deliverable in this build (no SMTP client): the attempt
 * is reported as failed with that reason. Error texts never carry the URL, header values or other secrets.
 */
public final class ChannelDelivery {
    public static final String EMAIL_UNAVAILABLE = "email delivery is not available in this build (no SMTP client); "
            + "the attempt was recorded but nothing was sent";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final boolean inlineAllowed;
    private final Function<String, String> env;

    public ChannelDelivery(boolean inlineAllowed, Function<String, String> env) {
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        this.inlineAllowed = inlineAllowed;
        this.env = env;
    }

    public DeliveryResult deliver(NotificationChannel channel, ObjectNode alert) {
        if ("email".equals(channel.kind())) {
            return DeliveryResult.failed(EMAIL_UNAVAILABLE);
        }
        List<String> secrets = new ArrayList<>();
        try {
            return webhook(channel.config(), alert, secrets);
        } catch (SecretRefs.SecretRefException e) {
            return DeliveryResult.failed("secret reference: " + e.getMessage());
        } catch (RuntimeException e) {
            return DeliveryResult.failed(scrub("webhook delivery failed: " + e.getClass().getSimpleName(), secrets));
        }
    }

    private DeliveryResult webhook(JsonNode config, ObjectNode alert, List<String> secrets) {
        String url = SecretRefs.resolve(config.get("url"), inlineAllowed, env);
        secrets.add(url);
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return DeliveryResult.failed("webhook url is not a valid URI");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            return DeliveryResult.failed("webhook url must be http or https");
        }
        String template = config.path("template").asText("generic");
        String routingKey = null;
        if ("pagerduty".equals(template)) {
            JsonNode key = config.hasNonNull("routing_key") ? config.get("routing_key") : config.get("routing_key_ref");
            routingKey = SecretRefs.resolve(key, inlineAllowed, env);
            secrets.add(routingKey);
        }
        byte[] body = AlertPayloads.webhookBody(template, alert, routingKey).toString().getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        JsonNode headers = config.get("headers");
        if (headers != null && headers.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> h = it.next();
                String value = SecretRefs.resolve(h.getValue(), inlineAllowed, env);
                if (value != null) {
                    secrets.add(value);
                    try {
                        request.setHeader(h.getKey(), value);
                    } catch (IllegalArgumentException e) {
                        return DeliveryResult.failed("header " + h.getKey() + " is not a valid HTTP header");
                    }
                }
            }
        }
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status >= 200 && status < 300 ? DeliveryResult.sent() : DeliveryResult.failed("HTTP " + status);
        } catch (java.net.http.HttpTimeoutException e) {
            return DeliveryResult.failed("webhook request timed out");
        } catch (java.net.ConnectException e) {
            return DeliveryResult.failed("webhook connection failed");
        } catch (IOException e) {
            return DeliveryResult.failed(scrub("webhook request failed: " + e.getClass().getSimpleName(), secrets));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.failed("webhook request interrupted");
        }
    }

    private static String scrub(String text, List<String> secrets) {
        String out = text;
        for (String s : secrets) {
            if (s != null && !s.isEmpty()) {
                out = out.replace(s, Redaction.REDACTED);
            }
        }
        return Redaction.string(out);
    }
}
