package io.lingqian.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.ledger.AccountStatus;
import io.lingqian.ledger.Ledger;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.payment.Cashier;
import io.lingqian.payment.NewOrder;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentOrders;
import io.lingqian.payment.TradeType;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.social.Arrival;
import io.lingqian.social.Contacts;
import io.lingqian.social.RedPacketKind;
import io.lingqian.social.RedPackets;
import io.lingqian.social.Transfer;
import io.lingqian.social.Transfers;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.MoneyStatus;
import io.lingqian.wallet.PaymentSecurity;
import io.lingqian.wallet.TestPayers;
import io.lingqian.wallet.WalletCards;
import io.lingqian.wallet.WalletDevices;
import io.lingqian.wallet.Withdrawals;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The risk gate on every money movement: blacklists deny and open cases, a challenge is passed with
 * an SMS code exactly once, and a frozen wallet cannot pay, transfer, send red packets or withdraw
 * while money still arrives; the emergency freeze works without signing in and unfreezing needs
 * re-verification and staff approval.
 */
@ServerTest
class RiskControlTests {

    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;
    @Autowired TestPayers payers;
    @Autowired TestMerchants merchants;
    @Autowired MerchantApps apps;
    @Autowired PaymentOrders orders;
    @Autowired Cashier cashier;
    @Autowired Transfers transfers;
    @Autowired RedPackets redPackets;
    @Autowired Withdrawals withdrawals;
    @Autowired Contacts contacts;
    @Autowired WalletCards cards;
    @Autowired WalletDevices devices;
    @Autowired PaymentSecurity security;
    @Autowired RiskBlacklist blacklist;
    @Autowired RiskCases cases;
    @Autowired WalletFreezes freezes;
    @Autowired CustomerAccounts accounts;
    @Autowired Ledger ledger;
    @Autowired AdjustableClock clock;

    TestMerchants.ApprovedMerchant merchant;
    String appid;

    @BeforeEach
    void merchantWithApp() {
        merchant = merchants.approved();
        appid = apps.register(merchant.id(), AppKind.OFFICIAL_ACCOUNT, "Risky shop", List.of()).app().appid();
    }

    record Answer(int status, JsonNode body) {
        String text(String field) {
            return body.get(field).asString();
        }
    }

    @Test
    void aBlacklistedUserIsDeniedEveryMoneyMovementAndACaseOpensWithTheFiredRule() {
        TestPayers.Payer payer = payers.withBalance(500_00);
        TestPayers.Payer friend = payers.withBalance(0);
        contacts.add(payer.id(), friend.user().mobile());
        long card = cards.cards(payer.id()).get(0).id();
        blacklist.add("user", Long.toString(payer.id()), "test fraud ring", 1, "test staff");

        PaymentOrder order = prepay(10_00);
        assertThat(code(() -> cashier.pay(payer.id(), payer.deviceId(), order.prepayId(), TestPayers.PAY_PASSWORD)))
                .isEqualTo("risk_denied");
        assertThat(code(() -> transfers.send(payer.id(), payer.deviceId(), new Transfers.Send(friend.id(), 10_00,
                Arrival.REAL_TIME, null, rid(), TestPayers.PAY_PASSWORD)))).isEqualTo("risk_denied");
        assertThat(code(() -> redPackets.send(payer.id(), payer.deviceId(), new RedPackets.Send(RedPacketKind.ONE_TO_ONE,
                null, friend.id(), 5_00, 1, null, rid(), TestPayers.PAY_PASSWORD)))).isEqualTo("risk_denied");
        assertThat(code(() -> withdrawals.withdraw(payer.id(), payer.deviceId(), card, 10_00, rid(),
                TestPayers.PAY_PASSWORD))).isEqualTo("risk_denied");
        assertThat(balance(payer.id())).as("nothing moved").isEqualTo(500_00);

        RiskCase open = cases.list(RiskCase.State.OPEN, payer.id(), 10).get(0);
        assertThat(open.hits()).isEqualTo(4);
        assertThat(open.decision()).isEqualTo("DENY");
        assertThat(cases.trail(open.id())).extracting(RiskCase.Event::detail)
                .allMatch(d -> d.contains("blacklisted-user"));
        assertThat(cases.recentActivity(payer.id(), 10)).extracting(RiskCase.Attempt::action)
                .contains("PAYMENT", "TRANSFER", "RED_PACKET", "WITHDRAWAL");

        // a payee on the blacklist stops payments to it; off the list, money moves again
        blacklist.remove("user", Long.toString(payer.id()), 1, "test staff");
        blacklist.add("user", Long.toString(friend.id()), "mule account", 1, "test staff");
        assertThat(code(() -> transfers.send(payer.id(), payer.deviceId(), new Transfers.Send(friend.id(), 10_00,
                Arrival.REAL_TIME, null, rid(), TestPayers.PAY_PASSWORD)))).isEqualTo("risk_denied");
        blacklist.remove("user", Long.toString(friend.id()), 1, "test staff");
        transfers.send(payer.id(), payer.deviceId(), new Transfers.Send(friend.id(), 10_00, Arrival.REAL_TIME, null,
                rid(), TestPayers.PAY_PASSWORD));
        assertThat(cashier.pay(payer.id(), payer.deviceId(), order.prepayId(), TestPayers.PAY_PASSWORD).payerTotalFen())
                .isEqualTo(10_00);
    }

    @Test
    void afterWrongPasswordsAWithdrawalIsChallengedAndPassesOnceWithTheSmsCode() throws Exception {
        TestPayers.Payer payer = payers.withBalance(300_00);
        long card = cards.cards(payer.id()).get(0).id();
        for (int i = 0; i < 3; i++) {
            assertThat(code(() -> security.verify(payer.id(), "000001"))).isEqualTo("wrong_payment_password");
        }
        String token = devices.signIn(payer.user().mobile(), TestUsers.PASSWORD, payer.deviceId(), "Test phone")
                .orElseThrow().token();
        String requestId = rid();
        Map<String, Object> withdrawal = Map.of("cardId", card, "amountFen", 20_00, "clientRequestId", requestId,
                "paymentPassword", TestPayers.PAY_PASSWORD);

        Answer challenged = call(token, MockMvcRequestBuilders.post("/api/wallet/withdrawals"), withdrawal);
        assertThat(challenged.status()).isEqualTo(428);
        assertThat(challenged.text("code")).isEqualTo("risk_challenge");
        assertThat(challenged.text("verify")).isEqualTo("SMS_CODE");
        assertThat(challenged.text("detail")).contains("wrong payment passwords");
        String challengeId = challenged.text("challengeId");
        String smsCode = challenged.text("sandboxSmsCode");
        assertThat(balance(payer.id())).isEqualTo(300_00);

        // another user cannot confirm it; a wrong code counts
        TestPayers.Payer other = payers.withBalance(0);
        String otherToken = devices.signIn(other.user().mobile(), TestUsers.PASSWORD, other.deviceId(), "Other")
                .orElseThrow().token();
        assertThat(call(otherToken, MockMvcRequestBuilders.post("/api/wallet/risk-challenges/" + challengeId + "/confirm"),
                Map.of("smsCode", smsCode)).status()).isEqualTo(404);
        String wrongCode = smsCode.equals("000000") ? "000001" : "000000";
        assertThat(call(token, MockMvcRequestBuilders.post("/api/wallet/risk-challenges/" + challengeId + "/confirm"),
                Map.of("smsCode", wrongCode)).text("code")).isEqualTo("wrong_sms_code");
        assertThat(call(token, MockMvcRequestBuilders.post("/api/wallet/risk-challenges/" + challengeId + "/confirm"),
                Map.of("smsCode", smsCode)).status()).isEqualTo(200);

        Answer retried = call(token, MockMvcRequestBuilders.post("/api/wallet/withdrawals"), withdrawal);
        assertThat(retried.text("status")).isEqualTo(MoneyStatus.SUCCEEDED.name());
        assertThat(balance(payer.id())).isEqualTo(300_00 - 20_00);

        // the challenge was for that withdrawal only: the next one is challenged again
        Answer next = call(token, MockMvcRequestBuilders.post("/api/wallet/withdrawals"), Map.of("cardId", card,
                "amountFen", 20_00, "clientRequestId", rid(), "paymentPassword", TestPayers.PAY_PASSWORD));
        assertThat(next.text("code")).isEqualTo("risk_challenge");

        // an hour later the wrong passwords no longer count
        clock.advance(Duration.ofMinutes(61));
        Answer later = call(token, MockMvcRequestBuilders.post("/api/wallet/withdrawals"), Map.of("cardId", card,
                "amountFen", 20_00, "clientRequestId", rid(), "paymentPassword", TestPayers.PAY_PASSWORD));
        assertThat(later.text("status")).isEqualTo(MoneyStatus.SUCCEEDED.name());
    }

    @Test
    void fiveWrongSmsCodesFailTheChallengeAndOpenACase() {
        TestPayers.Payer payer = payers.withBalance(100_00);
        for (int i = 0; i < 3; i++) {
            code(() -> security.verify(payer.id(), "000001"));
        }
        ApiProblemException challenge = refusal(() -> withdrawals.withdraw(payer.id(), payer.deviceId(),
                cards.cards(payer.id()).get(0).id(), 10_00, rid(), TestPayers.PAY_PASSWORD));
        String id = (String) challenge.properties().get("challengeId");
        String right = (String) challenge.properties().get("sandboxSmsCode");
        String wrong = right.equals("000000") ? "000001" : "000000";
        for (int i = 0; i < 4; i++) {
            assertThat(code(() -> gate.confirmChallenge(payer.id(), id, wrong))).isEqualTo("wrong_sms_code");
        }
        assertThat(code(() -> gate.confirmChallenge(payer.id(), id, wrong))).isEqualTo("verification_failed");
        assertThat(code(() -> gate.confirmChallenge(payer.id(), id, right))).isEqualTo("verification_closed");
        RiskCase open = cases.list(RiskCase.State.OPEN, payer.id(), 1).get(0);
        assertThat(cases.trail(open.id())).extracting(RiskCase.Event::kind).contains("CHALLENGE_FAILED");
    }

    @Autowired RiskGate gate;

    @Test
    void anEmergencyFreezeWithoutSigningInStopsEveryOutflowWhileMoneyStillArrives() throws Exception {
        TestPayers.Payer victim = payers.withBalance(400_00);
        TestPayers.Payer friend = payers.withBalance(200_00);
        contacts.add(friend.id(), victim.user().mobile());
        contacts.add(victim.id(), friend.user().mobile());
        String idNumber = payers.idNumberOf(victim);

        // wrong identity data freezes nothing
        Answer wrong = call(null, MockMvcRequestBuilders.post("/api/wallet/emergency-freezes"),
                Map.of("mobile", victim.user().mobile(), "idNumber", payers.idNumberOf(friend)));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.text("code")).isEqualTo("identity_not_verified");
        assertThat(freezes.isFrozen(victim.id())).isFalse();

        Answer started = call(null, MockMvcRequestBuilders.post("/api/wallet/emergency-freezes"),
                Map.of("mobile", victim.user().mobile(), "idNumber", idNumber));
        assertThat(started.status()).isEqualTo(201);
        Answer frozen = call(null, MockMvcRequestBuilders.post("/api/wallet/emergency-freezes/"
                + started.text("verificationId") + "/confirm"), Map.of("smsCode", started.text("sandboxSmsCode")));
        assertThat(frozen.status()).isEqualTo(200);
        assertThat(frozen.text("source")).isEqualTo("EMERGENCY");
        assertThat(ledger.account(accounts.openWallet(victim.id())).orElseThrow().status())
                .isEqualTo(AccountStatus.FROZEN);

        long card = cards.cards(victim.id()).get(0).id();
        PaymentOrder order = prepay(10_00);
        assertThat(code(() -> cashier.pay(victim.id(), victim.deviceId(), order.prepayId(), TestPayers.PAY_PASSWORD)))
                .isEqualTo("wallet_frozen");
        assertThat(code(() -> transfers.send(victim.id(), victim.deviceId(), new Transfers.Send(friend.id(), 10_00,
                Arrival.REAL_TIME, null, rid(), TestPayers.PAY_PASSWORD)))).isEqualTo("wallet_frozen");
        assertThat(code(() -> redPackets.send(victim.id(), victim.deviceId(), new RedPackets.Send(RedPacketKind.ONE_TO_ONE,
                null, friend.id(), 5_00, 1, null, rid(), TestPayers.PAY_PASSWORD)))).isEqualTo("wallet_frozen");
        assertThat(code(() -> withdrawals.withdraw(victim.id(), victim.deviceId(), card, 10_00, rid(),
                TestPayers.PAY_PASSWORD))).isEqualTo("wallet_frozen");
        assertThat(balance(victim.id())).isEqualTo(400_00);

        // money still arrives: an incoming transfer is accepted into the frozen wallet
        Transfer incoming = transfers.send(friend.id(), friend.deviceId(), new Transfers.Send(victim.id(), 30_00,
                Arrival.REAL_TIME, null, rid(), TestPayers.PAY_PASSWORD));
        transfers.accept(victim.id(), incoming.id());
        assertThat(balance(victim.id())).isEqualTo(430_00);

        // lifting: re-verify (ID number + SMS code), then staff approve
        assertThat(code(() -> freezes.requestUnfreeze(victim.id(), payers.idNumberOf(friend))))
                .isEqualTo("identity_mismatch");
        WalletFreezes.Started request = freezes.requestUnfreeze(victim.id(), idNumber);
        assertThat(code(() -> freezes.approveUnfreeze(request.requestId(), 1, "test staff", "")))
                .isEqualTo("unfreeze_not_ready");
        assertThat(freezes.confirmUnfreeze(victim.id(), request.requestId(), request.code().sandboxCode()).state())
                .isEqualTo("PENDING_APPROVAL");
        assertThat(freezes.isFrozen(victim.id())).isTrue();
        freezes.approveUnfreeze(request.requestId(), 1, "test staff", "called the user back");
        assertThat(freezes.isFrozen(victim.id())).isFalse();
        assertThat(cashier.pay(victim.id(), victim.deviceId(), order.prepayId(), TestPayers.PAY_PASSWORD)
                .payerTotalFen()).isEqualTo(10_00);

        RiskCase c = cases.list(null, victim.id(), 1).get(0);
        assertThat(cases.trail(c.id())).extracting(RiskCase.Event::kind)
                .contains("FROZEN", "UNFREEZE_REQUESTED", "UNFROZEN");
    }

    @Test
    void failedEmergencyIdentityChecksAreLimitedPerNumber() throws Exception {
        TestPayers.Payer victim = payers.withBalance(0);
        String wrongId = payers.idNumberOf(payers.withBalance(0));
        for (int i = 0; i < 5; i++) {
            assertThat(call(null, MockMvcRequestBuilders.post("/api/wallet/emergency-freezes"),
                    Map.of("mobile", victim.user().mobile(), "idNumber", wrongId)).text("code"))
                    .isEqualTo("identity_not_verified");
        }
        Answer limited = call(null, MockMvcRequestBuilders.post("/api/wallet/emergency-freezes"),
                Map.of("mobile", victim.user().mobile(), "idNumber", payers.idNumberOf(victim)));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.text("code")).isEqualTo("too_many_attempts");
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        assertThat(call(null, MockMvcRequestBuilders.post("/api/wallet/emergency-freezes"),
                Map.of("mobile", victim.user().mobile(), "idNumber", payers.idNumberOf(victim))).status())
                .isEqualTo(201);
    }

    @Test
    void aFreezeWithAnExpiryEndsByItself() {
        TestPayers.Payer payer = payers.withBalance(50_00);
        freezes.freezeByStaff(payer.id(), "suspicious logins", clock.instant().plus(Duration.ofHours(2)), 1,
                "test staff");
        assertThat(freezes.isFrozen(payer.id())).isTrue();
        clock.advance(Duration.ofHours(2));
        assertThat(freezes.isFrozen(payer.id())).isFalse();
        assertThat(ledger.account(accounts.openWallet(payer.id())).orElseThrow().status())
                .isEqualTo(AccountStatus.ACTIVE);
    }

    private PaymentOrder prepay(long totalFen) {
        return orders.prepay(merchant.id(), new NewOrder(TradeType.NATIVE, appid, merchant.mchid(), "Risky goods",
                "R" + UUID.randomUUID().toString().replace("-", "").substring(0, 20), null, null,
                "https://shop.example.cn/notify", null, totalFen, "CNY", null, null, null, UUID.randomUUID().toString()));
    }

    private long balance(long userId) {
        return ledger.account(accounts.openWallet(userId)).orElseThrow().balances().creditBalance();
    }

    private static String rid() {
        return "r-" + UUID.randomUUID();
    }

    static String code(Runnable action) {
        return refusal(action).code();
    }

    static ApiProblemException refusal(Runnable action) {
        try {
            action.run();
        } catch (ApiProblemException e) {
            return e;
        }
        throw new AssertionError("expected a refusal");
    }

    private Answer call(String token, MockHttpServletRequestBuilder request, Object body) throws Exception {
        if (token != null) {
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
