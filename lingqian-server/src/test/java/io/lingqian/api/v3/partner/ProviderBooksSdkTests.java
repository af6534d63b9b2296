package io.lingqian.api.v3.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.service.billdownload.BillDownloadServiceExtension;
import com.wechat.pay.java.service.billdownload.DigestBillEntity;
import com.wechat.pay.java.service.billdownload.model.BillType;
import com.wechat.pay.java.service.billdownload.model.GetTradeBillRequest;
import com.wechat.pay.java.service.partnerpayments.jsapi.JsapiService;
import com.wechat.pay.java.service.partnerpayments.jsapi.model.Amount;
import com.wechat.pay.java.service.partnerpayments.jsapi.model.Payer;
import com.wechat.pay.java.service.partnerpayments.jsapi.model.PrepayRequest;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.api.v3.ApiV3Credentials;
import io.lingqian.api.v3.SdkClients;
import io.lingqian.accounting.LedgerJobs;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.accounting.TransferCode;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.credentials.PlatformKeys;
import io.lingqian.ledger.Ledger;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.Merchant;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.merchant.MerchantCategory;
import io.lingqian.merchant.MerchantUser;
import io.lingqian.merchant.OpenIds;
import io.lingqian.merchant.Settlement;
import io.lingqian.merchant.Settlements;
import io.lingqian.partner.Commission;
import io.lingqian.partner.ProviderCommissions;
import io.lingqian.partner.Providers;
import io.lingqian.payment.Cashier;
import io.lingqian.testing.DemoEnvironmentTest;
import io.lingqian.wallet.TestPayers;

/**
 * A provider's books through the official SDK: the trade bill of one sub-merchant ({@code sub_mchid})
 * and of all of them, with the provider's mchid as 商户号 and the shop's as 特约商户号; and the
 * provider's commission, credited from the platform's fee income when the shop is settled.
 */
@DemoEnvironmentTest
class ProviderBooksSdkTests {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @LocalServerPort
    int port;
    @Autowired
    Providers providers;
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
    Cashier cashier;
    @Autowired
    CustomerAccounts accounts;
    @Autowired
    Ledger ledger;
    @Autowired
    LedgerJobs ledgerJobs;
    @Autowired
    Settlements settlements;
    @Autowired
    ProviderCommissions commissions;
    @Autowired
    AdjustableClock clock;

    /** A provider with its API credentials and SDK clients signing as it. */
    record Signer(MerchantUser user, String mchid, String spAppid, HttpClient http,
                  BillDownloadServiceExtension bills) {
    }

    private Signer provider;
    private Merchant fuel;
    private Merchant shop;

    @BeforeEach
    void providerWithTwoShops() {
        provider = signer(providers.activeProvider());
        // Fuel: 0.3 %; retail: 0.6 %.
        fuel = providers.activeSubMerchant(provider.user(), MerchantCategory.FUEL);
        shop = providers.activeSubMerchant(provider.user(), MerchantCategory.RETAIL);
    }

    @Test
    void theProviderDownloadsOneShopsTradeBillOrAllOfThemButNeverAnotherProvidersShops() throws IOException {
        Signer other = signer(providers.activeProvider());
        Merchant foreign = providers.activeSubMerchant(other.user(), MerchantCategory.RETAIL);
        LocalDate day = startOfFreshDay();
        TestPayers.Payer payer = payers.withBalance(500_00);
        String diesel = pay(provider, fuel, payer, 100_00);
        String bread = pay(provider, shop, payer, 18_00);
        String theirs = pay(other, foreign, payer, 7_00);
        clock.advance(Duration.ofDays(1));

        DigestBillEntity one = provider.bills().getTradeBill(tradeBill(day, mchidOf(fuel)));
        List<String> lines = read(one.getInputStream());
        assertThat(one.verifyHash()).isTrue();
        assertThat(lines).hasSize(1 + 1 + 2);
        List<String> record = fields(lines.get(1));
        assertThat(List.of(record.get(2), record.get(3), record.get(6), record.get(22), record.get(23)))
                .as("商户号, 特约商户号, 商户订单号, 手续费, 费率")
                .containsExactly(provider.mchid(), mchidOf(fuel), diesel, "0.30", "0.30%");

        DigestBillEntity all = provider.bills().getTradeBill(tradeBill(day, null));
        List<String> allLines = read(all.getInputStream());
        assertThat(all.verifyHash()).isTrue();
        assertThat(allLines.subList(1, allLines.size() - 2)).extracting(line -> fields(line).get(6))
                .containsExactly(diesel, bread);
        assertThat(allLines.subList(1, allLines.size() - 2)).extracting(line -> fields(line).get(3))
                .containsExactly(mchidOf(fuel), mchidOf(shop));
        assertThat(fields(allLines.get(allLines.size() - 1))).containsExactly("2", "118.00", "0.00", "0.00", "0.41",
                "118.00", "0.00");
        assertThat(String.join("\n", allLines)).doesNotContain(theirs);

        assertThatThrownBy(() -> other.bills().getTradeBill(tradeBill(day, mchidOf(fuel))))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.getHttpStatusCode()).isEqualTo(403);
                    assertThat(e.getErrorCode()).isEqualTo("NO_AUTH");
                });
    }

    @Test
    void settlingAShopCreditsTheProvidersShareOfTheFeeOutOfThePlatformsFeeIncome() {
        TestPayers.Payer payer = payers.withBalance(1_000_00);
        startOfFreshDay();
        // 0.3 % of 987.65 is 2.96295: 296 fen of fee; 20 % of it is 59.2 fen, rounded down to 59.
        pay(provider, fuel, payer, 987_65);
        long shopAccount = accounts.openMerchantSettlement(fuel.id());
        long providerAccount = accounts.openMerchantSettlement(provider.user().merchantId());
        assertThat(balance(shopAccount)).isEqualTo(987_65 - 296);
        clock.advance(Duration.ofDays(1));
        long feeIncomeBefore = balance(PlatformAccount.FEE_INCOME.id());

        Settlement settled = settlements.settle(fuel.id()).orElseThrow();

        assertThat(settled.feesFen()).isEqualTo(296);
        assertThat(settled.amountFen()).as("the shop is paid its takings net of the whole fee")
                .isEqualTo(987_65 - 296);
        assertThat(commissions.shareBasisPoints()).as("the default share").isEqualTo(2000);
        assertThat(balance(providerAccount)).isEqualTo(59);
        assertThat(feeIncomeBefore - balance(PlatformAccount.FEE_INCOME.id())).isEqualTo(59);
        assertThat(ledger.transfer(ProviderCommissions.transferId(settled.id())).orElseThrow().code())
                .isEqualTo(TransferCode.PROVIDER_COMMISSION.code());
        assertThat(commissions.of(provider.user().merchantId())).singleElement().satisfies(c -> {
            assertThat(c.subMerchantId()).isEqualTo(fuel.id());
            assertThat(c.feesFen()).isEqualTo(296);
            assertThat(c.commissionFen()).isEqualTo(59);
        });
        assertThat(Commission.of(296, 2500)).as("a quarter, exactly 74").isEqualTo(74);
        assertThat(Commission.of(-10, 2000)).as("net fee refunds earn nothing").isZero();

        // Settling again the same day moves nothing more.
        settlements.settle(fuel.id());
        assertThat(balance(providerAccount)).isEqualTo(59);
        assertThat(ledgerJobs.checkInvariants().ok()).isTrue();

        // The commission is paid out by the provider's own settlement, the next day.
        clock.advance(Duration.ofDays(1));
        assertThat(settlements.settle(provider.user().merchantId())).hasValueSatisfying(s ->
                assertThat(s.amountFen()).isEqualTo(59));
    }

    private String pay(Signer signer, Merchant sub, TestPayers.Payer payer, int totalFen) {
        String outTradeNo = "SB" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        PrepayRequest request = new PrepayRequest();
        request.setSpAppid(signer.spAppid());
        request.setSpMchid(signer.mchid());
        request.setSubMchid(mchidOf(sub));
        request.setDescription("Goods");
        request.setOutTradeNo(outTradeNo);
        request.setNotifyUrl("https://provider.example.cn/notify");
        Amount amount = new Amount();
        amount.setTotal(totalFen);
        request.setAmount(amount);
        Payer p = new Payer();
        p.setSpOpenid(openIds.openidOf(signer.spAppid(), payer.id()));
        request.setPayer(p);
        String prepayId = new JsapiService.Builder().httpClient(signer.http()).build().prepay(request).getPrepayId();
        cashier.pay(payer.id(), payer.deviceId(), prepayId, TestPayers.PAY_PASSWORD);
        return outTradeNo;
    }

    /** Moves the clock to 01:00 of the next day (China Standard Time) and returns that day. */
    private LocalDate startOfFreshDay() {
        ZonedDateTime now = clock.instant().atZone(CHINA);
        ZonedDateTime next = now.toLocalDate().plusDays(1).atStartOfDay(CHINA).plusHours(1);
        clock.advance(Duration.between(now, next));
        return next.toLocalDate();
    }

    private static GetTradeBillRequest tradeBill(LocalDate day, String subMchid) {
        GetTradeBillRequest request = new GetTradeBillRequest();
        request.setBillDate(day.toString());
        request.setBillType(BillType.ALL);
        request.setSubMchid(subMchid);
        return request;
    }

    private static List<String> read(InputStream in) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        }
    }

    /** A record's fields without their leading backtick. */
    private static List<String> fields(String line) {
        return Arrays.stream(line.split(",", -1)).map(f -> f.startsWith("`") ? f.substring(1) : f).toList();
    }

    private Signer signer(MerchantUser user) {
        long id = user.merchantId();
        String mchid = providers.mchidOf(id);
        RSAPublicKeyConfig config = SdkClients.publicKeyMode(ApiV3Credentials.issue(credentials, id, mchid),
                platformKeys.preferred());
        String spAppid = apps.register(id, AppKind.OFFICIAL_ACCOUNT, "Provider account", List.of()).app().appid();
        HttpClient http = SdkClients.http(config, port);
        return new Signer(user, mchid, spAppid, http, new BillDownloadServiceExtension.Builder().httpClient(http)
                .decryptor(config.createDecryptor()).build());
    }

    private String mchidOf(Merchant merchant) {
        return providers.mchidOf(merchant.id());
    }

    private long balance(long accountId) {
        return ledger.account(accountId).orElseThrow().balances().creditBalance();
    }
}
