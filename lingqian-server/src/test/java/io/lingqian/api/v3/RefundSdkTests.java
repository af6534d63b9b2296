package io.lingqian.api.v3;

import static io.lingqian.api.v3.SdkClients.WECHAT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.cipher.PrivacyEncryptor;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.http.HttpHeaders;
import com.wechat.pay.java.core.http.HttpMethod;
import com.wechat.pay.java.core.http.HttpRequest;
import com.wechat.pay.java.core.http.JsonRequestBody;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.Amount;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.refund.RefundService;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.Channel;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.QueryByOutRefundNoRequest;
import com.wechat.pay.java.service.refund.model.Refund;
import com.wechat.pay.java.service.refund.model.Status;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.accounting.TransferCode;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.credentials.PlatformKeys;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.payment.Cashier;
import io.lingqian.payment.NewRefund;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentOrders;
import io.lingqian.payment.RefundRefusal;
import io.lingqian.payment.Refunds;
import io.lingqian.testing.DemoEnvironmentTest;
import io.lingqian.wallet.Bill;
import io.lingqian.wallet.TestPayers;
import io.lingqian.wallet.WalletHistory;

/**
 * Refunds through the official wechatpay-java SDK's {@code RefundService} against the running server:
 * partial and repeated refunds back to the payer's balance with the fee returned to the fen, the
 * order turning REFUND, idempotency, every refusal with WeChat's status and code and the ledger
 * unchanged, and refunds racing past the paid amount. A fresh merchant per test.
 */
@DemoEnvironmentTest
class RefundSdkTests {

    private static final String NOTIFY = "https://shop.example.cn/notify";

    @LocalServerPort
    int port;
    @Autowired
    TestMerchants merchants;
    @Autowired
    MerchantCredentials credentials;
    @Autowired
    PlatformKeys platformKeys;
    @Autowired
    MerchantApps apps;
    @Autowired
    TestPayers payers;
    @Autowired
    Cashier cashier;
    @Autowired
    Refunds refunds;
    @Autowired
    PaymentOrders orders;
    @Autowired
    CustomerAccounts accounts;
    @Autowired
    Ledger ledger;
    @Autowired
    WalletHistory history;
    @Autowired
    AdjustableClock clock;

    ApiTestMerchant merchant;
    String appid;
    RSAPublicKeyConfig config;
    HttpClient http;
    NativePayService nativePay;
    RefundService refundService;

    @BeforeEach
    void merchantWithAppAndSdk() {
        merchant = ApiTestMerchant.create(merchants, credentials);
        appid = apps.register(merchant.merchant().id(), AppKind.OFFICIAL_ACCOUNT, "Shop", List.of()).app().appid();
        config = SdkClients.publicKeyMode(merchant.credentials(), platformKeys.preferred());
        http = SdkClients.http(config, port);
        nativePay = new NativePayService.Builder().httpClient(http).build();
        refundService = new RefundService.Builder().httpClient(http).build();
    }

    @Test
    void twoPartialRefundsGiveThePayerEverythingBackAndTheMerchantItsFeeToTheFen() {
        TestPayers.Payer payer = payers.withBalance(100_00);
        long feeIncomeBefore = balance(PlatformAccount.FEE_INCOME.id());
        Paid paid = paidOrder(payer, 18_00);
        long wallet = accounts.openWallet(payer.id());
        long settlement = accounts.openMerchantSettlement(merchant.merchant().id());
        // 0.6 % of 18.00 is 0.108: 11 fen charged.
        assertThat(balance(settlement)).isEqualTo(18_00 - 11);

        Refund first = refundService.create(request(paid.outTradeNo(), "R1-" + paid.outTradeNo(), 5_00, 18_00));

        assertThat(first.getStatus()).isEqualTo(Status.SUCCESS);
        assertThat(first.getRefundId()).hasSize(29).startsWith("50300");
        assertThat(first.getTransactionId()).isEqualTo(paid.transactionId());
        assertThat(first.getOutTradeNo()).isEqualTo(paid.outTradeNo());
        assertThat(first.getChannel()).isEqualTo(Channel.ORIGINAL);
        assertThat(first.getUserReceivedAccount()).isEqualTo("支付用户零钱");
        assertThat(OffsetDateTime.parse(first.getSuccessTime()).getOffset()).isEqualTo(ZoneOffset.ofHours(8));
        assertThat(first.getCreateTime()).endsWith("+08:00");
        assertThat(first.getAmount().getTotal()).isEqualTo(18_00L);
        assertThat(first.getAmount().getRefund()).isEqualTo(5_00L);
        assertThat(first.getAmount().getPayerTotal()).isEqualTo(18_00L);
        assertThat(first.getAmount().getPayerRefund()).isEqualTo(5_00L);
        assertThat(first.getAmount().getDiscountRefund()).isZero();
        assertThat(first.getAmount().getSettlementRefund()).isEqualTo(5_00L);
        assertThat(first.getAmount().getCurrency()).isEqualTo("CNY");
        // round(11 × 500 / 1800) = round(3.06) = 3 fen of the fee comes back.
        assertThat(first.getAmount().getRefundFee()).isEqualTo(3L);
        assertThat(balance(wallet)).isEqualTo(82_00 + 5_00);
        assertThat(balance(settlement)).isEqualTo(18_00 - 11 - 5_00 + 3);
        assertThat(queryOrder(paid.outTradeNo()).getTradeState()).isEqualTo(Transaction.TradeStateEnum.REFUND);
        assertThat(queryOrder(paid.outTradeNo()).getTradeStateDesc()).isEqualTo("转入退款");

        Refund second = refundService.create(request(paid.outTradeNo(), "R2-" + paid.outTradeNo(), 13_00, 18_00));

        // Everything is refunded: the rest of the fee, 11 − 3 = 8 fen, comes back with it.
        assertThat(second.getAmount().getRefundFee()).isEqualTo(8L);
        assertThat(balance(wallet)).isEqualTo(100_00);
        assertThat(balance(settlement)).isZero();
        assertThat(balance(PlatformAccount.FEE_INCOME.id()) - feeIncomeBefore).isZero();

        Refund queried = refundService.queryByOutRefundNo(byOutRefundNo("R1-" + paid.outTradeNo()));
        assertThat(queried.getRefundId()).isEqualTo(first.getRefundId());
        assertThat(queried.getStatus()).isEqualTo(Status.SUCCESS);
        assertThat(queried.getAmount().getRefundFee()).isEqualTo(3L);

        assertError(() -> refundService.create(request(paid.outTradeNo(), "R3-" + paid.outTradeNo(), 1, 18_00)),
                400, "INVALID_REQUEST");
        assertThat(balance(wallet)).isEqualTo(100_00);

        List<Bill> bills = history.bills(payer.id(), null, "REFUND");
        assertThat(bills).extracting(Bill::reference)
                .containsExactlyInAnyOrder("refund:" + first.getRefundId(), "refund:" + second.getRefundId());
        assertThat(bills).extracting(Bill::amountFen).containsExactlyInAnyOrder(5_00L, 13_00L);
        assertThat(history.bill(payer.id(), "refund:" + first.getRefundId()).movements())
                .extracting(Bill.Movement::code).contains("REFUND", "FEE_REFUND");
    }

    @Test
    void theSameRequestAgainAnswersTheSameRefundAndOtherContentIsRefused() {
        TestPayers.Payer payer = payers.withBalance(50_00);
        Paid paid = paidOrder(payer, 30_00);
        String outRefundNo = "R-" + paid.outTradeNo();
        Refund first = refundService.create(request(paid.outTradeNo(), outRefundNo, 10_00, 30_00));
        long wallet = balance(accounts.openWallet(payer.id()));

        Refund again = refundService.create(request(paid.outTradeNo(), outRefundNo, 10_00, 30_00));

        assertThat(again.getRefundId()).isEqualTo(first.getRefundId());
        assertThat(balance(accounts.openWallet(payer.id()))).as("nothing moved twice").isEqualTo(wallet);
        assertError(() -> refundService.create(request(paid.outTradeNo(), outRefundNo, 11_00, 30_00)),
                400, "INVALID_REQUEST");
        CreateRequest byTransactionId = request(null, "T-" + paid.outTradeNo(), 1_00, 30_00);
        byTransactionId.setTransactionId(paid.transactionId());
        assertThat(refundService.create(byTransactionId).getOutTradeNo()).isEqualTo(paid.outTradeNo());
        assertThat(balance(accounts.openWallet(payer.id()))).isEqualTo(wallet + 1_00);
    }

    @Test
    void unpaidUnknownAndAnotherMerchantsOrdersAreNotFoundAndTheirRefundsNeither() {
        Paid paid = paidOrder(payers.withBalance(20_00), 10_00);
        refundService.create(request(paid.outTradeNo(), "R-" + paid.outTradeNo(), 1_00, 10_00));
        String unpaid = outTradeNo();
        nativePay.prepay(nativeRequest(unpaid, 10_00));

        assertError(() -> refundService.create(request(unpaid, "U-" + unpaid, 1_00, 10_00)), 404,
                "RESOURCE_NOT_EXISTS");
        assertError(() -> refundService.create(request("never-" + unpaid.substring(0, 8), "N-" + unpaid, 1_00, 10_00)),
                404, "RESOURCE_NOT_EXISTS");
        assertError(() -> refundService.queryByOutRefundNo(byOutRefundNo("U-" + unpaid)), 404, "RESOURCE_NOT_EXISTS");

        long settlementBefore = balance(accounts.openMerchantSettlement(merchant.merchant().id()));
        merchantWithAppAndSdk();

        assertError(() -> refundService.create(request(paid.outTradeNo(), "X-" + paid.outTradeNo(), 1_00, 10_00)),
                404, "RESOURCE_NOT_EXISTS");
        CreateRequest byTransactionId = request(null, "Y-" + paid.outTradeNo(), 1_00, 10_00);
        byTransactionId.setTransactionId(paid.transactionId());
        assertError(() -> refundService.create(byTransactionId), 404, "RESOURCE_NOT_EXISTS");
        assertError(() -> refundService.queryByOutRefundNo(byOutRefundNo("R-" + paid.outTradeNo())), 404,
                "RESOURCE_NOT_EXISTS");
        assertThat(balance(accounts.openMerchantSettlement(paid.merchantId()))).isEqualTo(settlementBefore);
    }

    @Test
    void anOrderTakesFiftyRefundsAndNotOneMore() {
        Paid paid = paidOrder(payers.withBalance(10_00), 1_00);
        for (int i = 1; i < 50; i++) {
            refunds.refund(paid.merchantId(), new NewRefund(null, paid.outTradeNo(), "C" + i + "-" + paid.outTradeNo(),
                    null, null, 1, 1_00, List.of(), "digest-" + i));
        }
        assertThat(refundService.create(request(paid.outTradeNo(), "C50-" + paid.outTradeNo(), 1, 1_00)).getStatus())
                .isEqualTo(Status.SUCCESS);

        assertError(() -> refundService.create(request(paid.outTradeNo(), "C51-" + paid.outTradeNo(), 1, 1_00)), 400,
                "INVALID_REQUEST");
        assertThat(refunds.refundable(orderOf(paid))).isEqualTo(50);
    }

    @Test
    void aMerchantWhoseTakingsWerePaidOutGetsNotEnoughAndNothingMoves() {
        TestPayers.Payer payer = payers.withBalance(20_00);
        Paid paid = paidOrder(payer, 10_00);
        long settlement = accounts.openMerchantSettlement(merchant.merchant().id());
        // As if the day's settlement had paid out all but 2 yuan.
        assertThat(ledger.createTransfer(TransferRequest.single("test-payout-" + paid.outTradeNo(), settlement,
                PlatformAccount.OPERATOR_CAPITAL.id(), balance(settlement) - 2_00, Ledger.CNY,
                TransferCode.ADJUSTMENT.code(), null)).ok()).isTrue();
        long wallet = balance(accounts.openWallet(payer.id()));

        assertError(() -> refundService.create(request(paid.outTradeNo(), "R-" + paid.outTradeNo(), 5_00, 10_00)), 403,
                "NOT_ENOUGH");

        assertThat(balance(settlement)).isEqualTo(2_00);
        assertThat(balance(accounts.openWallet(payer.id()))).isEqualTo(wallet);
        assertThat(queryOrder(paid.outTradeNo()).getTradeState()).isEqualTo(Transaction.TradeStateEnum.SUCCESS);
        assertError(() -> refundService.queryByOutRefundNo(byOutRefundNo("R-" + paid.outTradeNo())), 404,
                "RESOURCE_NOT_EXISTS");
        assertThat(refundService.create(request(paid.outTradeNo(), "S-" + paid.outTradeNo(), 2_00, 10_00)).getStatus())
                .as("what the balance covers, net of the fee returned").isEqualTo(Status.SUCCESS);
    }

    @Test
    void refundsRacingPastThePaidAmountLetExactlyThoseThatFitThrough() throws Exception {
        TestPayers.Payer payer = payers.withBalance(100_00);
        Paid paid = paidOrder(payer, 100_00);
        long wallet = accounts.openWallet(payer.id());
        long settlement = accounts.openMerchantSettlement(merchant.merchant().id());
        long settlementBefore = balance(settlement);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String outRefundNo = "P" + i + "-" + paid.outTradeNo();
            attempts.add(() -> {
                try {
                    refunds.refund(paid.merchantId(), new NewRefund(null, paid.outTradeNo(), outRefundNo, null, null,
                            30_00, 100_00, List.of(), "digest-" + outRefundNo));
                    return true;
                } catch (RefundRefusal refused) {
                    assertThat(refused.reason()).isEqualTo(RefundRefusal.Reason.INVALID);
                    return false;
                }
            });
        }
        List<Boolean> outcomes = new ArrayList<>();
        for (Future<Boolean> f : threads.invokeAll(attempts)) {
            outcomes.add(f.get());
        }
        threads.shutdown();

        assertThat(outcomes.stream().filter(ok -> ok).count()).isEqualTo(3);
        assertThat(balance(wallet)).isEqualTo(90_00);
        // The fee on 100.00 is 60 fen; 90 % refunded returns round(54) = 54 of it.
        assertThat(balance(settlement)).isEqualTo(settlementBefore - 90_00 + 54);
        assertThat(refunds.refundable(orderOf(paid))).isEqualTo(10_00);
    }

    @Test
    void aRefundAYearAndADayAfterThePaymentIsRefused() {
        Paid paid = paidOrder(payers.withBalance(10_00), 5_00);
        clock.advance(Duration.ofDays(366));

        assertError(() -> refundService.create(request(paid.outTradeNo(), "R-" + paid.outTradeNo(), 1_00, 5_00)), 400,
                "INVALID_REQUEST");
    }

    @Test
    void malformedRefundRequestsAreRefusedNamingTheField() {
        Paid paid = paidOrder(payers.withBalance(10_00), 5_00);
        String no = paid.outTradeNo();
        String amount = ",\"amount\":{\"refund\":100,\"total\":500,\"currency\":\"CNY\"}";

        assertRaw("{\"out_refund_no\":\"A-" + no + "\"" + amount + "}", 400, "PARAM_ERROR");
        assertRaw("{\"out_trade_no\":\"" + no + "\"" + amount + "}", 400, "PARAM_ERROR");
        assertRaw("{\"out_trade_no\":\"" + no + "\",\"out_refund_no\":\"a b\"" + amount + "}", 400, "PARAM_ERROR");
        assertRaw("{\"out_trade_no\":\"" + no + "\",\"out_refund_no\":\"B-" + no
                + "\",\"amount\":{\"refund\":100,\"total\":500,\"currency\":\"USD\"}}", 400, "PARAM_ERROR");
        assertRaw("{\"out_trade_no\":\"" + no + "\",\"out_refund_no\":\"C-" + no
                + "\",\"amount\":{\"refund\":\"100\",\"total\":500,\"currency\":\"CNY\"}}", 400, "PARAM_ERROR");
        assertRaw("{\"out_trade_no\":\"" + no + "\",\"out_refund_no\":\"D-" + no
                + "\",\"amount\":{\"refund\":100,\"total\":500,\"currency\":\"CNY\",\"from\":[{\"account\":\"AVAILABLE\","
                + "\"amount\":60}]}}", 400, "PARAM_ERROR");
        assertRaw("{\"out_trade_no\":\"" + no + "\",\"out_refund_no\":\"E-" + no + "\",\"funds_account\":\"BASIC\""
                + amount + "}", 400, "PARAM_ERROR");
        assertRaw("{\"out_trade_no\":\"" + no + "\",\"out_refund_no\":\"F-" + no + "\"" + amount
                + ",\"goods_detail\":[{\"merchant_goods_id\":\"g1\",\"unit_price\":100,\"refund_amount\":100}]}", 400,
                "PARAM_ERROR");
        assertRaw("{\"out_trade_no\":\"" + no + "\",\"out_refund_no\":\"G-" + no
                + "\",\"amount\":{\"refund\":100,\"total\":499,\"currency\":\"CNY\"}}", 400, "INVALID_REQUEST");
        assertRaw("{\"out_trade_no\":\"" + no + "\",\"out_refund_no\":\"H-" + no + "\",\"notify_url\":\"ftp://x\""
                + amount + "}", 400, "PARAM_ERROR");

        assertThat(refunds.refundable(orderOf(paid))).as("nothing was refunded").isEqualTo(5_00);
        Refund withFrom = refundService.create(fromRequest(no, "I-" + no));
        assertThat(withFrom.getAmount().getFrom()).extracting(f -> f.getAccount().name(), f -> f.getAmount())
                .containsExactly(tuple("AVAILABLE", 60L), tuple("UNAVAILABLE", 40L));
    }

    @Test
    void aBalanceRefundIsNeverAbnormalSoReApplyingItIsRefused() {
        Paid paid = paidOrder(payers.withBalance(10_00), 5_00);
        Refund refund = refundService.create(request(paid.outTradeNo(), "R-" + paid.outTradeNo(), 1_00, 5_00));
        PrivacyEncryptor encryptor = config.createEncryptor();
        String serial = encryptor.getWechatpaySerial();
        String path = "/v3/refund/domestic/refunds/" + refund.getRefundId() + "/apply-abnormal-refund";

        assertError(() -> post(path, abnormal(paid, encryptor.encrypt("6222020200112233445"), encryptor.encrypt("张伟")),
                serial), 400, "INVALID_REQUEST");
        assertError(() -> post(path, abnormal(paid, encryptor.encrypt("6222020200112233445"), "bm90IGVuY3J5cHRlZA=="),
                serial), 400, "PARAM_ERROR");
        assertError(() -> post("/v3/refund/domestic/refunds/50300000000000000000000000001/apply-abnormal-refund",
                abnormal(paid, encryptor.encrypt("6222020200112233445"), encryptor.encrypt("张伟")), serial), 404,
                "RESOURCE_NOT_EXISTS");
        assertThat(refundService.queryByOutRefundNo(byOutRefundNo("R-" + paid.outTradeNo())).getStatus())
                .isEqualTo(Status.SUCCESS);
    }

    private static String abnormal(Paid paid, String bankAccount, String realName) {
        return "{\"out_refund_no\":\"R-" + paid.outTradeNo() + "\",\"type\":\"USER_BANK_CARD\","
                + "\"bank_type\":\"ICBC_DEBIT\",\"bank_account\":\"" + bankAccount + "\",\"real_name\":\""
                + realName + "\"}";
    }

    private record Paid(long merchantId, String outTradeNo, String transactionId, String prepayId) {
    }

    private Paid paidOrder(TestPayers.Payer payer, int totalFen) {
        String outTradeNo = outTradeNo();
        String codeUrl = nativePay.prepay(nativeRequest(outTradeNo, totalFen)).getCodeUrl();
        String prepayId = cashier.scan(payer.id(), codeUrl).prepayId();
        String transactionId = cashier.pay(payer.id(), payer.deviceId(), prepayId, TestPayers.PAY_PASSWORD)
                .transactionId();
        return new Paid(merchant.merchant().id(), outTradeNo, transactionId, prepayId);
    }

    private PaymentOrder orderOf(Paid paid) {
        return orders.byOutTradeNo(paid.merchantId(), paid.outTradeNo());
    }

    private long balance(long account) {
        return ledger.account(account).orElseThrow().balances().creditBalance();
    }

    private CreateRequest request(String outTradeNo, String outRefundNo, long refundFen, long totalFen) {
        CreateRequest request = new CreateRequest();
        request.setOutTradeNo(outTradeNo);
        request.setOutRefundNo(outRefundNo);
        request.setReason("顾客退货");
        request.setNotifyUrl(NOTIFY);
        AmountReq amount = new AmountReq();
        amount.setRefund(refundFen);
        amount.setTotal(totalFen);
        amount.setCurrency("CNY");
        request.setAmount(amount);
        return request;
    }

    private CreateRequest fromRequest(String outTradeNo, String outRefundNo) {
        CreateRequest request = request(outTradeNo, outRefundNo, 1_00, 5_00);
        var available = new com.wechat.pay.java.service.refund.model.FundsFromItem();
        available.setAccount(com.wechat.pay.java.service.refund.model.Account.AVAILABLE);
        available.setAmount(60L);
        var unavailable = new com.wechat.pay.java.service.refund.model.FundsFromItem();
        unavailable.setAccount(com.wechat.pay.java.service.refund.model.Account.UNAVAILABLE);
        unavailable.setAmount(40L);
        request.getAmount().setFrom(List.of(available, unavailable));
        return request;
    }

    private QueryByOutRefundNoRequest byOutRefundNo(String outRefundNo) {
        QueryByOutRefundNoRequest request = new QueryByOutRefundNoRequest();
        request.setOutRefundNo(outRefundNo);
        return request;
    }

    private Transaction queryOrder(String outTradeNo) {
        QueryOrderByOutTradeNoRequest request = new QueryOrderByOutTradeNoRequest();
        request.setMchid(merchant.mchid());
        request.setOutTradeNo(outTradeNo);
        return nativePay.queryOrderByOutTradeNo(request);
    }

    private PrepayRequest nativeRequest(String outTradeNo, int totalFen) {
        PrepayRequest request = new PrepayRequest();
        request.setAppid(appid);
        request.setMchid(merchant.mchid());
        request.setDescription("零钱 coffee");
        request.setOutTradeNo(outTradeNo);
        request.setNotifyUrl(NOTIFY);
        Amount amount = new Amount();
        amount.setTotal(totalFen);
        amount.setCurrency("CNY");
        request.setAmount(amount);
        return request;
    }

    private void assertRaw(String body, int status, String code) {
        assertError(() -> post("/v3/refund/domestic/refunds", body, null), status, code);
    }

    private Object post(String path, String body, String wechatpaySerial) {
        HttpHeaders headers = new HttpHeaders();
        headers.addHeader("Accept", "application/json");
        headers.addHeader("Content-Type", "application/json");
        if (wechatpaySerial != null) {
            headers.addHeader("Wechatpay-Serial", wechatpaySerial);
        }
        return http.execute(new HttpRequest.Builder().httpMethod(HttpMethod.POST).url(WECHAT + path).headers(headers)
                .body(new JsonRequestBody.Builder().body(body).build()).build(), Object.class);
    }

    private static void assertError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int status,
            String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.getHttpStatusCode()).isEqualTo(status);
            assertThat(e.getErrorCode()).isEqualTo(code);
            assertThat(e.getErrorMessage()).isNotBlank();
        });
    }

    private static String outTradeNo() {
        return "LQ" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }
}
