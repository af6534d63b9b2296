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

import com.github.binarywang.wxpay.bean.request.WxPaySendRedpackRequest;
import com.github.binarywang.wxpay.bean.result.WxPayRedpackQueryResult;
import com.github.binarywang.wxpay.bean.result.WxPaySendRedpackResult;
import com.github.binarywang.wxpay.exception.WxPayException;
import com.github.binarywang.wxpay.service.RedpackService;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.PartnerBank;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.accounting.TransferCode;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.merchant.OpenIds;
import io.lingqian.redpack.MerchantRedpacks;
import io.lingqian.risk.Freeze;
import io.lingqian.risk.WalletFreezes;
import io.lingqian.testing.DemoEnvironmentTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.TestPayers;
import io.lingqian.wallet.WalletDevices;

/**
 * Enterprise red packets through WxJava's {@link RedpackService} (weixin-java-pay 4.7.0), unchanged,
 * against the running server: sendredpack, sendgroupredpack (an {@code amt_type}) and gethbinfo, with
 * the money checked in the ledger to the fen, and the user's side through the wallet API.
 * The per-minute limit is 12 in the test profile; every test uses a merchant of its own.
 */
@DemoEnvironmentTest
class RedpackTests {

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
    WalletDevices devices;
    @Autowired
    CustomerAccounts accounts;
    @Autowired
    Ledger ledger;
    @Autowired
    AdjustableClock clock;
    @Autowired
    MerchantRedpacks redpacks;
    @Autowired
    WalletFreezes freezes;

    TestMerchants.ApprovedMerchant merchant;
    String appid;
    WxPayClients.V2Signer signer;
    long settlement;

    @BeforeEach
    void merchantWithV2KeyAndBalance() {
        merchant = merchants.approved();
        appid = apps.register(merchant.id(), AppKind.OFFICIAL_ACCOUNT, "Promotions", List.of()).app().appid();
        // WxJava builds an SSLContext from the PKCS#12 (password = mchid) for these calls even over plain HTTP.
        signer = WxPayClients.V2Signer.issue(credentials, merchant.id(), merchant.mchid(), appid);
        settlement = accounts.openMerchantSettlement(merchant.id());
        fund(1_000_00);
    }

    private void fund(long fen) {
        String id = "test-redpack-funding:" + UUID.randomUUID();
        // From a bank reserve, as takings arrive: operator capital is what other tests allocate funds from.
        ledger.createTransfer(TransferRequest.single(id, PlatformAccount.bankReserve(PartnerBank.CMB).id(), settlement,
                fen, Ledger.CNY, TransferCode.ADJUSTMENT.code(), id)).orThrow();
    }

    private RedpackService wxPay() {
        return WxPayClients.v2(signer, port).build().getRedpackService();
    }

    private static String billno() {
        return "RP" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    private WxPaySendRedpackRequest packet(String billno, String openid, int fen) {
        return WxPaySendRedpackRequest.newBuilder().mchBillNo(billno).wxAppid(appid).sendName("Tea House")
                .reOpenid(openid).totalAmount(fen).totalNum(1).wishing("恭喜发财").clientIp("10.0.0.8")
                .actName("Spring tea").remark("thanks for visiting").build();
    }

    private WxPaySendRedpackRequest group(String billno, String openid, int fen, int num) {
        return WxPaySendRedpackRequest.newBuilder().mchBillNo(billno).wxAppid(appid).sendName("Tea House")
                .reOpenid(openid).totalAmount(fen).totalNum(num).amtType("ALL_RAND").wishing("Share the luck")
                .clientIp("10.0.0.8").actName("Group tea").remark("share it").build();
    }

    private long balance(long account) {
        return ledger.account(account).orElseThrow().balances().creditBalance();
    }

    private long escrow() {
        return balance(PlatformAccount.MERCHANT_RED_PACKET_ESCROW.id());
    }

    private long wallet(TestPayers.Payer payer) {
        return balance(accounts.openWallet(payer.id()));
    }

    private String openid(TestPayers.Payer payer) {
        return openIds.openidOf(appid, payer.id());
    }

    private String token(TestPayers.Payer payer) {
        return devices.signIn(payer.user().mobile(), TestUsers.PASSWORD, payer.deviceId(), "Phone").orElseThrow().token();
    }

    private HttpResponse<String> api(String token, String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private void refused(WxPaySendRedpackRequest request, String errCode) {
        assertThatThrownBy(() -> wxPay().sendRedpack(request)).isInstanceOfSatisfying(WxPayException.class,
                e -> assertThat(e.getErrCode()).as(e.getErrCodeDes()).isEqualTo(errCode));
    }

    @Test
    void theMerchantPaysIntoEscrowAndTheAddressedUserOpensItIntoTheWallet() throws Exception {
        TestPayers.Payer user = payers.withBalance(0);
        long escrowBefore = escrow();
        String billno = billno();

        WxPaySendRedpackResult sent = wxPay().sendRedpack(packet(billno, openid(user), 8_88));

        assertThat(sent.getResultCode()).isEqualTo("SUCCESS");
        assertThat(sent.getMchBillNo()).isEqualTo(billno);
        assertThat(sent.getReOpenid()).isEqualTo(openid(user));
        assertThat(sent.getTotalAmount()).isEqualTo(8_88);
        assertThat(sent.getSendListId()).matches("\\d{32}");
        assertThat(balance(settlement)).isEqualTo(1_000_00 - 8_88);
        assertThat(escrow() - escrowBefore).isEqualTo(8_88);
        assertThat(wallet(user)).isZero();
        WxPayRedpackQueryResult query = wxPay().queryRedpack(billno);
        assertThat(query.getStatus()).isEqualTo("SENT");
        assertThat(query.getHbType()).isEqualTo("NORMAL");
        assertThat(query.getTotalAmount()).isEqualTo(8_88);
        assertThat(query.getDetailId()).isEqualTo(sent.getSendListId());

        // The user sees it with the merchant's words; another user neither sees nor opens it.
        String token = token(user);
        HttpResponse<String> list = api(token, "GET", "/api/wallet/merchant-red-packets");
        assertThat(list.body()).contains(sent.getSendListId()).contains("\"sendName\":\"Tea House\"")
                .contains("\"wishing\":\"恭喜发财\"").contains("\"actName\":\"Spring tea\"");
        TestPayers.Payer other = payers.withBalance(0);
        String otherToken = token(other);
        assertThat(api(otherToken, "GET", "/api/wallet/merchant-red-packets").body()).doesNotContain(sent.getSendListId());
        assertThat(api(otherToken, "GET", "/api/wallet/merchant-red-packets/" + sent.getSendListId()).statusCode())
                .isEqualTo(404);
        HttpResponse<String> stolen = api(otherToken, "POST", "/api/wallet/merchant-red-packets/" + sent.getSendListId() + "/open");
        assertThat(stolen.statusCode()).isEqualTo(404);
        assertThat(wallet(other)).isZero();
        assertThat(escrow() - escrowBefore).isEqualTo(8_88);

        HttpResponse<String> opened = api(token, "POST", "/api/wallet/merchant-red-packets/" + sent.getSendListId() + "/open");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
        assertThat(opened.body()).contains("\"amountFen\":888");
        assertThat(wallet(user)).isEqualTo(8_88);
        assertThat(escrow()).isEqualTo(escrowBefore);
        // Opening again answers the same share and moves nothing.
        assertThat(api(token, "POST", "/api/wallet/merchant-red-packets/" + sent.getSendListId() + "/open").statusCode())
                .isEqualTo(200);
        assertThat(wallet(user)).isEqualTo(8_88);

        query = wxPay().queryRedpack(billno);
        assertThat(query.getStatus()).isEqualTo("RECEIVED");
        assertThat(query.getRedpackList()).singleElement().satisfies(hb -> {
            assertThat(hb.getOpenid()).isEqualTo(openid(user));
            assertThat(hb.getAmount()).isEqualTo(8_88);
            assertThat(hb.getReceiveTime()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        });
    }

    @Test
    void theSameBillnoIsSentOnceAndWithOtherContentRefused() throws Exception {
        TestPayers.Payer user = payers.withBalance(0);
        String billno = billno();
        WxPaySendRedpackResult first = wxPay().sendRedpack(packet(billno, openid(user), 2_00));

        WxPaySendRedpackResult again = wxPay().sendRedpack(packet(billno, openid(user), 2_00));

        assertThat(again.getSendListId()).isEqualTo(first.getSendListId());
        assertThat(balance(settlement)).isEqualTo(1_000_00 - 2_00);
        refused(packet(billno, openid(user), 3_00), "FATAL_ERROR");
        refused(group(billno, openid(user), 3_00, 3), "FATAL_ERROR");
        assertThat(balance(settlement)).isEqualTo(1_000_00 - 2_00);
        assertThat(ledger.transfersByReference("merchant-redpack:" + redpacks.byBillno(merchant.id(), billno)
                .orElseThrow().id())).hasSize(1);
    }

    @Test
    void malformedAmountsAndOpenidsAreRefusedWithTheirCodesAndMoveNothing() throws Exception {
        TestPayers.Payer user = payers.withBalance(0);
        String openid = openid(user);
        long escrowBefore = escrow();

        refused(packet(billno(), openid, 99), "MONEY_LIMIT");
        refused(packet(billno(), openid, 200_01), "MONEY_LIMIT");
        refused(group(billno(), openid, 10_00, 2), "PARAM_ERROR");
        refused(group(billno(), openid, 2_99, 3), "MONEY_LIMIT");
        refused(group(billno(), openid, 21 * 10_00, 21), "PARAM_ERROR");
        refused(packet(billno(), "o" + "x".repeat(27), 1_00), "OPENID_ERROR");
        // an openid of another app is not one of this wxappid's
        String otherApp = apps.register(merchant.id(), AppKind.MINI_PROGRAM, "Other", List.of()).app().appid();
        refused(packet(billno(), openIds.openidOf(otherApp, user.id()), 1_00), "OPENID_ERROR");
        assertThatThrownBy(() -> wxPay().queryRedpack(billno())).isInstanceOfSatisfying(WxPayException.class,
                e -> assertThat(e.getErrCode()).isEqualTo("NOT_FOUND"));

        assertThat(balance(settlement)).isEqualTo(1_000_00);
        assertThat(escrow()).isEqualTo(escrowBefore);
        assertThat(wallet(user)).isZero();
    }

    @Test
    void aPacketTheSettlementBalanceDoesNotCoverIsRefusedAsNotenough() throws Exception {
        String id = "test-redpack-drain:" + UUID.randomUUID();
        ledger.createTransfer(TransferRequest.single(id, settlement, PlatformAccount.bankReserve(PartnerBank.CMB).id(), 999_00,
                Ledger.CNY, TransferCode.ADJUSTMENT.code(), id)).orThrow();
        TestPayers.Payer user = payers.withBalance(0);
        String billno = billno();

        refused(packet(billno, openid(user), 1_50), "NOTENOUGH");

        assertThat(balance(settlement)).isEqualTo(1_00);
        assertThat(redpacks.byBillno(merchant.id(), billno)).isEmpty();
        // After a top-up the same billno goes through: the refusal stored nothing.
        fund(10_00);
        assertThat(wxPay().sendRedpack(packet(billno, openid(user), 1_50)).getResultCode()).isEqualTo("SUCCESS");
        assertThat(balance(settlement)).isEqualTo(11_00 - 1_50);
    }

    @Test
    void aUserReceivesAtMostTenPacketsAndOneThousandYuanOfAMerchantADay() throws Exception {
        TestPayers.Payer many = payers.withBalance(0);
        for (int i = 0; i < 10; i++) {
            wxPay().sendRedpack(packet(billno(), openid(many), 1_00));
        }
        long afterTen = balance(settlement);
        refused(packet(billno(), openid(many), 1_00), "SENDNUM_LIMIT");
        assertThat(balance(settlement)).isEqualTo(afterTen);
        assertThat(afterTen).isEqualTo(1_000_00 - 10_00);

        // The next minute (the per-minute limit is 12 here), another user: 1,000 yuan a day at most.
        clock.advance(Duration.ofSeconds(61));
        TestPayers.Payer big = payers.withBalance(0);
        fund(1_000_00);
        for (int i = 0; i < 5; i++) {
            wxPay().sendRedpack(packet(billno(), openid(big), 200_00));
        }
        long afterFive = balance(settlement);
        refused(packet(billno(), openid(big), 1_00), "RCVDAMOUNT_LIMIT");
        assertThat(balance(settlement)).isEqualTo(afterFive);
        assertThat(afterFive).isEqualTo(2_000_00 - 10_00 - 1_000_00);
    }

    @Test
    void aMerchantSendsAtMostTheConfiguredNumberOfPacketsAMinute() throws Exception {
        List<TestPayers.Payer> users = List.of(payers.withBalance(0), payers.withBalance(0));
        for (int i = 0; i < 12; i++) {
            wxPay().sendRedpack(packet(billno(), openid(users.get(i % 2)), 1_00));
        }
        long after = balance(settlement);
        String billno = billno();

        refused(packet(billno, openid(users.get(0)), 1_00), "FREQ_LIMIT");
        assertThat(balance(settlement)).isEqualTo(after);

        clock.advance(Duration.ofSeconds(61));
        assertThat(wxPay().sendRedpack(packet(billno, openid(users.get(0)), 1_00)).getResultCode()).isEqualTo("SUCCESS");
    }

    @Test
    void theRiskGateRefusesAPacketToAFrozenWalletAsNoAuth() throws Exception {
        TestPayers.Payer user = payers.withBalance(0);
        freezes.freeze(user.id(), Freeze.Source.STAFF, "test: reported stolen phone", "staff:test", null);

        refused(packet(billno(), openid(user), 5_00), "NO_AUTH");

        assertThat(balance(settlement)).isEqualTo(1_000_00);
    }

    @Test
    void aGroupPacketOpenedByItsMembersSumsExactlyToTheTotalAndNoOneOpensTwiceOrAfterItIsTaken() throws Exception {
        TestPayers.Payer first = payers.withBalance(0);
        List<TestPayers.Payer> friends = List.of(payers.withBalance(0), payers.withBalance(0));
        long escrowBefore = escrow();
        String billno = billno();

        WxPaySendRedpackResult sent = wxPay().sendRedpack(group(billno, openid(first), 10_00, 3));

        assertThat(sent.getResultCode()).isEqualTo("SUCCESS");
        assertThat(escrow() - escrowBefore).isEqualTo(10_00);
        String path = "/api/wallet/merchant-red-packets/" + sent.getSendListId();
        assertThat(api(token(first), "GET", "/api/wallet/merchant-red-packets").body()).contains(sent.getSendListId())
                .contains("\"group\":true").contains("\"totalNum\":3");
        long opened = 0;
        for (TestPayers.Payer member : List.of(first, friends.get(0), friends.get(1))) {
            HttpResponse<String> open = api(token(member), "POST", path + "/open");
            assertThat(open.statusCode()).as(open.body()).isEqualTo(200);
            assertThat(wallet(member)).isBetween(1_00L, 10_00L - 2 * 1_00L);
            opened += wallet(member);
        }
        assertThat(opened).isEqualTo(10_00);
        assertThat(escrow()).isEqualTo(escrowBefore);

        // The first member opening again gets the same share, nothing more; a fourth user finds it taken.
        long firstShare = wallet(first);
        assertThat(api(token(first), "POST", path + "/open").body()).contains("\"amountFen\":" + firstShare);
        assertThat(wallet(first)).isEqualTo(firstShare);
        TestPayers.Payer late = payers.withBalance(0);
        HttpResponse<String> taken = api(token(late), "POST", path + "/open");
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(taken.body()).contains("all_taken");
        assertThat(wallet(late)).isZero();

        WxPayRedpackQueryResult query = wxPay().queryRedpack(billno);
        assertThat(query.getStatus()).isEqualTo("RECEIVED");
        assertThat(query.getHbType()).isEqualTo("GROUP");
        assertThat(query.getTotalNum()).isEqualTo(3);
        assertThat(query.getRedpackList()).hasSize(3);
        assertThat(query.getRedpackList().stream().mapToInt(hb -> hb.getAmount()).sum()).isEqualTo(10_00);
        assertThat(query.getRedpackList()).extracting(hb -> hb.getOpenid()).containsExactlyInAnyOrder(openid(first),
                openid(friends.get(0)), openid(friends.get(1)));
    }

    @Test
    void anUnopenedPacketReturnsToTheMerchantAfterTwentyFourHours() throws Exception {
        // Packets other tests left in the shared database return first, so the escrow below moves only for ours.
        clock.advance(Duration.ofHours(25));
        redpacks.refundExpired();
        TestPayers.Payer user = payers.withBalance(0);
        TestPayers.Payer member = payers.withBalance(0);
        long escrowBefore = escrow();
        String single = billno();
        String grouped = billno();
        WxPaySendRedpackResult packet = wxPay().sendRedpack(packet(single, openid(user), 6_00));
        WxPaySendRedpackResult groupPacket = wxPay().sendRedpack(group(grouped, openid(user), 9_00, 3));
        api(token(member), "POST", "/api/wallet/merchant-red-packets/" + groupPacket.getSendListId() + "/open");
        long memberShare = wallet(member);
        assertThat(memberShare).isPositive();

        clock.advance(Duration.ofHours(23).plusMinutes(59));
        redpacks.refundExpired();
        assertThat(wxPay().queryRedpack(single).getStatus()).isEqualTo("SENT");
        assertThat(balance(settlement)).isEqualTo(1_000_00 - 15_00);

        clock.advance(Duration.ofMinutes(1));
        // Expired: the user can no longer open it, even before the job has returned it.
        HttpResponse<String> late = api(token(user), "POST", "/api/wallet/merchant-red-packets/" + packet.getSendListId() + "/open");
        assertThat(late.statusCode()).isEqualTo(410);
        redpacks.refundExpired();

        assertThat(balance(settlement)).isEqualTo(1_000_00 - memberShare);
        assertThat(escrow()).isEqualTo(escrowBefore);
        assertThat(wallet(user)).isZero();
        WxPayRedpackQueryResult returned = wxPay().queryRedpack(single);
        assertThat(returned.getStatus()).isEqualTo("REFUND");
        assertThat(returned.getRefundAmount()).isEqualTo(6_00);
        assertThat(returned.getRefundTime()).isNotBlank();
        WxPayRedpackQueryResult groupReturned = wxPay().queryRedpack(grouped);
        assertThat(groupReturned.getStatus()).isEqualTo("REFUND");
        assertThat(groupReturned.getRefundAmount()).isEqualTo(9_00 - memberShare);
        assertThat(groupReturned.getRedpackList()).singleElement()
                .satisfies(hb -> assertThat(hb.getOpenid()).isEqualTo(openid(member)));
        // Running the job again returns nothing twice.
        redpacks.refundExpired();
        assertThat(balance(settlement)).isEqualTo(1_000_00 - memberShare);
    }
}
