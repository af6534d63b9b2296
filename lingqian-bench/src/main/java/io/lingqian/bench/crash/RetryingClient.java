package io.lingqian.bench.crash;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a request until the server answers it, the way a careful client does when its connection
 * dies: the same request again (same idempotency key, same body; only a fresh signature), as often as
 * it takes. An answer, whatever its status, acknowledges the request.
 */
final class RetryingClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** An HTTP answer. */
    record Answer(int status, String body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json() {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        }

        /** The refusal code: {@code code} in problem+json and in the WeChat error body alike. */
        String code() {
            try {
                return json().path("code").asString("");
            } catch (RuntimeException notJson) {
                return "";
            }
        }
    }

    private final HttpClient http;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong resends = new AtomicLong();
    private final Violations violations;

    RetryingClient(HttpClient http, Violations violations) {
        this.http = http;
        this.violations = violations;
    }

    /**
     * Sends the request the supplier builds (called again for every attempt, so a signature can be
     * fresh) until an answer arrives. A 5xx is recorded as a violation and sent again.
     */
    Answer send(String what, Supplier<HttpRequest> request) {
        boolean resent = false;
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(30));
        while (true) {
            try {
                HttpResponse<String> response = http.send(request.get(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (response.statusCode() >= 500) {
                    violations.add("5xx", what + " answered " + response.statusCode() + ": " + abbreviate(response.body()));
                } else {
                    acknowledged.incrementAndGet();
                    return new Answer(response.statusCode(), response.body());
                }
            } catch (IOException lost) {
                // connection refused, reset or timed out: the server is down or died mid-request
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            if (Instant.now().isAfter(giveUp)) {
                throw new IllegalStateException(what + ": no answer for 30 minutes");
            }
            if (!resent) {
                resent = true;
                retried.incrementAndGet();
            }
            resends.incrementAndGet();
            pause();
        }
    }

    long acknowledged() {
        return acknowledged.get();
    }

    long retried() {
        return retried.get();
    }

    long resends() {
        return resends.get();
    }

    private static void pause() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
