package io.lingqian.api.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.github.binarywang.wxpay.bean.request.WxPayMicropayRequest;
import com.github.binarywang.wxpay.bean.request.WxPayOrderReverseRequest;
import com.github.binarywang.wxpay.bean.result.WxPayMicropayResult;
import com.github.binarywang.wxpay.bean.result.WxPayOrderQueryResult;
import com.github.binarywang.wxpay.bean.result.WxPayOrderReverseResult;
import com.github.binarywang.wxpay.exception.WxPayException;
import com.github.binarywang.wxpay.service.WxPayService;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.ledger.Ledger;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.payment.PaymentCodeCashier;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentOrders;
import io.lingqian.payment.TradeState;
import io.lingqian.risk.Freeze;
import io.lingqian.risk.WalletFreezes;
import io.lingqian.testing.DemoEnvironmentTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.PaymentCodes;
import io.lingqian.wallet.PaymentSecurity;
import io.lingqian.wallet.TestPayers;
import io.lingqian.wallet.WalletDevices;

/**
 * The payment code through WxJava (weixin-java-pay 4.7.0), unchanged, against the running server
 * over the v2 XML protocol: WxJava signs each request with the v2 API key and verifies the signature
 * of each answer, so every call that returns proves both directions. Money is checked to the fen.
 */
@DemoEnvironmentTest
class PaymentCodeTests {

    @LocalServerPort
    int port;
    @Autowired
    TestMerchants merchants;
    @Autowired
    MerchantCredentials credentials;
    @Autowired
    MerchantApps apps;
    @Autowired
    TestPayers payers;
    @Autowired
    PaymentCodes codes;
    @Autowired
    PaymentSecurity security;
    @Autowired
    WalletDevices devices;
    @Autowired
    PaymentOrders orders;
    @Autowired
    PaymentCodeCashier paymentCodes;
    @Autowired
    CustomerAccounts accounts;
    @Autowired
    Ledger ledger;
    @Autowired
    AdjustableClock clock;

    @Autowired
    WalletFreezes freezes;

    @Autowired
    JdbcClient jdbc;

    TestMerchants.ApprovedMerchant merchant;
    WxPayClients.V2Signer signer;

    @BeforeEach
    void merchantWithV2Key() {
        merchant = merchants.approved();
        String appid = apps.register(merchant.id(), AppKind.OFFICIAL_ACCOUNT, "Till", List.of()).app().appid();
        signer = WxPayClients.V2Signer.issue(credentials, merchant.id(), merchant.mchid(), appid);
    }

    private WxPayService wxPay(String signType) {
        return WxPayClients.v2(signer, port).signType(signType).build();
    }

    private WxPayService wxPay() {
        return wxPay("MD5");
    }

    private static WxPayMicropayRequest charge(String outTradeNo, int fen, String authCode) {
        return WxPayMicropayRequest.newBuilder().body("Flat white").outTradeNo(outTradeNo).totalFee(fen)
                .spbillCreateIp("10.0.0.8").authCode(authCode).deviceInfo("TILL-01").build();
    }

    private static String outTradeNo() {
        return "MP" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    private long balance(long account) {
        return ledger.account(account).orElseThrow().balances().creditBalance();
    }

    @Test
    void aPasswordFreeCodeIsPaidAtOnceAndTheMoneyMovesLikeAnyPayment() throws Exception {
        TestPayers.Payer payer = payers.withBalance(100_00);
        security.passwordFree(payer.id(), true, 50_00);
        long feeIncome = balance(PlatformAccount.FEE_INCOME.id());
        String no = outTradeNo();
        String code = codes.issue(payer.id(), payer.deviceId()).code();

        WxPayMicropayResult paid = wxPay("HMAC-SHA256").micropay(charge(no, 12_34, code));

        assertThat(paid.getResultCode()).isEqualTo("SUCCESS");
        assertThat(paid.getTradeType()).isEqualTo("MICROPAY");
        assertThat(paid.getTransactionId()).matches("4200000005\\d{18}");
        assertThat(paid.getTotalFee()).isEqualTo(12_34);
        assertThat(paid.getCashFee()).isEqualTo(12_34);
        assertThat(paid.getOutTradeNo()).isEqualTo(no);
        assertThat(paid.getOpenid()).isNotBlank();
        assertThat(paid.getTimeEnd()).matches("\\d{14}");
        // 0.6 % of 12.34 is 0.074: 7 fen.
        assertThat(balance(accounts.openWallet(payer.id()))).isEqualTo(100_00 - 12_34);
        assertThat(balance(accounts.openMerchantSettlement(merchant.id()))).isEqualTo(12_34 - 7);
        assertThat(balance(PlatformAccount.FEE_INCOME.id()) - feeIncome).isEqualTo(7);
        assertThat(ledger.transfersByReference("payment:" + paid.getTransactionId())).hasSize(2);

        WxPayOrderQueryResult query = wxPay().queryOrder(null, no);
        assertThat(query.getTradeState()).isEqualTo("SUCCESS");
        assertThat(query.getTransactionId()).isEqualTo(paid.getTransactionId());

        // The same request again (a retry after a lost answer) charges nothing more.
        WxPayMicropayResult again = wxPay("HMAC-SHA256").micropay(charge(no, 12_34, code));
        assertThat(again.getTransactionId()).isEqualTo(paid.getTransactionId());
        assertThat(balance(accounts.openWallet(payer.id()))).isEqualTo(100_00 - 12_34);
    }

    @Test
    void withoutPasswordFreeTheOrderWaitsForThePasswordInTheWalletThenSucceeds() throws Exception {
        TestPayers.Payer payer = payers.withBalance(100_00);
        String no = outTradeNo();

        assertThatThrownBy(() -> wxPay().micropay(charge(no, 30_00, codes.issue(payer.id(), payer.deviceId()).code())))
                .isInstanceOfSatisfying(WxPayException.class, e -> assertThat(e.getErrCode()).isEqualTo("USERPAYING"));
        assertThat(wxPay().queryOrder(null, no).getTradeState()).isEqualTo("USERPAYING");
        assertThat(balance(accounts.openWallet(payer.id()))).isEqualTo(100_00);

        String token = devices.signIn(payer.user().mobile(), TestUsers.PASSWORD, payer.deviceId(), "Phone")
                .orElseThrow().token();
        String waiting = wallet(token, "GET", "/api/wallet/cashier/waiting", null);
        PaymentOrder order = orders.byOutTradeNo(merchant.id(), no);
        assertThat(waiting).contains(order.prepayId()).contains("\"amountFen\":3000");
        // Another user sees nothing of it.
        TestPayers.Payer other = payers.withBalance(0);
        String otherToken = devices.signIn(other.user().mobile(), TestUsers.PASSWORD, other.deviceId(), "Phone")
                .orElseThrow().token();
        assertThat(wallet(otherToken, "GET", "/api/wallet/cashier/waiting", null)).isEqualTo("[]");

        wallet(token, "POST", "/api/wallet/cashier/orders/" + order.prepayId() + "/pay",
                "{\"paymentPassword\":\"" + TestPayers.PAY_PASSWORD + "\"}");

        WxPayOrderQueryResult query = wxPay().queryOrder(null, no);
        assertThat(query.getTradeState()).isEqualTo("SUCCESS");
        assertThat(query.getCashFee()).isEqualTo(30_00);
        assertThat(balance(accounts.openWallet(payer.id()))).isEqualTo(70_00);
        assertThat(wallet(token, "GET", "/api/wallet/cashier/waiting", null)).isEqualTo("[]");
    }

    /** Found by the simulation's payment-code step: the refusal's long message broke the order's history. */
    @Test
    void aFrozenPayersCodeIsRefusedAsATradeErrorNotAFailure() throws Exception {
        TestPayers.Payer payer = payers.withBalance(10_00);
        String code = codes.issue(payer.id(), payer.deviceId()).code();
        freezes.freeze(payer.id(), Freeze.Source.STAFF, "payment code test", "test", clock.instant().plus(Duration.ofHours(1)));
        String no = outTradeNo();

        assertThatThrownBy(() -> wxPay().micropay(charge(no, 5_00, code)))
                .isInstanceOfSatisfying(WxPayException.class, e -> assertThat(e.getErrCode()).isEqualTo("TRADE_ERROR"));

        assertThat(wxPay().queryOrder(null, no).getTradeState()).isEqualTo("PAYERROR");
        assertThat(jdbc.sql("SELECT reason FROM payment_order_event WHERE order_id = :o AND to_state = 'PAYERROR'")
                .param("o", orders.byOutTradeNo(merchant.id(), no).id()).query(String.class).single())
                .startsWith("TRADE_ERROR: Your wallet is frozen").hasSizeLessThanOrEqualTo(200);
        assertThat(balance(accounts.openWallet(payer.id()))).isEqualTo(10_00);
    }

    @Test
    void thePayerMayDeclineAWaitingPaymentAndTheMerchantSeesPayError() throws Exception {
        TestPayers.Payer payer = payers.withBalance(10_00);
        String no = outTradeNo();
        assertThatThrownBy(() -> wxPay().micropay(charge(no, 5_00, codes.issue(payer.id(), payer.deviceId()).code())))
                .isInstanceOfSatisfying(WxPayException.class, e -> assertThat(e.getErrCode()).isEqualTo("USERPAYING"));

        paymentCodes.cancel(payer.id(), orders.byOutTradeNo(merchant.id(), no).prepayId());

        assertThat(wxPay().queryOrder(null, no).getTradeState()).isEqualTo("PAYERROR");
        assertThat(balance(accounts.openWallet(payer.id()))).isEqualTo(10_00);
    }

    @Test
    void reversingAWaitingOrderRevokesItAndReversingAPaidOneGivesTheMoneyBack() throws Exception {
        TestPayers.Payer payer = payers.withBalance(100_00);
        String waiting = outTradeNo();
        assertThatThrownBy(() -> wxPay().micropay(charge(waiting, 8_00, codes.issue(payer.id(), payer.deviceId()).code())))
                .isInstanceOf(WxPayException.class);

        WxPayOrderReverseResult revoked = wxPay().reverseOrder(WxPayOrderReverseRequest.newBuilder()
                .outTradeNo(waiting).build());
        assertThat(revoked.getResultCode()).isEqualTo("SUCCESS");
        assertThat(revoked.getIsRecall()).isEqualTo("N");
        assertThat(wxPay().queryOrder(null, waiting).getTradeState()).isEqualTo("REVOKED");
        // The payer can no longer confirm it.
        assertThat(paymentCodes.waiting(payer.id())).isEmpty();

        security.passwordFree(payer.id(), true, 50_00);
        long feeIncome = balance(PlatformAccount.FEE_INCOME.id());
        String paidNo = outTradeNo();
        WxPayMicropayResult paid = wxPay().micropay(charge(paidNo, 40_00, codes.issue(payer.id(), payer.deviceId()).code()));
        assertThat(balance(accounts.openWallet(payer.id()))).isEqualTo(60_00);

        WxPayOrderReverseResult reversed = wxPay().reverseOrder(WxPayOrderReverseRequest.newBuilder()
                .transactionId(paid.getTransactionId()).build());
        assertThat(reversed.getResultCode()).isEqualTo("SUCCESS");
        assertThat(wxPay().queryOrder(paid.getTransactionId(), null).getTradeState()).isEqualTo("REVOKED");
        assertThat(balance(accounts.openWallet(payer.id()))).isEqualTo(100_00);
        assertThat(balance(accounts.openMerchantSettlement(merchant.id()))).isZero();
        assertThat(balance(PlatformAccount.FEE_INCOME.id())).isEqualTo(feeIncome);
        assertThat(ledger.transfersByReference(PaymentCodeCashier.reverseReference(paid.getTransactionId())))
                .hasSize(2);

        // Reversing again (a lost answer) moves nothing.
        assertThat(wxPay().reverseOrder(WxPayOrderReverseRequest.newBuilder().outTradeNo(paidNo).build())
                .getResultCode()).isEqualTo("SUCCESS");
        assertThat(balance(accounts.openWallet(payer.id()))).isEqualTo(100_00);
        // The same out_trade_no cannot be charged again.
        assertThatThrownBy(() -> wxPay().micropay(charge(paidNo, 40_00, codes.issue(payer.id(), payer.deviceId()).code())))
                .isInstanceOfSatisfying(WxPayException.class, e -> assertThat(e.getErrCode()).isEqualTo("OUT_TRADE_NO_USED"));
    }

    @Test
    void aWrongKeyIsRefusedAndNothingHappens() {
        TestPayers.Payer payer = payers.withBalance(10_00);
        security.passwordFree(payer.id(), true, 50_00);
        String code = codes.issue(payer.id(), payer.deviceId()).code();
        String no = outTradeNo();

        WxPayService wrongKey = WxPayClients.v2(signer, port).signType("MD5").key("X".repeat(32)).build();
        assertThatThrownBy(() -> wrongKey.micropay(charge(no, 1_00, code)))
                .isInstanceOfSatisfying(WxPayException.class, e -> {
                    assertThat(e.getReturnCode()).isEqualTo("FAIL");
                    assertThat(e.getReturnMsg()).isEqualTo("签名错误");
                });
        assertThat(balance(accounts.openWallet(payer.id()))).isEqualTo(10_00);
        // The code was not spent: the real merchant can still charge it.
        assertThat(codes.redeem(code).userId()).isEqualTo(payer.id());
    }

    @Test
    void expiredUsedMalformedAndUnknownCodesHaveTheirErrCodes() throws Exception {
        TestPayers.Payer payer = payers.withBalance(10_00);
        security.passwordFree(payer.id(), true, 50_00);

        String expired = codes.issue(payer.id(), payer.deviceId()).code();
        clock.advance(Duration.ofSeconds(61));
        assertErrCode(charge(outTradeNo(), 1_00, expired), "AUTHCODEEXPIRE");

        String used = codes.issue(payer.id(), payer.deviceId()).code();
        wxPay().micropay(charge(outTradeNo(), 1_00, used));
        assertErrCode(charge(outTradeNo(), 1_00, used), "AUTHCODEEXPIRE");

        assertErrCode(charge(outTradeNo(), 1_00, "99" + "0".repeat(16)), "AUTH_CODE_INVALID");
        assertErrCode(charge(outTradeNo(), 1_00, "10" + "0".repeat(16)), "AUTH_CODE_ERROR");
        assertThat(balance(accounts.openWallet(payer.id()))).isEqualTo(9_00);
    }

    @Test
    void anInsufficientBalanceIsNotEnoughAndTheOrderFails() throws Exception {
        TestPayers.Payer payer = payers.withBalance(3_00);
        security.passwordFree(payer.id(), true, 50_00);
        String no = outTradeNo();

        assertErrCode(charge(no, 5_00, codes.issue(payer.id(), payer.deviceId()).code()), "NOTENOUGH");

        assertThat(wxPay().queryOrder(null, no).getTradeState()).isEqualTo("PAYERROR");
        assertThat(orders.byOutTradeNo(merchant.id(), no).tradeState()).isEqualTo(TradeState.PAYERROR);
        assertThat(balance(accounts.openWallet(payer.id()))).isEqualTo(3_00);
        assertThat(balance(accounts.openMerchantSettlement(merchant.id()))).isZero();
    }

    @Test
    void anUnknownOrderIsOrderNotExist() {
        assertThatThrownBy(() -> wxPay().queryOrder(null, outTradeNo()))
                .isInstanceOfSatisfying(WxPayException.class, e -> assertThat(e.getErrCode()).isEqualTo("ORDERNOTEXIST"));
    }

    private void assertErrCode(WxPayMicropayRequest request, String errCode) {
        assertThatThrownBy(() -> wxPay().micropay(request))
                .isInstanceOfSatisfying(WxPayException.class, e -> assertThat(e.getErrCode()).isEqualTo(errCode));
    }

    private String wallet(String token, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
