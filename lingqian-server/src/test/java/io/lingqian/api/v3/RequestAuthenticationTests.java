package io.lingqian.api.v3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.credentials.TestKeys;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.testing.DemoEnvironmentTest;

/**
 * Requests with hand-built Authorization headers, over plain HTTP/1.1: every way a request can be
 * wrongly signed gets the documented status and {@code {"code","message"}} (reference §1.3–1.4), and
 * the response header names arrive on the wire in exactly the case the SDKs look up.
 */
@DemoEnvironmentTest
class RequestAuthenticationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestMerchants merchants;

    @Autowired
    MerchantCredentials credentials;

    @Autowired
    NonceRegistry nonces;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private ApiTestMerchant merchant;

    @BeforeEach
    void newMerchant() {
        merchant = ApiTestMerchant.create(merchants, credentials);
    }

    @Test
    void aCorrectlySignedRequestIsAccepted() throws Exception {
        HttpResponse<String> response = send(signed("POST", SignedProbeController.ECHO, body()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"mchid\":\"" + merchant.mchid() + "\"");
    }

    @Test
    void aTimestampMoreThanFiveMinutesOffIsRefused() throws Exception {
        // Six minutes, not 301 seconds: a slow machine takes seconds to deliver the request, and a
        // future timestamp one second past the window would then arrive inside it.
        Signed old = signed("POST", SignedProbeController.ECHO, body()).at(Instant.now().minusSeconds(360));
        Signed future = signed("POST", SignedProbeController.ECHO, body()).at(Instant.now().plusSeconds(360));

        assertRefused(send(old), 401, "SIGN_ERROR");
        assertRefused(send(future), 401, "SIGN_ERROR");
    }

    @Test
    void aReplayedNonceIsRefused() throws Exception {
        Signed request = signed("POST", SignedProbeController.ECHO, body());

        assertThat(send(request).statusCode()).isEqualTo(200);
        assertRefused(send(request), 401, "SIGN_ERROR");
    }

    @Test
    void anUnknownSerialIsRefused() throws Exception {
        assertRefused(send(signed("POST", SignedProbeController.ECHO, body()).serial("1234ABCD")), 401, "SIGN_ERROR");
    }

    @Test
    void aRevokedCertificateIsRefusedImmediatelyAfterRevocation() throws Exception {
        assertThat(send(signed("POST", SignedProbeController.ECHO, body())).statusCode()).isEqualTo(200);

        credentials.revoke(merchant.merchant().id(), merchant.certificate().id());

        assertRefused(send(signed("POST", SignedProbeController.ECHO, body())), 401, "SIGN_ERROR");
    }

    @Test
    void anotherMerchantsSerialOrAMismatchingMchidIsRefused() throws Exception {
        ApiTestMerchant other = ApiTestMerchant.create(merchants, credentials);

        // Merchant A's mchid with B's key: the serial is not one of A's.
        assertRefused(send(signed("POST", SignedProbeController.ECHO, body()).mchid(merchant.mchid())
                .serial(other.serialNo()).key(other)), 401, "SIGN_ERROR");
        // Correctly signed, but the request itself names another merchant.
        assertRefused(send(signed("GET", SignedProbeController.ECHO + "?mchid=" + other.mchid(), "")),
                400, "INVALID_REQUEST");
        assertRefused(send(signed("POST", SignedProbeController.ECHO, "{\"mchid\":\"" + other.mchid() + "\"}")),
                400, "INVALID_REQUEST");
    }

    @Test
    void anUnknownMchidIsRefused() throws Exception {
        assertRefused(send(signed("POST", SignedProbeController.ECHO, body()).mchid("1999999999")), 400, "MCH_NOT_EXISTS");
    }

    @Test
    void aBadSignatureOrATamperedBodyOrPathIsRefused() throws Exception {
        Signed tamperedBody = signed("POST", SignedProbeController.ECHO, body()).sendBody(body().replace("1", "2"));
        Signed tamperedQuery = signed("GET", SignedProbeController.ECHO + "?a=1", "").sendTarget(SignedProbeController.ECHO + "?a=2");
        Signed garbage = signed("POST", SignedProbeController.ECHO, body()).signature("bm90IGEgc2lnbmF0dXJl");

        assertRefused(send(tamperedBody), 401, "SIGN_ERROR");
        assertRefused(send(tamperedQuery), 401, "SIGN_ERROR");
        assertRefused(send(garbage), 401, "SIGN_ERROR");
    }

    @Test
    void aMissingOrMalformedAuthorizationIsRefused() throws Exception {
        HttpResponse<String> none = http.send(HttpRequest.newBuilder(uri(SignedProbeController.ECHO))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertRefused(none, 401, "SIGN_ERROR");

        Signed request = signed("POST", SignedProbeController.ECHO, body());
        HttpResponse<String> missingField = http.send(HttpRequest.newBuilder(uri(SignedProbeController.ECHO))
                .header("Authorization", request.authorization().replaceAll(",serial_no=\"[^\"]*\"", ""))
                .POST(HttpRequest.BodyPublishers.ofString(body())).build(), HttpResponse.BodyHandlers.ofString());
        assertRefused(missingField, 401, "SIGN_ERROR");
    }

    @Test
    void theFieldsOfTheHeaderMayComeInAnyOrderWithSpaces() throws Exception {
        Signed request = signed("POST", SignedProbeController.ECHO, body());
        List<String> fields = Arrays.asList(request.authorization().substring(RequestAuthenticator.SCHEME.length() + 1)
                .split(","));
        java.util.Collections.reverse(fields);

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(SignedProbeController.ECHO))
                .header("Authorization", RequestAuthenticator.SCHEME + " " + String.join(", ", fields))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body())).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void frameworkErrorsOnV3AreWechatJsonNeverProblemJsonOrHtml() throws Exception {
        assertRefused(send(signed("POST", "/v3/pay/no-such-endpoint", body())), 404, "NOT_FOUND");
        assertRefused(send(signed("PUT", SignedProbeController.ECHO, body())), 405, "INVALID_REQUEST");
        assertRefused(send(signed("POST", SignedProbeController.ECHO, "{not json")), 400, "PARAM_ERROR");
    }

    @Test
    void expiredNoncesAreForgottenAndThenNoLongerStored() {
        String nonce = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO api_nonce (mchid, nonce, expires_at) VALUES (?, ?, ?)")
                .params(merchant.mchid(), nonce, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1)).update();

        assertThat(nonces.forgetExpired()).isGreaterThanOrEqualTo(1);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM api_nonce WHERE nonce = ?").param(nonce).query(Long.class).single())
                .isZero();
    }

    @Test
    void responseHeaderNamesKeepTheirExactCaseOnTheWire() throws IOException {
        String ok = raw(signed("POST", SignedProbeController.ECHO, body()));
        String empty = raw(signed("POST", SignedProbeController.EMPTY, "{}"));

        assertThat(ok).startsWith("HTTP/1.1 200");
        assertThat(empty).startsWith("HTTP/1.1 204");
        for (String head : List.of(ok, empty)) {
            List<String> names = head.lines().skip(1).takeWhile(line -> !line.isEmpty())
                    .map(line -> line.substring(0, line.indexOf(':'))).toList();
            assertThat(names).contains("Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Signature",
                    "Wechatpay-Serial", "Request-ID", "Content-Type");
        }
        assertThat(empty).contains("Content-Type: application/json");
    }

    // --- building requests by hand, the way §1.2 describes

    private String body() {
        return "{\"mchid\":\"" + merchant.mchid() + "\",\"amount\":{\"total\":1}}";
    }

    private Signed signed(String method, String target, String body) {
        return new Signed(method, target, target, body, body, merchant.mchid(), merchant.serialNo(), merchant,
                Instant.now(), UUID.randomUUID().toString().replace("-", ""), null);
    }

    /** A request and how it was signed; the "send" values may differ from the signed ones to tamper. */
    record Signed(String method, String signedTarget, String sendTarget, String signedBody, String sendBody,
                  String mchid, String serial, ApiTestMerchant key, Instant timestamp, String nonce,
                  String signature) {

        Signed at(Instant t) {
            return new Signed(method, signedTarget, sendTarget, signedBody, sendBody, mchid, serial, key, t, nonce, signature);
        }

        Signed serial(String s) {
            return new Signed(method, signedTarget, sendTarget, signedBody, sendBody, mchid, s, key, timestamp, nonce, signature);
        }

        Signed mchid(String m) {
            return new Signed(method, signedTarget, sendTarget, signedBody, sendBody, m, serial, key, timestamp, nonce, signature);
        }

        Signed key(ApiTestMerchant k) {
            return new Signed(method, signedTarget, sendTarget, signedBody, sendBody, mchid, serial, k, timestamp, nonce, signature);
        }

        Signed sendBody(String b) {
            return new Signed(method, signedTarget, sendTarget, signedBody, b, mchid, serial, key, timestamp, nonce, signature);
        }

        Signed sendTarget(String t) {
            return new Signed(method, signedTarget, t, signedBody, sendBody, mchid, serial, key, timestamp, nonce, signature);
        }

        Signed signature(String s) {
            return new Signed(method, signedTarget, sendTarget, signedBody, sendBody, mchid, serial, key, timestamp, nonce, s);
        }

        String authorization() {
            long ts = timestamp.getEpochSecond();
            String message = method + "\n" + signedTarget + "\n" + ts + "\n" + nonce + "\n" + signedBody + "\n";
            String sig = signature != null ? signature
                    : TestKeys.sign(key.privateKey(), message.getBytes(StandardCharsets.UTF_8));
            return RequestAuthenticator.SCHEME + " mchid=\"" + mchid + "\",nonce_str=\"" + nonce + "\",timestamp=\""
                    + ts + "\",serial_no=\"" + serial + "\",signature=\"" + sig + "\"";
        }
    }

    private HttpResponse<String> send(Signed request) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher body = request.sendBody().isEmpty() ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(request.sendBody());
        return http.send(HttpRequest.newBuilder(uri(request.sendTarget()))
                .header("Authorization", request.authorization())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(request.method(), body).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The response head exactly as it came over the socket, header names untouched by any client library. */
    private String raw(Signed request) throws IOException {
        byte[] body = request.sendBody().getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write((request.method() + " " + request.sendTarget() + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\n"
                    + "Authorization: " + request.authorization() + "\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return response.substring(0, response.indexOf("\r\n\r\n")).replace("\r\n", "\n") + "\n\n";
        }
    }

    private URI uri(String target) {
        return URI.create("http://127.0.0.1:" + port + target);
    }

    private static void assertRefused(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        assertThat(response.body()).contains("\"code\":\"" + code + "\"").contains("\"message\":\"");
    }
}
