package io.lingqian.api.v3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.service.transferbatch.TransferBatchService;
import com.wechat.pay.java.service.transferbatch.model.FailReasonType;
import com.wechat.pay.java.service.transferbatch.model.GetTransferBatchByNoRequest;
import com.wechat.pay.java.service.transferbatch.model.GetTransferBatchByOutNoRequest;
import com.wechat.pay.java.service.transferbatch.model.GetTransferDetailByNoRequest;
import com.wechat.pay.java.service.transferbatch.model.GetTransferDetailByOutNoRequest;
import com.wechat.pay.java.service.transferbatch.model.InitiateBatchTransferRequest;
import com.wechat.pay.java.service.transferbatch.model.InitiateBatchTransferResponse;
import com.wechat.pay.java.service.transferbatch.model.TransferBatchEntity;
import com.wechat.pay.java.service.transferbatch.model.TransferDetailCompact;
import com.wechat.pay.java.service.transferbatch.model.TransferDetailEntity;
import com.wechat.pay.java.service.transferbatch.model.TransferDetailInput;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.PartnerBank;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.accounting.TransferCode;
import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.credentials.PlatformKeys;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.merchant.OpenIds;
import io.lingqian.risk.RiskBlacklist;
import io.lingqian.testing.DemoEnvironmentTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.TestPayers;

/**
 * Transfer batches (商家转账到零钱) through the official wechatpay-java SDK's {@code TransferBatchService}
 * against the running server: the SDK encrypts {@code user_name} with the platform public key (and names
 * it in {@code Wechatpay-Serial}), and decrypts the name in a detail query with the merchant's private
 * key. Each detail's outcome, the ledger, idempotency on {@code out_batch_no}, the batch limits with
 * their codes (nothing moved), the risk gate, and another merchant's query.
 */
@DemoEnvironmentTest
class TransferBatchSdkTests {

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

    ApiTestMerchant merchant;
    String appid;
    long settlement;
    TransferBatchService batches;

    @BeforeEach
    void merchantWithSdk() {
        merchant = ApiTestMerchant.create(merchants, credentials);
        appid = apps.register(merchant.merchant().id(), AppKind.OFFICIAL_ACCOUNT, "Rewards", List.of()).app().appid();
        batches = service(merchant);
        settlement = accounts.openMerchantSettlement(merchant.merchant().id());
    }

    private TransferBatchService service(ApiTestMerchant m) {
        RSAPublicKeyConfig config = SdkClients.publicKeyMode(m.credentials(), platformKeys.preferred());
        return new TransferBatchService.Builder().config(config).httpClient(SdkClients.http(config, port)).build();
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

    private static String number(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    private static TransferDetailInput detail(String outDetailNo, long fen, String openid, String userName) {
        TransferDetailInput d = new TransferDetailInput();
        d.setOutDetailNo(outDetailNo);
        d.setTransferAmount(fen);
        d.setTransferRemark("Referral reward");
        d.setOpenid(openid);
        d.setUserName(userName);
        return d;
    }

    private InitiateBatchTransferRequest batch(String outBatchNo, List<TransferDetailInput> details) {
        InitiateBatchTransferRequest r = new InitiateBatchTransferRequest();
        r.setAppid(appid);
        r.setOutBatchNo(outBatchNo);
        r.setBatchName("November rewards");
        r.setBatchRemark("Thank you");
        r.setTotalAmount(details.stream().mapToLong(TransferDetailInput::getTransferAmount).sum());
        r.setTotalNum(details.size());
        r.setTransferDetailList(details);
        r.setTransferSceneId("1000");
        return r;
    }

    private ServiceException refused(InitiateBatchTransferRequest request) {
        return catchThrowableOfType(ServiceException.class, () -> batches.initiateBatchTransfer(request));
    }

    @Test
    void aBatchPaysTheDetailsThatPassAndFailsTheOthersWithTheirReasons() {
        fund(100_00);
        TestPayers.Payer alice = payers.withBalance(0);
        TestPayers.Payer bob = payers.withBalance(0);
        long carol = users.walletUser().id();
        String aliceOpenid = openIds.openidOf(appid, alice.id());
        String outBatchNo = number("B");
        List<TransferDetailInput> details = List.of(
                detail("D1" + outBatchNo.substring(1, 20), 10_00, aliceOpenid, "Zhang Wei"),
                detail("D2" + outBatchNo.substring(1, 20), 20_00, openIds.openidOf(appid, bob.id()), "Wang Fang"),
                detail("D3" + outBatchNo.substring(1, 20), 30_00, openIds.openidOf(appid, carol), null));

        InitiateBatchTransferResponse accepted = batches.initiateBatchTransfer(batch(outBatchNo, details));
        assertThat(accepted.getOutBatchNo()).isEqualTo(outBatchNo);
        assertThat(accepted.getBatchId()).matches("\\d{26}");
        assertThat(accepted.getBatchStatus()).isEqualTo("FINISHED");
        assertThat(accepted.getCreateTime()).endsWith("+08:00");
        assertThat(balance(accounts.openWallet(alice.id()))).isEqualTo(10_00);
        assertThat(balance(accounts.openWallet(bob.id()))).isZero();
        assertThat(balance(accounts.openWallet(carol))).isZero();
        assertThat(balance(settlement)).isEqualTo(90_00);

        // the same batch again (the names encrypted afresh): the same batch, nothing moved twice
        assertThat(batches.initiateBatchTransfer(batch(outBatchNo, details)).getBatchId())
                .isEqualTo(accepted.getBatchId());
        assertThat(balance(settlement)).isEqualTo(90_00);
        // the same number with other content
        List<TransferDetailInput> other = new ArrayList<>(details);
        other.set(0, detail("D1" + outBatchNo.substring(1, 20), 11_00, aliceOpenid, "Zhang Wei"));
        ServiceException reused = refused(batch(outBatchNo, other));
        assertThat(reused.getHttpStatusCode()).isEqualTo(400);
        assertThat(reused.getErrorCode()).isEqualTo("INVALID_REQUEST");
        assertThat(balance(settlement)).isEqualTo(90_00);

        GetTransferBatchByNoRequest byId = new GetTransferBatchByNoRequest();
        byId.setBatchId(accepted.getBatchId());
        byId.setNeedQueryDetail(true);
        TransferBatchEntity entity = batches.getTransferBatchByNo(byId);
        assertThat(entity.getTransferBatch().getBatchStatus()).isEqualTo("FINISHED");
        assertThat(entity.getTransferBatch().getMchid()).isEqualTo(merchant.mchid());
        assertThat(entity.getTransferBatch().getTotalAmount()).isEqualTo(60_00);
        assertThat(entity.getTransferBatch().getSuccessAmount()).isEqualTo(10_00);
        assertThat(entity.getTransferBatch().getSuccessNum()).isEqualTo(1);
        assertThat(entity.getTransferBatch().getFailAmount()).isEqualTo(50_00);
        assertThat(entity.getTransferBatch().getFailNum()).isEqualTo(2);
        assertThat(entity.getTransferDetailList()).extracting(TransferDetailCompact::getDetailStatus)
                .containsExactly("SUCCESS", "FAIL", "FAIL");

        GetTransferBatchByOutNoRequest byOutNo = new GetTransferBatchByOutNoRequest();
        byOutNo.setOutBatchNo(outBatchNo);
        byOutNo.setNeedQueryDetail(true);
        byOutNo.setDetailStatus("FAIL");
        assertThat(batches.getTransferBatchByOutNo(byOutNo).getTransferDetailList())
                .extracting(TransferDetailCompact::getOutDetailNo)
                .containsExactly(details.get(1).getOutDetailNo(), details.get(2).getOutDetailNo());
        byOutNo.setDetailStatus(null);
        byOutNo.setNeedQueryDetail(false);
        assertThat(batches.getTransferBatchByOutNo(byOutNo).getTransferDetailList()).isNull();

        GetTransferDetailByNoRequest detailById = new GetTransferDetailByNoRequest();
        detailById.setBatchId(accepted.getBatchId());
        detailById.setDetailId(entity.getTransferDetailList().get(0).getDetailId());
        TransferDetailEntity paid = batches.getTransferDetailByNo(detailById);
        assertThat(paid.getDetailStatus()).isEqualTo("SUCCESS");
        assertThat(paid.getUserName()).as("decrypted by the SDK with the merchant's key").isEqualTo("Zhang Wei");
        assertThat(paid.getTransferAmount()).isEqualTo(10_00);
        assertThat(paid.getOpenid()).isEqualTo(aliceOpenid);
        assertThat(ledger.transfersByReference("payout:" + paid.getDetailId())).singleElement()
                .satisfies(t -> assertThat(t.amount()).isEqualTo(10_00));

        GetTransferDetailByOutNoRequest detailByOutNo = new GetTransferDetailByOutNoRequest();
        detailByOutNo.setOutBatchNo(outBatchNo);
        detailByOutNo.setOutDetailNo(details.get(1).getOutDetailNo());
        assertThat(batches.getTransferDetailByOutNo(detailByOutNo).getFailReason())
                .isEqualTo(FailReasonType.NAME_NOT_CORRECT);
        detailByOutNo.setOutDetailNo(details.get(2).getOutDetailNo());
        assertThat(batches.getTransferDetailByOutNo(detailByOutNo).getFailReason())
                .isEqualTo(FailReasonType.REAL_NAME_CHECK_FAIL);

        // another merchant cannot see the batch or its details
        TransferBatchService stranger = service(ApiTestMerchant.create(merchants, credentials));
        assertThat(catchThrowableOfType(ServiceException.class, () -> stranger.getTransferBatchByNo(byId))
                .getErrorCode()).isEqualTo("NOT_FOUND");
        assertThat(catchThrowableOfType(ServiceException.class, () -> stranger.getTransferBatchByOutNo(byOutNo))
                .getHttpStatusCode()).isEqualTo(404);
        assertThat(catchThrowableOfType(ServiceException.class, () -> stranger.getTransferDetailByNo(detailById))
                .getErrorCode()).isEqualTo("NOT_FOUND");
    }

    @Test
    void aBatchThatBreaksALimitIsRefusedWithItsCodeAndMovesNothing() {
        fund(50_00);
        TestPayers.Payer user = payers.withBalance(0);
        String openid = openIds.openidOf(appid, user.id());

        InitiateBatchTransferRequest wrongSum = batch(number("B"), List.of(detail(number("D"), 10_00, openid, null)));
        wrongSum.setTotalAmount(11_00L);
        assertThat(refused(wrongSum).getErrorCode()).isEqualTo("PARAM_ERROR");
        InitiateBatchTransferRequest wrongCount = batch(number("B"), List.of(detail(number("D"), 10_00, openid, null)));
        wrongCount.setTotalNum(2);
        assertThat(refused(wrongCount).getErrorCode()).isEqualTo("PARAM_ERROR");
        List<TransferDetailInput> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(detail(number("D"), 30, openid, null));
        }
        assertThat(refused(batch(number("B"), tooMany)).getErrorCode()).isEqualTo("PARAM_ERROR");
        assertThat(refused(batch(number("B"), List.of(detail(number("D"), 29, openid, null)))).getErrorCode())
                .isEqualTo("PARAM_ERROR");
        String poor = number("B");
        ServiceException notEnough = refused(batch(poor, List.of(detail(number("D"), 50_01, openid, null))));
        assertThat(notEnough.getHttpStatusCode()).isEqualTo(403);
        assertThat(notEnough.getErrorCode()).isEqualTo("NOT_ENOUGH");
        assertThat(refused(batch(number("B"), List.of(detail(number("D"), 100_000_01, openid, null))))
                .getErrorCode()).isEqualTo("QUOTA_EXCEED");
        assertThat(balance(settlement)).as("nothing moved").isEqualTo(50_00);
        assertThat(balance(accounts.openWallet(user.id()))).isZero();

        GetTransferBatchByOutNoRequest query = new GetTransferBatchByOutNoRequest();
        query.setOutBatchNo(poor);
        query.setNeedQueryDetail(false);
        assertThat(catchThrowableOfType(ServiceException.class, () -> batches.getTransferBatchByOutNo(query))
                .getErrorCode()).as("a refused batch is not recorded").isEqualTo("NOT_FOUND");
    }

    @Test
    void theRiskGateAndTheUsersDailyCountFailDetailsAndPayTheRest() {
        fund(100_00);
        TestPayers.Payer mule = payers.withBalance(0);
        blacklist.add("user", Long.toString(mule.id()), "test mule account", 1, "test staff");
        TestPayers.Payer regular = payers.withBalance(0);
        String regularOpenid = openIds.openidOf(appid, regular.id());
        List<TransferDetailInput> details = new ArrayList<>();
        details.add(detail(number("D"), 5_00, openIds.openidOf(appid, mule.id()), null));
        for (int i = 0; i < 11; i++) {
            details.add(detail(number("D"), 1_00, regularOpenid, null));
        }
        String outBatchNo = number("B");
        batches.initiateBatchTransfer(batch(outBatchNo, details));

        GetTransferDetailByOutNoRequest first = new GetTransferDetailByOutNoRequest();
        first.setOutBatchNo(outBatchNo);
        first.setOutDetailNo(details.get(0).getOutDetailNo());
        assertThat(batches.getTransferDetailByOutNo(first).getFailReason()).isEqualTo(FailReasonType.TRANSFER_RISK);
        GetTransferDetailByOutNoRequest last = new GetTransferDetailByOutNoRequest();
        last.setOutBatchNo(outBatchNo);
        last.setOutDetailNo(details.get(11).getOutDetailNo());
        assertThat(batches.getTransferDetailByOutNo(last).getFailReason())
                .isEqualTo(FailReasonType.DAY_RECEIVED_COUNT_EXCEED);
        assertThat(balance(accounts.openWallet(mule.id()))).isZero();
        assertThat(balance(accounts.openWallet(regular.id()))).isEqualTo(10 * 1_00);
        assertThat(balance(settlement)).isEqualTo(100_00 - 10 * 1_00);
    }
}
