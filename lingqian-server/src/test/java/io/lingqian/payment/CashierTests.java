package io.lingqian.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.ledger.Ledger;
import io.lingqian.merchant.Actor;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.ApplicationForm;
import io.lingqian.merchant.MerchantApplication;
import io.lingqian.merchant.MerchantApplications;
import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.merchant.MerchantCategory;
import io.lingqian.merchant.MerchantUser;
import io.lingqian.merchant.Onboarding;
import io.lingqian.merchant.OpenIds;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.PaymentSecurity;
import io.lingqian.wallet.TestPayers;
import io.lingqian.wallet.WalletDevices;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The payer's side: scan a Native code (as text and as a picture), see the order, pay it from the
 * balance through the wallet API, and the money moving once, to the fen; every refusal leaves the
 * ledger as it was.
 */
@ServerTest
class CashierTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestMerchants merchants;
    @Autowired
    TestPayers payers;
    @Autowired
    MerchantApps apps;
    @Autowired
    OpenIds openIds;
    @Autowired
    PaymentOrders orders;
    @Autowired
    Cashier cashier;
    @Autowired
    PaymentSecurity security;
    @Autowired
    WalletDevices devices;
    @Autowired
    CustomerAccounts accounts;
    @Autowired
    Ledger ledger;
    @Autowired
    AdjustableClock clock;
    @Autowired
    MerchantApplications applications;
    @Autowired
    MerchantAccounts merchantAccounts;

    TestMerchants.ApprovedMerchant merchant;
    String appid;

    @BeforeEach
    void merchantWithApp() {
        merchant = merchants.approved();
        appid = apps.register(merchant.id(), AppKind.OFFICIAL_ACCOUNT, "Test shop", List.of()).app().appid();
    }

    record Answer(int status, JsonNode body) {
        String text(String field) {
            return body.get(field).asString();
        }
    }

    @Test
    void aScannedNativeOrderIsPaidOnceWithTheFeeToFeeIncome() throws Exception {
        TestPayers.Payer payer = payers.withBalance(200_00);
        PaymentOrder order = prepay(TradeType.NATIVE, 123_45, null, null);
        long feeIncomeBefore = balance(PlatformAccount.FEE_INCOME.id());
        String token = signIn(payer);

        Answer scanned = call(token, MockMvcRequestBuilders.post("/api/wallet/cashier/scan"),
                Map.of("codeUrl", order.codeUrl()));
        assertThat(scanned.status()).isEqualTo(200);
        assertThat(scanned.text("merchantName")).isEqualTo(merchant.merchant().name());
        assertThat(scanned.text("description")).isEqualTo("Flat white");
        assertThat(scanned.body().get("amountFen").asLong()).isEqualTo(123_45);
        assertThat(scanned.body().get("payable").asBoolean()).isTrue();

        Answer paid = call(token, MockMvcRequestBuilders.post("/api/wallet/cashier/orders/"
                + scanned.text("prepayId") + "/pay"), Map.of("paymentPassword", TestPayers.PAY_PASSWORD));
        assertThat(paid.status()).isEqualTo(200);
        assertThat(paid.text("transactionId")).isEqualTo(order.transactionId()).matches("\\d{28}");

        // 0.6 % of 123.45 is 0.7407: 74 fen.
        assertThat(balance(accounts.openWallet(payer.id()))).isEqualTo(200_00 - 123_45);
        assertThat(balance(accounts.openMerchantSettlement(merchant.id()))).isEqualTo(123_45 - 74);
        assertThat(balance(PlatformAccount.FEE_INCOME.id()) - feeIncomeBefore).isEqualTo(74);
        PaymentOrder after = orders.byOutTradeNo(merchant.id(), order.outTradeNo());
        assertThat(after.tradeState()).isEqualTo(TradeState.SUCCESS);
        assertThat(after.payerOpenid()).isEqualTo(openIds.openidOf(appid, payer.id()));
        assertThat(after.payerTotalFen()).isEqualTo(123_45);
        assertThat(after.feeFen()).isEqualTo(74);
        assertThat(after.successTime()).isCloseTo(clock.instant(), within(5, ChronoUnit.SECONDS));

        Answer again = call(token, MockMvcRequestBuilders.post("/api/wallet/cashier/orders/"
                + scanned.text("prepayId") + "/pay"), Map.of("paymentPassword", TestPayers.PAY_PASSWORD));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("code")).isEqualTo("order_paid");
        assertThat(balance(accounts.openWallet(payer.id()))).isEqualTo(200_00 - 123_45);
        assertThat(ledger.transfersByReference("payment:" + order.transactionId())).hasSize(2);
    }

    @Test
    void aPictureOfTheQrCodeIsReadLikeTheLink() throws Exception {
        TestPayers.Payer payer = payers.withBalance(0);
        PaymentOrder order = prepay(TradeType.NATIVE, 5_00, null, null);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        MatrixToImageWriter.writeToStream(new QRCodeWriter().encode(order.codeUrl(), BarcodeFormat.QR_CODE, 300, 300),
                "PNG", png);
        String token = signIn(payer);

        Answer read = call(token, MockMvcRequestBuilders.multipart("/api/wallet/cashier/scan-image")
                .file(new MockMultipartFile("image", "qr.png", "image/png", png.toByteArray())), null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("prepayId")).isEqualTo(order.prepayId());

        Answer garbage = call(token, MockMvcRequestBuilders.multipart("/api/wallet/cashier/scan-image")
                .file(new MockMultipartFile("image", "qr.png", "image/png", "not a picture".getBytes())), null);
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.text("code")).isEqualTo("unreadable_qr_code");

        Answer notOurs = call(token, MockMvcRequestBuilders.post("/api/wallet/cashier/scan"),
                Map.of("codeUrl", "https://example.com/pay"));
        assertThat(notOurs.status()).isEqualTo(400);
        assertThat(notOurs.text("code")).isEqualTo("invalid_code_url");
    }

    @Test
    void twoPaymentsOfOneOrderAtOnceMoveTheMoneyOnce() throws Exception {
        TestPayers.Payer payer = payers.withBalance(100_00);
        PaymentOrder order = prepay(TradeType.NATIVE, 30_00, null, null);
        CountDownLatch start = new CountDownLatch(1);
        Callable<String> pay = () -> {
            start.await();
            try {
                return cashier.pay(payer.id(), payer.deviceId(), order.prepayId(), TestPayers.PAY_PASSWORD)
                        .transactionId();
            } catch (ApiProblemException e) {
                return e.code();
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> results = new ArrayList<>(List.of(pool.submit(pay), pool.submit(pay)));
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : results) {
                outcomes.add(f.get());
            }
            assertThat(outcomes).containsExactlyInAnyOrder(order.transactionId(), "order_paid");
        } finally {
            pool.shutdownNow();
        }
        assertThat(balance(accounts.openWallet(payer.id()))).isEqualTo(70_00);
        assertThat(balance(accounts.openMerchantSettlement(merchant.id()))).isEqualTo(30_00 - 18);
    }

    @Test
    void closedAndExpiredOrdersCannotBePaidAndTheJobClosesExpiredOnes() {
        TestPayers.Payer payer = payers.withBalance(100_00);
        PaymentOrder closed = prepay(TradeType.NATIVE, 10_00, null, null);
        orders.close(merchant.id(), closed.outTradeNo());
        assertRefused(() -> cashier.pay(payer.id(), payer.deviceId(), closed.prepayId(), TestPayers.PAY_PASSWORD),
                "order_closed");

        PaymentOrder expiring = prepay(TradeType.NATIVE, 10_00, clock.instant().plusSeconds(90), null);
        PaymentOrder defaulted = prepay(TradeType.NATIVE, 10_00, null, null);
        assertThat(defaulted.timeExpire()).isCloseTo(clock.instant().plus(Duration.ofHours(2)), within(5, ChronoUnit.SECONDS));
        clock.advance(Duration.ofMinutes(2));

        assertThat(orders.closeExpired()).isGreaterThanOrEqualTo(1);
        assertThat(orders.byOutTradeNo(merchant.id(), expiring.outTradeNo()).tradeState()).isEqualTo(TradeState.CLOSED);
        assertThat(orders.byOutTradeNo(merchant.id(), defaulted.outTradeNo()).tradeState()).isEqualTo(TradeState.NOTPAY);
        assertRefused(() -> cashier.pay(payer.id(), payer.deviceId(), expiring.prepayId(), TestPayers.PAY_PASSWORD),
                "order_closed");
        assertThat(balance(accounts.openWallet(payer.id()))).isEqualTo(100_00);

        // A time_expire under a minute away is raised to one minute, as WeChat Pay documents.
        PaymentOrder soon = prepay(TradeType.NATIVE, 10_00, clock.instant().plusSeconds(5), null);
        assertThat(soon.timeExpire()).isCloseTo(clock.instant().plusSeconds(60), within(2, ChronoUnit.SECONDS));
    }

    @Test
    void withoutThePasswordOnlyWithinThePasswordFreeSettings() {
        TestPayers.Payer payer = payers.withBalance(100_00);
        PaymentOrder order = prepay(TradeType.NATIVE, 10_00, null, null);

        assertRefused(() -> cashier.pay(payer.id(), payer.deviceId(), order.prepayId(), null), "password_required");
        assertThat(orders.byOutTradeNo(merchant.id(), order.outTradeNo()).tradeState()).isEqualTo(TradeState.NOTPAY);
        assertThat(balance(accounts.openWallet(payer.id()))).isEqualTo(100_00);

        security.passwordFree(payer.id(), true, 20_00);
        assertThat(cashier.pay(payer.id(), payer.deviceId(), order.prepayId(), null).payerTotalFen()).isEqualTo(10_00);
        assertThat(balance(accounts.openWallet(payer.id()))).isEqualTo(90_00);

        assertRefused(() -> cashier.pay(payer.id(), payer.deviceId(), prepay(TradeType.NATIVE, 30_00, null, null)
                .prepayId(), null), "password_required");
    }

    @Test
    void anOrderAboveTheBalanceIsRefusedAndStaysUnpaid() {
        TestPayers.Payer payer = payers.withBalance(5_00);
        PaymentOrder order = prepay(TradeType.NATIVE, 5_01, null, null);

        assertRefused(() -> cashier.pay(payer.id(), payer.deviceId(), order.prepayId(), TestPayers.PAY_PASSWORD),
                "insufficient_balance");
        assertThat(orders.byOutTradeNo(merchant.id(), order.outTradeNo()).tradeState()).isEqualTo(TradeState.NOTPAY);
        assertThat(ledger.transfersByReference("payment:" + order.transactionId())).isEmpty();
        assertThat(balance(accounts.openWallet(payer.id()))).isEqualTo(5_00);
    }

    @Test
    void aJsapiOrderIsSeenAndPaidOnlyByThePayerItNames() {
        TestPayers.Payer payer = payers.withBalance(50_00);
        TestPayers.Payer someoneElse = payers.withBalance(50_00);
        PaymentOrder order = prepay(TradeType.JSAPI, 20_00, null, openIds.openidOf(appid, payer.id()));

        assertRefused(() -> cashier.order(someoneElse.id(), order.prepayId()), "order_not_found");
        assertRefused(() -> cashier.pay(someoneElse.id(), someoneElse.deviceId(), order.prepayId(),
                TestPayers.PAY_PASSWORD), "order_not_found");
        assertThat(cashier.order(payer.id(), order.prepayId()).payable()).isTrue();
        cashier.pay(payer.id(), payer.deviceId(), order.prepayId(), TestPayers.PAY_PASSWORD);
        assertThat(balance(accounts.openWallet(someoneElse.id()))).isEqualTo(50_00);
        assertThat(balance(accounts.openWallet(payer.id()))).isEqualTo(30_00);
    }

    @Test
    void theSamePrepayIsAnsweredWithTheSameOrderAndOtherContentIsRefused() {
        String outTradeNo = newOutTradeNo();
        PaymentOrder first = orders.prepay(merchant.id(), newOrder(TradeType.NATIVE, outTradeNo, 10_00, null, null, "d1"));
        PaymentOrder again = orders.prepay(merchant.id(), newOrder(TradeType.NATIVE, outTradeNo, 10_00, null, null, "d1"));
        assertThat(again.codeUrl()).isEqualTo(first.codeUrl());
        assertThat(again.id()).isEqualTo(first.id());

        assertThatThrownBy(() -> orders.prepay(merchant.id(),
                newOrder(TradeType.NATIVE, outTradeNo, 11_00, null, null, "d2")))
                .isInstanceOfSatisfying(PaymentRefusal.class,
                        r -> assertThat(r.reason()).isEqualTo(PaymentRefusal.Reason.OUT_TRADE_NO_USED));
    }

    @Test
    void aCategoryWithASinglePaymentCapRefusesLargerOrders() {
        MerchantUser owner = applications.signUp("Capped " + UUID.randomUUID(), UUID.randomUUID() + "@shop.test",
                "Owner", TestUsers.PASSWORD);
        ApplicationForm catering = Onboarding.completeForm("Shanghai Capped Games Co., Ltd. " + owner.id());
        applications.save(owner.merchantId(), new ApplicationForm(catering.legalName(), catering.shortName(),
                catering.contactName(), catering.contactPhone(), catering.contactEmail(),
                MerchantCategory.DIGITAL_CONTENT.name(), catering.licenceNumber(), catering.legalRepresentative(),
                catering.siteUrl(), catering.bankName(), catering.bankAccountName(), catering.bankAccountNumber()));
        applications.submit(owner.merchantId(), Actor.merchantUser(owner.id(), owner.displayName()));
        MerchantApplication application = applications.ofMerchant(owner.merchantId()).orElseThrow();
        applications.startReview(application.id(), Onboarding.REVIEWER);
        applications.approve(application.id(), Onboarding.REVIEWER, "fine");
        applications.signContract(owner.merchantId(), Actor.merchantUser(owner.id(), owner.displayName()));
        String cappedAppid = apps.register(owner.merchantId(), AppKind.MOBILE_APP, "Game", List.of()).app().appid();
        String mchid = merchantAccounts.merchant(owner.merchantId()).orElseThrow().mchid().orElseThrow();

        assertThatThrownBy(() -> orders.prepay(owner.merchantId(), new NewOrder(TradeType.APP, cappedAppid, mchid,
                "Gems", newOutTradeNo(), null, null, "https://shop.example.cn/notify", null, 3_000_01, "CNY", null,
                null, null, "cap-1")))
                .isInstanceOfSatisfying(PaymentRefusal.class,
                        r -> assertThat(r.reason()).isEqualTo(PaymentRefusal.Reason.RULE_LIMIT));
        assertThat(orders.prepay(owner.merchantId(), new NewOrder(TradeType.APP, cappedAppid, mchid, "Gems",
                newOutTradeNo(), null, null, "https://shop.example.cn/notify", null, 3_000_00, "CNY", null, null,
                null, "cap-2")).tradeState()).isEqualTo(TradeState.NOTPAY);
    }

    private void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiProblemException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    private PaymentOrder prepay(TradeType type, long totalFen, Instant timeExpire, String openid) {
        return orders.prepay(merchant.id(), newOrder(type, newOutTradeNo(), totalFen, timeExpire, openid,
                UUID.randomUUID().toString()));
    }

    private NewOrder newOrder(TradeType type, String outTradeNo, long totalFen, Instant timeExpire, String openid,
            String digest) {
        return new NewOrder(type, appid, merchant.mchid(), "Flat white", outTradeNo, timeExpire, null,
                "https://shop.example.cn/notify", null, totalFen, "CNY", openid, null, null, digest);
    }

    private static String newOutTradeNo() {
        return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    private long balance(long accountId) {
        // Wallets, settlement accounts and fee income are all credit-normal.
        return ledger.account(accountId).orElseThrow().balances().creditBalance();
    }

    private String signIn(TestPayers.Payer payer) {
        return devices.signIn(payer.user().mobile(), TestUsers.PASSWORD, payer.deviceId(), "Test phone")
                .orElseThrow().token();
    }

    private Answer call(String token, AbstractMockHttpServletRequestBuilder<?> request, Object body) throws Exception {
        request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body));
        }
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        String text = response.getContentAsString();
        return new Answer(response.getStatus(), text.isEmpty() ? json.nullNode() : json.readTree(text));
    }
}
