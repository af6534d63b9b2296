package io.lingqian.api.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.github.binarywang.wxpay.bean.entpay.EntPayQueryResult;
import com.github.binarywang.wxpay.bean.entpay.EntPayRequest;
import com.github.binarywang.wxpay.bean.entpay.EntPayResult;
import com.github.binarywang.wxpay.exception.WxPayException;
import com.github.binarywang.wxpay.service.WxPayService;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.PartnerBank;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.accounting.TransferCode;
import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.Transfer;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.merchant.OpenIds;
import io.lingqian.risk.RiskBlacklist;
import io.lingqian.testing.DemoEnvironmentTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.Bill;
import io.lingqian.wallet.TestPayers;
import io.lingqian.wallet.WalletHistory;

/**
 * The enterprise payment to balance (企业付款到零钱) through WxJava's {@code EntPayService}, unchanged,
 * against the running server: WxJava signs with the v2 key, verifies each answer's signature and needs a
 * PKCS#12 client certificate (password = mchid) even over http, which the test makes from the
 * merchant's API certificate. Money is checked in the ledger to the fen; every refusal is checked to
 * have moved nothing.
 */
@DemoEnvironmentTest
class EnterprisePaymentTests {

    @LocalServerPort
    int port;
    @Autowired
    TestMerchants merchants;
    @Autowired
    MerchantCredentials credentials;
    @Autowired
    MerchantApps apps;
    @Autowired
    OpenIds openIds;
    @Autowired
    TestPayers payers;
    @Autowired
    TestUsers users;
    @Autowired
    CustomerAccounts accounts;
    @Autowired
    Ledger ledger;
    @Autowired
    RiskBlacklist blacklist;
    @Autowired
    WalletHistory history;

    TestMerchants.ApprovedMerchant merchant;
    String appid;
    long settlement;
    WxPayService wxPay;

    @BeforeEach
    void merchantWithV2KeyAndCertificate() {
        merchant = merchants.approved();
        appid = apps.register(merchant.id(), AppKind.OFFICIAL_ACCOUNT, "Rewards", List.of()).app().appid();
        wxPay = WxPayClients.v2(WxPayClients.V2Signer.issue(credentials, merchant.id(), merchant.mchid(), appid), port)
                .build();
        settlement = accounts.openMerchantSettlement(merchant.id());
    }

    /** Money paid in at the bank, not taken from the operator's capital, which other tests allocate from. */
    private void fund(long fen) {
        ledger.createTransfer(TransferRequest.single("test-fund-" + UUID.randomUUID(),
                PlatformAccount.bankReserve(PartnerBank.CMB).id(), settlement, fen, Ledger.CNY, TransferCode.ADJUSTMENT.code(),
                "test")).orThrow();
    }

    private long balance(long account) {
        return ledger.account(account).orElseThrow().balances().creditBalance();
    }

    private static String tradeNo() {
        return "EP" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    private EntPayRequest payment(String tradeNo, String openid, int fen, String checkName, String name) {
        return EntPayRequest.newBuilder().partnerTradeNo(tradeNo).openid(openid).checkName(checkName)
                .reUserName(name).amount(fen).description("Cashback for October").spbillCreateIp("10.0.0.8").build();
    }

    private String refusal(EntPayRequest request) {
        WxPayException e = (WxPayException) org.assertj.core.api.Assertions.catchThrowable(
                () -> wxPay.getEntPayService().entPay(request));
        assertThat(e).as("refused").isNotNull();
        return e.getErrCode();
    }

    @Test
    void aPaymentMovesMoneyFromTheMerchantToTheUserOnceAndTheUserSeesItInTheBills() throws Exception {
        fund(100_00);
        TestPayers.Payer user = payers.withBalance(0);
        String openid = openIds.openidOf(appid, user.id());
        String tradeNo = tradeNo();

        EntPayResult paid = wxPay.getEntPayService().entPay(payment(tradeNo, openid, 12_34, "FORCE_CHECK", "Zhang Wei"));
        assertThat(paid.getPartnerTradeNo()).isEqualTo(tradeNo);
        assertThat(paid.getPaymentNo()).matches("\\d{26}");
        assertThat(paid.getPaymentTime()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(balance(settlement)).isEqualTo(100_00 - 12_34);
        long wallet = accounts.openWallet(user.id());
        assertThat(balance(wallet)).isEqualTo(12_34);

        // the same number and content again: the first payment, nothing moved twice
        EntPayResult again = wxPay.getEntPayService().entPay(payment(tradeNo, openid, 12_34, "FORCE_CHECK", "Zhang Wei"));
        assertThat(again.getPaymentNo()).isEqualTo(paid.getPaymentNo());
        assertThat(balance(wallet)).isEqualTo(12_34);
        List<Transfer> postings = ledger.transfersByReference("payout:" + paid.getPaymentNo());
        assertThat(postings).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo("payout:" + paid.getPaymentNo());
            assertThat(t.code()).isEqualTo(TransferCode.PAYOUT.code());
            assertThat(t.debitAccountId()).isEqualTo(settlement);
            assertThat(t.creditAccountId()).isEqualTo(wallet);
        });
        // the same number with another amount is refused, and moves nothing
        assertThat(refusal(payment(tradeNo, openid, 99_00, "NO_CHECK", null))).isEqualTo("OUT_TRADE_NO_USED");
        assertThat(balance(wallet)).isEqualTo(12_34);

        EntPayQueryResult query = wxPay.getEntPayService().queryEntPay(tradeNo);
        assertThat(query.getStatus()).isEqualTo("SUCCESS");
        assertThat(query.getDetailId()).isEqualTo(paid.getPaymentNo());
        assertThat(query.getPaymentAmount()).isEqualTo(12_34);
        assertThat(query.getOpenid()).isEqualTo(openid);
        assertThat(query.getTransferName()).isEqualTo("Zhang Wei");
        assertThat(query.getDesc()).isEqualTo("Cashback for October");
        assertThatThrownBy(() -> wxPay.getEntPayService().queryEntPay(tradeNo()))
                .isInstanceOfSatisfying(WxPayException.class, e -> assertThat(e.getErrCode()).isEqualTo("NOT_FOUND"));

        Bill bill = history.bill(user.id(), "payout:" + paid.getPaymentNo());
        assertThat(bill.kind()).isEqualTo("PAYOUT");
        assertThat(bill.title()).isEqualTo("Cashback for October");
        assertThat(bill.counterparty()).isEqualTo(merchant.merchant().name());
        assertThat(bill.amountFen()).isEqualTo(12_34);
    }

    @Test
    void eachRefusalHasItsErrCodeAndMovesNothing() {
        fund(50_00);
        TestPayers.Payer user = payers.withBalance(0);
        String openid = openIds.openidOf(appid, user.id());
        long wallet = accounts.openWallet(user.id());

        assertThat(refusal(payment(tradeNo(), openid, 20_00, "FORCE_CHECK", "Li Na"))).isEqualTo("NAME_MISMATCH");
        assertThat(refusal(payment(tradeNo(), openid, 29, "NO_CHECK", null))).isEqualTo("AMOUNT_LIMIT");
        assertThat(refusal(payment(tradeNo(), openid, 60_00, "NO_CHECK", null))).isEqualTo("NOTENOUGH");
        assertThat(refusal(payment(tradeNo(), openid, 100_000_01, "NO_CHECK", null))).isEqualTo("SEND_MONEY_LIMIT");
        assertThat(refusal(payment(tradeNo(), "o" + "x".repeat(27), 1_00, "NO_CHECK", null))).isEqualTo("OPENID_ERROR");
        String unverified = openIds.openidOf(appid, users.walletUser().id());
        assertThat(refusal(payment(tradeNo(), unverified, 1_00, "NO_CHECK", null))).isEqualTo("V2_ACCOUNT_SIMPLE_BAN");
        assertThat(balance(settlement)).as("nothing moved").isEqualTo(50_00);
        assertThat(balance(wallet)).isZero();

        // a refused number is not used up: once the balance covers it, the same number pays
        String retried = tradeNo();
        assertThat(refusal(payment(retried, openid, 60_00, "NO_CHECK", null))).isEqualTo("NOTENOUGH");
        fund(10_00);
        assertThat(catchPaid(payment(retried, openid, 60_00, "NO_CHECK", null))).isTrue();
        assertThat(balance(wallet)).isEqualTo(60_00);
    }

    private boolean catchPaid(EntPayRequest request) {
        try {
            return wxPay.getEntPayService().entPay(request).getPaymentNo() != null;
        } catch (WxPayException e) {
            throw new AssertionError(e.getErrCode() + " " + e.getErrCodeDes(), e);
        }
    }

    @Test
    void theUsersDailyCountAndAmountAreLimited() throws Exception {
        fund(6_000_00);
        TestPayers.Payer often = payers.withBalance(0);
        String oftenOpenid = openIds.openidOf(appid, often.id());
        for (int i = 0; i < 10; i++) {
            wxPay.getEntPayService().entPay(payment(tradeNo(), oftenOpenid, 30, "NO_CHECK", null));
        }
        assertThat(refusal(payment(tradeNo(), oftenOpenid, 30, "NO_CHECK", null))).isEqualTo("SENDNUM_LIMIT");
        assertThat(balance(accounts.openWallet(often.id()))).isEqualTo(10 * 30);

        TestPayers.Payer much = payers.withBalance(0);
        String muchOpenid = openIds.openidOf(appid, much.id());
        wxPay.getEntPayService().entPay(payment(tradeNo(), muchOpenid, 4_999_00, "NO_CHECK", null));
        assertThat(refusal(payment(tradeNo(), muchOpenid, 1_01, "NO_CHECK", null))).isEqualTo("RECEIVED_MONEY_LIMIT");
        wxPay.getEntPayService().entPay(payment(tradeNo(), muchOpenid, 1_00, "NO_CHECK", null));
        assertThat(balance(accounts.openWallet(much.id()))).isEqualTo(5_000_00);
        assertThat(balance(settlement)).isEqualTo(6_000_00 - 10 * 30 - 5_000_00);
    }

    @Test
    void theRiskGateRefusesABlacklistedUser() {
        fund(10_00);
        TestPayers.Payer user = payers.withBalance(0);
        String openid = openIds.openidOf(appid, user.id());
        blacklist.add("user", Long.toString(user.id()), "test mule account", 1, "test staff");
        assertThat(refusal(payment(tradeNo(), openid, 5_00, "NO_CHECK", null))).isEqualTo("PAYEE_ACCOUNT_ABNORMAL");
        assertThat(balance(settlement)).isEqualTo(10_00);
        assertThat(balance(accounts.openWallet(user.id()))).isZero();
    }
}
