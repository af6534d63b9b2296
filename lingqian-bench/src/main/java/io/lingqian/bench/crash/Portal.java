package io.lingqian.bench.crash;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A merchant owner in the portal, the way a browser does it: sign in with the form, then post the
 * console's forms with their CSRF token. Used once, before the crashes, to register the API key the
 * driver signs with and to set the APIv3 key notifications are encrypted with.
 */
final class Portal {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");
    private static final Pattern SERIAL = Pattern.compile("Registered the key with serial ([0-9A-Za-z]+)");

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5)).build();

    Portal(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    void signIn(String email, String password) throws IOException, InterruptedException {
        String page = get("/merchant/login");
        String after = post("/merchant/login", csrf(page), Map.of("email", email, "password", password));
        if (after.contains("name=\"password\"") && after.contains("/merchant/login")) {
            throw new IllegalStateException("the merchant portal refused the demo owner's password");
        }
    }

    /** Registers a public key (PEM) and returns the serial the platform gave it. */
    String registerPublicKey(String pem) throws IOException, InterruptedException {
        String page = post("/merchant/credentials/certificates", csrf(get("/merchant/credentials")), Map.of("pem", pem));
        Matcher serial = SERIAL.matcher(page);
        if (!serial.find()) {
            throw new IllegalStateException("the portal did not register the key");
        }
        return serial.group(1);
    }

    void setApiV3Key(String key) throws IOException, InterruptedException {
        post("/merchant/credentials/api-key", csrf(get("/merchant/credentials")), Map.of("apiV3Key", key));
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        require(answer, path);
        return answer.body();
    }

    private String post(String path, String csrf, Map<String, String> fields) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("_csrf", csrf);
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        require(answer, path);
        return answer.body();
    }

    private static void require(HttpResponse<String> answer, String path) {
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("portal " + path + " answered " + answer.statusCode());
        }
    }

    private static String csrf(String page) {
        Matcher m = CSRF.matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on the portal page");
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }
}
