package io.lingqian.wallet;


import java.time.LocalDate;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import io.lingqian.accounting.PartnerBank;
import io.lingqian.bank.CardType;
import io.lingqian.bank.TestCard;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drives the wallet REST API as a client would: registers a user with a unique mobile number and
 * identity, signs in from a device and sends the bearer token with every call.
 */
final class WalletApiClient {

    static final String LOGIN_PASSWORD = "login password 1";
    static final String PAY_PASSWORD = "284619";

    /** A status and JSON body. */
    record Answer(int status, JsonNode body) {

        long fen(String field) {
            return body.get(field).asLong();
        }

        String text(String field) {
            return body.get(field).asString();
        }

        String code() {
            return body.get("code").asString();
        }
    }

    private final MockMvc mvc;
    private final JsonMapper json;
    final String mobile;
    final String deviceId;
    final String idNumber;
    final String name = "Zhang Wei";
    final Random random = new Random();
    String token;
    long userId;

    WalletApiClient(MockMvc mvc, JsonMapper json) {
        this(mvc, json, randomResidentId());
    }

    /** A client for another wallet of the person with this ID number. */
    WalletApiClient(MockMvc mvc, JsonMapper json, String idNumber) {
        this(mvc, json, "1" + String.format("%010d", ThreadLocalRandom.current().nextLong(10_000_000_000L)), idNumber,
                "test-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
    }

    private WalletApiClient(MockMvc mvc, JsonMapper json, String mobile, String idNumber, String deviceId) {
        this.mvc = mvc;
        this.json = json;
        this.mobile = mobile;
        this.deviceId = deviceId;
        this.idNumber = idNumber;
    }

    /** The same user signed in on another device. */
    WalletApiClient onAnotherDevice(String device) throws Exception {
        WalletApiClient other = new WalletApiClient(mvc, json, mobile, idNumber, device);
        other.userId = userId;
        return other.signIn(device);
    }

    /** A valid resident ID with a random birth date and sequence: a person no other test uses. */
    static String randomResidentId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(r.nextInt(20_000));
        String first = "110105" + birth.toString().replace("-", "") + String.format("%03d", r.nextInt(1000));
        return first + ResidentId.checkCharacter(first);
    }

    WalletApiClient registerAndSignIn() throws Exception {
        Answer registered = call(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/wallet/users"), Map.of("mobile", mobile, "displayName", "API User",
                "password", LOGIN_PASSWORD), false);
        if (registered.status() != 201) {
            throw new AssertionError("registration failed: " + registered.body());
        }
        userId = registered.fen("id");
        return signIn(deviceId);
    }

    WalletApiClient signIn(String device) throws Exception {
        Answer session = call(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/wallet/sessions"), Map.of("mobile", mobile, "password", LOGIN_PASSWORD,
                "deviceId", device, "deviceName", "Test phone"), false);
        if (session.status() != 201) {
            throw new AssertionError("sign-in failed: " + session.body());
        }
        token = session.text("token");
        return this;
    }

    String card(TestCard behaviour, PartnerBank bank) {
        return behaviour.number(bank, CardType.DEBIT, random);
    }

    Answer startBinding(String cardNumber) throws Exception {
        return post("/api/wallet/verifications/cards", Map.of("name", name, "idNumber", idNumber,
                "cardNumber", cardNumber, "phone", "13900001111"));
    }

    /** Binds a card through the four-element check with the sandbox's SMS code; returns the card id. */
    long bind(String cardNumber) throws Exception {
        Answer started = startBinding(cardNumber);
        if (started.status() != 201) {
            throw new AssertionError("binding refused: " + started.body());
        }
        Answer confirmed = post("/api/wallet/verifications/" + started.text("id") + "/confirm",
                Map.of("smsCode", started.text("sandboxSmsCode")));
        if (confirmed.status() != 200) {
            throw new AssertionError("confirmation refused: " + confirmed.body());
        }
        return confirmed.body().get("card").get("id").asLong();
    }

    /** Registered, verified with a card of this behaviour at CMB, payment password set; returns the card id. */
    long verifiedWithCard(TestCard behaviour) throws Exception {
        registerAndSignIn();
        long card = bind(card(behaviour, PartnerBank.CMB));
        Answer set = put("/api/wallet/security/payment-password", Map.of("newPassword", PAY_PASSWORD));
        if (set.status() != 200) {
            throw new AssertionError("payment password refused: " + set.body());
        }
        return card;
    }

    Answer topUp(long cardId, long fen, String requestId) throws Exception {
        return post("/api/wallet/topups", Map.of("cardId", cardId, "amountFen", fen, "clientRequestId", requestId));
    }

    Answer withdraw(long cardId, long fen, String requestId, String password) throws Exception {
        return post("/api/wallet/withdrawals", Map.of("cardId", cardId, "amountFen", fen, "clientRequestId", requestId,
                "paymentPassword", password));
    }

    long balance() throws Exception {
        return get("/api/wallet/me").fen("balanceFen");
    }

    Answer get(String path) throws Exception {
        return call(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path), null, true);
    }

    Answer post(String path, Object body) throws Exception {
        return call(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path), body, true);
    }

    Answer put(String path, Object body) throws Exception {
        return call(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put(path), body, true);
    }

    Answer delete(String path) throws Exception {
        return call(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete(path), null, true);
    }

    private Answer call(MockHttpServletRequestBuilder request, Object body, boolean authenticated) throws Exception {
        if (authenticated && token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body));
        }
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        String text = response.getContentAsString();
        return new Answer(response.getStatus(), text.isEmpty() ? json.nullNode() : json.readTree(text));
    }
}
