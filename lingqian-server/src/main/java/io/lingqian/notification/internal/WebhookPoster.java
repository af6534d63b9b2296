package io.lingqian.notification.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.stereotype.Component;

import io.lingqian.notification.NotificationProperties;

/**
 * POSTs a notification to a merchant over HTTP/1.1 (the SDKs read header names case-sensitively;
 * HTTP/2 would lower-case them). The whole exchange, answer included, must fit in the timeout.
 */
@Component
public class WebhookPoster {

    /** What came back. {@code status} is null when nothing usable did; {@code error} says why. */
    public record Answer(Integer status, String error, String body, long durationMs) {

        /** WeChat Pay counts only these as received (reference §4.2). */
        public boolean delivered() {
            return status != null && (status == 200 || status == 204);
        }
    }

    private static final int BODY_KEPT = 512;

    private final HttpClient client;
    private final Duration timeout;
    private final List<String> allowedHosts;

    WebhookPoster(NotificationProperties properties) {
        this.timeout = properties.timeout();
        this.allowedHosts = properties.allowedHosts().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public Answer post(String url, Map<String, String> headers, String body) {
        long started = System.nanoTime();
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            headers.forEach(builder::header);
            request = builder.build();
        } catch (IllegalArgumentException e) {
            return new Answer(null, "notify_url is not a usable http(s) URL", null, 0);
        }
        String host = request.uri().getHost();
        if (!allowedHosts.isEmpty() && (host == null || !allowedHosts.contains(host.toLowerCase(Locale.ROOT)))) {
            // Checked before any name lookup or connection: nothing leaves for a host not allowed.
            return new Answer(null, "notify_url host is not in lingqian.notification.allowed-hosts", null, 0);
        }
        CompletableFuture<HttpResponse<String>> exchange = client.sendAsync(request,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            String answer = response.body();
            return new Answer(response.statusCode(), null,
                    answer.length() > BODY_KEPT ? answer.substring(0, BODY_KEPT) : answer, elapsed(started));
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return new Answer(null, "no answer within " + timeout.toMillis() + " ms", null, elapsed(started));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String why = cause instanceof java.net.http.HttpTimeoutException
                    ? "no answer within " + timeout.toMillis() + " ms"
                    : cause instanceof IOException ? "could not reach the merchant: " + describe(cause)
                    : "request failed: " + describe(cause);
            return new Answer(null, why, null, elapsed(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.cancel(true);
            return new Answer(null, "interrupted while waiting for the merchant", null, elapsed(started));
        }
    }

    private static String describe(Throwable t) {
        String text = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        return text.length() > 200 ? text.substring(0, 200) : text;
    }

    private static long elapsed(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
