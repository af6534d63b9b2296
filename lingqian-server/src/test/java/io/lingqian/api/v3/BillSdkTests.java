package io.lingqian.api.v3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.service.billdownload.BillDownloadService;
import com.wechat.pay.java.service.billdownload.BillDownloadServiceExtension;
import com.wechat.pay.java.service.billdownload.DigestBillEntity;
import com.wechat.pay.java.service.billdownload.model.AccountType;
import com.wechat.pay.java.service.billdownload.model.BillType;
import com.wechat.pay.java.service.billdownload.model.GetFundFlowBillRequest;
import com.wechat.pay.java.service.billdownload.model.GetTradeBillRequest;
import com.wechat.pay.java.service.billdownload.model.QueryBillEntity;
import com.wechat.pay.java.service.billdownload.model.TarType;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.Amount;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;
import com.wechat.pay.java.service.refund.RefundService;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.Refund;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.bill.BillFile;
import io.lingqian.bill.BillKind;
import io.lingqian.bill.Bills;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.credentials.PlatformKeys;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.ledger.Ledger;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.merchant.OpenIds;
import io.lingqian.payment.Cashier;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentOrders;
import io.lingqian.testing.DemoEnvironmentTest;
import io.lingqian.wallet.TestPayers;

/**
 * Bills through the official SDK's {@code BillDownloadServiceExtension}: apply, download (signed, not
 * verified), the SDK's own SHA-1 check, plain and gzip; the records match the orders paid that day to
 * the fen; the error codes; isolation between merchants; and a day of 20,000 orders.
 */
@DemoEnvironmentTest
class BillSdkTests {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter BILL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(CHINA);
    private static final String TRADE_ALL_HEADER = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,"
            + "交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,"
            + "商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
    private static final String TRADE_SUCCESS_HEADER = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,"
            + "交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,商品名称,商户数据包,手续费,费率,订单金额,费率备注";

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
    Cashier cashier;
    @Autowired
    PaymentOrders orders;
    @Autowired
    CustomerAccounts accounts;
    @Autowired
    Ledger ledger;
    @Autowired
    Bills bills;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AdjustableClock clock;

    Shop shop;

    /** A merchant with an app and the SDK's clients configured for it, pointed at this server. */
    record Shop(ApiTestMerchant merchant, String appid, NativePayService nativePay, BillDownloadService bills,
                BillDownloadServiceExtension billFiles, RefundService refunds, HttpClient http) {
    }

    @BeforeEach
    void merchant() {
        shop = newShop(Duration.ofSeconds(10));
    }

    @Test
    void theTradeBillOfADayListsItsPaymentsToTheFenAndDownloadsPlainAndGzipWithTheSdksHashCheck() throws IOException {
        LocalDate day = startOfFreshDay();
        TestPayers.Payer payer = payers.withBalance(200_00);
        PaymentOrder coffee = pay(payer, "Flat white, large", 18_00, "table 7");
        PaymentOrder tea = pay(payer, "Tea, green", 84, null);
        PaymentOrder cake = pay(payer, "Cake", 100_00, null);
        shop.nativePay().prepay(prepay(outTradeNo(), "never paid", 5_00, null));
        clock.advance(Duration.ofDays(1));

        DigestBillEntity all = shop.billFiles().getTradeBill(tradeBill(day, BillType.ALL, null));
        List<String> lines = read(all.getInputStream());
        assertThat(all.verifyHash()).as("the SDK's SHA-1 check of the downloaded bytes").isTrue();

        assertThat(lines).hasSize(1 + 3 + 2);
        assertThat(lines.get(0)).isEqualTo(TRADE_ALL_HEADER);
        assertThat(lines.subList(1, 4)).allSatisfy(line -> assertThat(line.split(",", -1)).hasSize(27)
                .allSatisfy(field -> assertThat(field).startsWith("`")));
        List<String> first = fields(lines.get(1));
        assertThat(first).containsExactly(BILL_TIME.format(coffee.successTime()), shop.appid(), shop.merchant().mchid(),
                "0", "", coffee.transactionId(), coffee.outTradeNo(), openIds.openidOf(shop.appid(), payer.id()),
                "NATIVE", "SUCCESS", "OTHERS", "CNY", "18.00", "0.00", "0", "0", "0.00", "0.00", "", "",
                "Flat white， large", "table 7", "0.11", "0.60%", "18.00", "0.00", "");
        List<String> second = fields(lines.get(2));
        assertThat(List.of(second.get(5), second.get(12), second.get(22), second.get(24)))
                .containsExactly(tea.transactionId(), "0.84", "0.01", "0.84");
        assertThat(fields(lines.get(3)).get(5)).isEqualTo(cake.transactionId());
        assertThat(lines.get(4)).isEqualTo("总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额");
        assertThat(fields(lines.get(5))).containsExactly("3", "118.84", "0.00", "0.00", "0.72", "118.84", "0.00");

        DigestBillEntity gzip = shop.billFiles().getTradeBill(tradeBill(day, BillType.ALL, TarType.GZIP));
        assertThat(read(gzip.getInputStream())).as("the same file, compressed").isEqualTo(lines);
        assertThat(gzip.verifyHash()).isTrue();

        QueryBillEntity again = shop.bills().getTradeBill(tradeBill(day, BillType.ALL, null));
        assertThat(again.getHashValue()).as("a past day's bill is the same bytes every time")
                .isEqualTo(shop.bills().getTradeBill(tradeBill(day, BillType.ALL, TarType.GZIP)).getHashValue());
        assertThat(again.getDownloadUrl()).startsWith("https://api.mch.weixin.qq.com/v3/billdownload/file?token=");

        DigestBillEntity success = shop.billFiles().getTradeBill(tradeBill(day, BillType.SUCCESS, null));
        List<String> successLines = read(success.getInputStream());
        assertThat(success.verifyHash()).isTrue();
        assertThat(successLines.get(0)).isEqualTo(TRADE_SUCCESS_HEADER);
        assertThat(fields(successLines.get(1))).containsExactly(BILL_TIME.format(coffee.successTime()), shop.appid(),
                shop.merchant().mchid(), "0", "", coffee.transactionId(), coffee.outTradeNo(),
                openIds.openidOf(shop.appid(), payer.id()), "NATIVE", "SUCCESS", "OTHERS", "CNY", "18.00", "0.00",
                "Flat white， large", "table 7", "0.11", "0.60%", "18.00", "");
        assertThat(successLines.get(4)).isEqualTo("总交易单数,应结订单总金额,手续费总金额,订单总金额");
        assertThat(fields(successLines.get(5))).containsExactly("3", "118.84", "0.72", "118.84");
    }

    @Test
    void partialRefundsAreRecordsOfTheDayTheyWereInitiatedWithNetFeesInTheSummaryToTheFen() throws IOException {
        LocalDate day = startOfFreshDay();
        TestPayers.Payer payer = payers.withBalance(200_00);
        String openid = openIds.openidOf(shop.appid(), payer.id());
        PaymentOrder coffee = pay(payer, "Flat white", 18_00, "table 7");
        PaymentOrder tea = pay(payer, "Tea, green", 84, null);
        PaymentOrder cake = pay(payer, "Cake", 100_00, null);
        // The fee of 18.00 is 11 fen: 5.00 returns 3 fen of it, the remaining 13.00 the other 8.
        Refund coffeeFirst = refund(coffee, "R1-" + coffee.outTradeNo(), 5_00);
        clock.advance(Duration.ofMinutes(5));
        Refund coffeeRest = refund(coffee, "R2-" + coffee.outTradeNo(), 13_00);
        // 0.40 of 0.84 returns round(1 × 40 / 84) = 0 fen of its 1 fen fee.
        Refund teaPart = refund(tea, "R1-" + tea.outTradeNo(), 40);
        clock.advance(Duration.ofDays(1));
        Refund cakeNextDay = refund(cake, "R1-" + cake.outTradeNo(), 10_00);
        clock.advance(Duration.ofDays(1));

        DigestBillEntity all = shop.billFiles().getTradeBill(tradeBill(day, BillType.ALL, null));
        List<String> lines = read(all.getInputStream());
        assertThat(all.verifyHash()).isTrue();
        assertThat(lines).as("header, 3 payments, 3 refunds, summary header and line").hasSize(1 + 3 + 3 + 2);
        assertThat(lines.subList(1, 7)).allSatisfy(line -> assertThat(line.split(",", -1)).hasSize(27)
                .allSatisfy(field -> assertThat(field).startsWith("`")));
        assertThat(fields(lines.get(1)).subList(14, 20)).as("a payment record's refund columns")
                .containsExactly("0", "0", "0.00", "0.00", "", "");
        assertThat(fields(lines.get(4))).containsExactly(time(coffeeFirst.getCreateTime()), shop.appid(),
                shop.merchant().mchid(), "0", "", coffee.transactionId(), coffee.outTradeNo(), openid, "NATIVE",
                "REFUND", "OTHERS", "CNY", "0.00", "0.00", coffeeFirst.getRefundId(), coffeeFirst.getOutRefundNo(),
                "5.00", "0.00", "ORIGINAL", "SUCCESS", "Flat white", "table 7", "-0.03", "0.60%", "0.00", "5.00", "");
        assertThat(pick(lines.get(5), 14, 16, 19, 22, 25))
                .containsExactly(coffeeRest.getRefundId(), "13.00", "SUCCESS", "-0.08", "13.00");
        assertThat(pick(lines.get(6), 5, 14, 16, 22)).containsExactly(tea.transactionId(), teaPart.getRefundId(),
                "0.40", "0.00");
        assertThat(String.join("\n", lines)).as("a refund initiated the next day is on that day's bill")
                .doesNotContain(cakeNextDay.getRefundId());
        // 3 payments and 3 refunds; refunds 18.40; fees 0.11 + 0.01 + 0.60 charged less 0.11 returned.
        assertThat(fields(lines.get(8))).containsExactly("6", "118.84", "18.40", "0.00", "0.61", "118.84", "18.40");

        DigestBillEntity refundsOnly = shop.billFiles().getTradeBill(tradeBill(day, BillType.REFUND, TarType.GZIP));
        List<String> refundLines = read(refundsOnly.getInputStream());
        assertThat(refundsOnly.verifyHash()).isTrue();
        assertThat(refundLines.get(0)).isEqualTo("交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,"
                + "交易状态,付款银行,货币种类,应结订单金额,代金券金额,退款申请时间,退款成功时间,微信退款单号,商户退款单号,退款金额,充值券退款金额,"
                + "退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注");
        assertThat(refundLines).hasSize(1 + 3 + 2);
        assertThat(fields(refundLines.get(1))).containsExactly(time(coffeeFirst.getCreateTime()), shop.appid(),
                shop.merchant().mchid(), "0", "", coffee.transactionId(), coffee.outTradeNo(), openid, "NATIVE",
                "REFUND", "OTHERS", "CNY", "0.00", "0.00", time(coffeeFirst.getCreateTime()),
                time(coffeeFirst.getSuccessTime()), coffeeFirst.getRefundId(), coffeeFirst.getOutRefundNo(), "5.00",
                "0.00", "ORIGINAL", "SUCCESS", "Flat white", "table 7", "-0.03", "0.60%", "0.00", "5.00", "");
        assertThat(refundLines.get(4)).isEqualTo("总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额");
        assertThat(fields(refundLines.get(5))).containsExactly("3", "0.00", "18.40", "0.00", "-0.11", "0.00", "18.40");

        DigestBillEntity success = shop.billFiles().getTradeBill(tradeBill(day, BillType.SUCCESS, null));
        assertThat(read(success.getInputStream())).as("payments only, as they were paid").hasSize(1 + 3 + 2)
                .last().satisfies(summary -> assertThat(fields(summary)).containsExactly("3", "118.84", "0.72", "118.84"));

        GetFundFlowBillRequest fundFlow = new GetFundFlowBillRequest();
        fundFlow.setBillDate(day.toString());
        List<String> movements = read(shop.billFiles().getFundFlowBill(fundFlow).getInputStream());
        assertThat(movements.subList(1, movements.size() - 2)).extracting(BillSdkTests::movement)
                .as("the refunds are movements of the settlement account: the fee back first, then the refund")
                .containsSubsequence(coffeeFirst.getRefundId() + "|退款|退还交易手续费|收入|0.03|118.15",
                        coffeeFirst.getRefundId() + "|退款|退款|支出|5.00|113.15",
                        coffeeRest.getRefundId() + "|退款|退还交易手续费|收入|0.08|113.23",
                        coffeeRest.getRefundId() + "|退款|退款|支出|13.00|100.23",
                        teaPart.getRefundId() + "|退款|退款|支出|0.40|99.83");
        // Income: 118.84 paid + 0.11 fees back; expenses: 0.72 fees + 18.40 refunded.
        assertThat(fields(movements.get(movements.size() - 1)))
                .containsExactly("11.0", "5.0", "118.95", "6.0", "19.12");
    }

    @Test
    void theFundFlowBillListsEveryMovementOfTheSettlementAccountWithTheBalanceAfterIt() throws IOException {
        LocalDate day = startOfFreshDay();
        TestPayers.Payer payer = payers.withBalance(50_00);
        PaymentOrder first = pay(payer, "Noodles", 20_00, null);
        PaymentOrder second = pay(payer, "Dumplings", 10_00, null);
        clock.advance(Duration.ofDays(1));

        GetFundFlowBillRequest request = new GetFundFlowBillRequest();
        request.setBillDate(day.toString());
        request.setAccountType(AccountType.BASIC);
        DigestBillEntity bill = shop.billFiles().getFundFlowBill(request);
        List<String> lines = read(bill.getInputStream());
        assertThat(bill.verifyHash()).isTrue();

        assertThat(lines.get(0)).isEqualTo("记账时间,微信支付业务单号,资金流水单号,业务名称,业务类型,收支类型,收支金额(元),账户结余(元),"
                + "资金变更提交申请人,备注,业务凭证号");
        assertThat(lines.subList(1, 5)).extracting(BillSdkTests::movement)
                .as("business number, name, type, direction, amount, balance after")
                .containsExactly(
                        first.transactionId() + "|交易|交易|收入|20.00|20.00",
                        first.transactionId() + "|交易|扣除交易手续费|支出|0.12|19.88",
                        second.transactionId() + "|交易|交易|收入|10.00|29.88",
                        second.transactionId() + "|交易|扣除交易手续费|支出|0.06|29.82");
        assertThat(lines.subList(1, 5)).extracting(BillSdkTests::seqOf).as("资金流水单号: the ledger's order")
                .isSortedAccordingTo(java.util.Comparator.comparingLong(Long::parseLong));
        // 记账时间 is when the ledger posted the movement (a moment after success_time, maybe the next second).
        assertThat(fields(lines.get(1)).get(0)).isEqualTo(BILL_TIME.format(ledger.transfersByReference(
                "payment:" + first.transactionId()).get(0).createdAt()));
        assertThat(fields(lines.get(2)).get(10)).isEqualTo("payment:" + first.transactionId() + ":fee");
        assertThat(lines.get(5)).isEqualTo("资金流水总笔数,收入笔数,收入金额,支出笔数,支出金额");
        assertThat(fields(lines.get(6))).containsExactly("4.0", "2.0", "30.00", "2.0", "0.18");
        assertThat(ledger.account(accounts.openMerchantSettlement(shop.merchant().merchant().id())).orElseThrow()
                .balances().creditBalance()).isEqualTo(29_82);
    }

    @Test
    void daysWithoutABillAndBadParametersAreRefusedWithWeChatsCodes() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), CHINA);
        assertError(() -> shop.bills().getTradeBill(tradeBill(today, BillType.ALL, null)), 400, "STATEMENT_CREATING");
        assertError(() -> shop.bills().getTradeBill(tradeBill(today.plusDays(1), BillType.ALL, null)), 400, "PARAM_ERROR");
        assertError(() -> shop.bills().getTradeBill(tradeBill(today.minusMonths(4), BillType.ALL, null)), 400,
                "PARAM_ERROR");
        assertError(() -> shop.bills().getTradeBill(tradeBill(today.minusDays(1), BillType.ALL, null)), 400,
                "NO_STATEMENT_EXIST");
        assertError(() -> shop.bills().getTradeBill(tradeBill(today.minusDays(1), BillType.REFUND, null)), 400,
                "NO_STATEMENT_EXIST");
        assertError(() -> shop.bills().getTradeBill(tradeBill(today.minusDays(1), BillType.ALL_SPECIAL, null)), 400,
                "PARAM_ERROR");
        GetTradeBillRequest malformed = new GetTradeBillRequest();
        malformed.setBillDate("2024-02-30");
        assertError(() -> shop.bills().getTradeBill(malformed), 400, "PARAM_ERROR");
        GetFundFlowBillRequest operation = new GetFundFlowBillRequest();
        operation.setBillDate(today.minusDays(1).toString());
        operation.setAccountType(AccountType.OPERATION);
        assertError(() -> shop.bills().getFundFlowBill(operation), 400, "NO_STATEMENT_EXIST");
        GetFundFlowBillRequest basic = new GetFundFlowBillRequest();
        basic.setBillDate(today.minusDays(1).toString());
        assertError(() -> shop.bills().getFundFlowBill(basic), 400, "NO_STATEMENT_EXIST");
    }

    @Test
    void aMerchantCanNeitherDownloadNorApplyForAnotherMerchantsBill() throws IOException {
        LocalDate day = startOfFreshDay();
        pay(payers.withBalance(10_00), "Bun", 3_00, null);
        clock.advance(Duration.ofDays(1));
        QueryBillEntity mine = shop.bills().getTradeBill(tradeBill(day, BillType.ALL, null));
        assertThat(read(shop.http().download(mine.getDownloadUrl()))).hasSize(4);

        Shop other = newShop(Duration.ofSeconds(10));

        assertThatThrownBy(() -> other.http().download(mine.getDownloadUrl()))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.getHttpStatusCode()).isEqualTo(400));
        assertError(() -> other.bills().getTradeBill(tradeBill(day, BillType.ALL, null)), 400, "NO_STATEMENT_EXIST");
    }

    @Test
    void aDayOfTwentyThousandOrdersIsStreamedIntoChunksAndDownloadedWhole() throws IOException {
        // The first apply for a day generates its bill; on a busy build machine that takes longer than
        // the SDK's default 10 s read timeout (this is not a timing assertion, only room to finish).
        shop = newShop(Duration.ofMinutes(3));
        long merchantId = shop.merchant().merchant().id();
        LocalDate day = LocalDate.ofInstant(clock.instant(), CHINA).minusDays(2);
        int n = 20_000;
        long expectedTotal = insertPaidOrders(merchantId, day, n);

        DigestBillEntity bill = shop.billFiles().getTradeBill(tradeBill(day, BillType.SUCCESS, TarType.GZIP));
        long records = 0;
        String summary = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(bill.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = reader.readLine();
            assertThat(line).isEqualTo(TRADE_SUCCESS_HEADER);
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("总交易单数")) {
                    summary = reader.readLine();
                    break;
                }
                records++;
            }
        }
        assertThat(bill.verifyHash()).isTrue();
        assertThat(records).isEqualTo(n);
        assertThat(fields(summary)).containsExactly(Integer.toString(n), yuan(expectedTotal), "0.00", yuan(expectedTotal));
        BillFile stored = bills.prepare(merchantId, day, BillKind.TRADE_SUCCESS);
        assertThat(stored.chunks()).as("generated into stored chunks of at most 1 MiB, never held whole")
                .isGreaterThan(1);

        // The same file served plain: every chunk in order, as many bytes as stored, the same hash.
        DigestBillEntity plain = shop.billFiles().getTradeBill(tradeBill(day, BillType.SUCCESS, null));
        byte[] bytes;
        try (InputStream in = plain.getInputStream()) {
            bytes = in.readAllBytes();
        }
        assertThat(plain.verifyHash()).isTrue();
        assertThat((long) bytes.length).isEqualTo(stored.sizeBytes());
        assertThat(HexFormat.of().formatHex(sha1(bytes))).isEqualTo(stored.sha1());
        List<String> lines = List.of(new String(bytes, StandardCharsets.UTF_8).split("\n"));
        assertThat(lines).hasSize(n + 3);
        assertThat(lines.get(n)).as("the last order, after every chunk boundary")
                .startsWith("`" + BILL_TIME.format(day.atStartOfDay(CHINA).toInstant()
                        .plusMillis((n - 1) * (Duration.ofDays(1).toMillis() / n))));
        assertThat(fields(lines.get(n))).contains("oBULK" + (n - 1), "Item " + (n - 1), yuan(100 + n - 1));
    }

    private static byte[] sha1(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void amountsAreYuanToTheFenAndMerchantFundedDiscountsComeOffTheSettlementTotal() throws IOException {
        long merchantId = shop.merchant().merchant().id();
        LocalDate day = LocalDate.ofInstant(clock.instant(), CHINA).minusDays(3);
        Instant start = day.atStartOfDay(CHINA).toInstant();
        String prefix = "42000000" + "03" + day.toString().replace("-", "") + String.format("%04d", merchantId % 10_000);
        long[] totals = {1, 10, 100_000_000, 100_00};
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < totals.length; i++) {
            OffsetDateTime at = OffsetDateTime.ofInstant(start.plusSeconds(60L * (i + 1)), ZoneOffset.UTC);
            // The last order was paid 70.00 of 100.00: 20.00 off by a merchant-funded coupon, 10.00 by a pre-funded one.
            long payer = i == 3 ? 70_00 : totals[i];
            rows.add(new Object[] {merchantId, shop.merchant().mchid(), shop.appid(), "FEN" + merchantId + "x" + i,
                    prefix + String.format("%06d", i), "wxfen" + merchantId + "x" + i, "f" + merchantId + "x" + i,
                    "Item " + i, totals[i], "oFEN" + i, "0".repeat(64), at.plusHours(2), at, 1L, payer, 0L, at});
        }
        insert(rows);
        long discounted = jdbc.queryForObject("SELECT id FROM payment_order WHERE merchant_id = ? AND out_trade_no = ?",
                Long.class, merchantId, "FEN" + merchantId + "x3");
        jdbc.update("""
                INSERT INTO payment_discount (order_id, position, discount_id, description, amount_fen, funding_account_id,
                    scope, promotion_type, wechatpay_contribute_fen, merchant_contribute_fen, other_contribute_fen)
                VALUES (?, 0, 'd-nocash', 'Shop coupon', 2000, NULL, 'SINGLE', 'NOCASH', 0, 2000, 0),
                       (?, 1, 'd-cash', 'Platform coupon', 1000, 1, 'GLOBAL', 'CASH', 1000, 0, 0)""",
                discounted, discounted);

        DigestBillEntity bill = shop.billFiles().getTradeBill(tradeBill(day, BillType.SUCCESS, null));
        List<String> lines = read(bill.getInputStream());
        assertThat(bill.verifyHash()).isTrue();
        assertThat(lines).hasSize(1 + 4 + 2);
        // 应结订单金额, 代金券金额, 订单金额 of each record
        assertThat(pick(lines.get(1), 12, 13, 18)).containsExactly("0.01", "0.00", "0.01");
        assertThat(pick(lines.get(2), 12, 13, 18)).containsExactly("0.10", "0.00", "0.10");
        assertThat(pick(lines.get(3), 12, 13, 18)).containsExactly("1000000.00", "0.00", "1000000.00");
        assertThat(pick(lines.get(4), 12, 13, 18)).containsExactly("80.00", "30.00", "100.00");
        assertThat(fields(lines.get(6))).containsExactly("4", "1000080.11", "0.00", "1000100.11");
    }

    /** Paid orders written straight into the table, spread over the day, so that the bill has many rows. */
    private long insertPaidOrders(long merchantId, LocalDate day, int n) {
        Instant start = day.atStartOfDay(CHINA).toInstant();
        long spacingMillis = Duration.ofDays(1).toMillis() / n;
        String prefix = "42000000" + "02" + day.toString().replace("-", "") + String.format("%04d", merchantId % 10_000);
        long total = 0;
        List<Object[]> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long amount = 100 + i;
            total += amount;
            OffsetDateTime at = OffsetDateTime.ofInstant(start.plusMillis(i * spacingMillis), ZoneOffset.UTC);
            batch.add(new Object[] {merchantId, shop.merchant().mchid(), shop.appid(), "BULK" + i,
                    prefix + String.format("%06d", i), "wxbulk" + merchantId + "x" + i, "b" + merchantId + "x" + i,
                    "Item " + i, amount, "oBULK" + i, "0".repeat(64), at.plusHours(2), at, 1L, amount, 0L, at});
            if (batch.size() == 1000) {
                insert(batch);
            }
        }
        insert(batch);
        return total;
    }

    private void insert(List<Object[]> batch) {
        jdbc.batchUpdate("""
                INSERT INTO payment_order (merchant_id, mchid, appid, out_trade_no, transaction_id, prepay_id, code_token,
                    trade_type, trade_state, description, notify_url, total_fen, currency, payer_openid, request_hash,
                    time_expire, created_at, payer_user_id, payer_total_fen, fee_fen, success_time)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'NATIVE', 'SUCCESS', ?, 'https://shop.example.cn/notify', ?, 'CNY', ?, ?,
                    ?, ?, ?, ?, ?, ?)""", batch);
        batch.clear();
    }

    /** Moves the clock to 01:00 of the next day (China Standard Time) and returns that day. */
    private LocalDate startOfFreshDay() {
        ZonedDateTime now = clock.instant().atZone(CHINA);
        ZonedDateTime next = now.toLocalDate().plusDays(1).atStartOfDay(CHINA).plusHours(1);
        clock.advance(Duration.between(now, next));
        return next.toLocalDate();
    }

    private PaymentOrder pay(TestPayers.Payer payer, String description, int totalFen, String attach) {
        String outTradeNo = outTradeNo();
        String codeUrl = shop.nativePay().prepay(prepay(outTradeNo, description, totalFen, attach)).getCodeUrl();
        cashier.pay(payer.id(), payer.deviceId(), cashier.scan(payer.id(), codeUrl).prepayId(), TestPayers.PAY_PASSWORD);
        return orders.byOutTradeNo(shop.merchant().merchant().id(), outTradeNo);
    }

    private Refund refund(PaymentOrder order, String outRefundNo, long refundFen) {
        CreateRequest request = new CreateRequest();
        request.setOutTradeNo(order.outTradeNo());
        request.setOutRefundNo(outRefundNo);
        AmountReq amount = new AmountReq();
        amount.setRefund(refundFen);
        amount.setTotal(order.totalFen());
        amount.setCurrency("CNY");
        request.setAmount(amount);
        return shop.refunds().create(request);
    }

    /** An RFC 3339 time of the API as the bill writes it. */
    private static String time(String rfc3339) {
        return BILL_TIME.format(OffsetDateTime.parse(rfc3339));
    }

    private PrepayRequest prepay(String outTradeNo, String description, int totalFen, String attach) {
        PrepayRequest request = new PrepayRequest();
        request.setAppid(shop.appid());
        request.setMchid(shop.merchant().mchid());
        request.setDescription(description);
        request.setOutTradeNo(outTradeNo);
        request.setNotifyUrl("https://shop.example.cn/notify");
        request.setAttach(attach);
        Amount amount = new Amount();
        amount.setTotal(totalFen);
        request.setAmount(amount);
        return request;
    }

    private static GetTradeBillRequest tradeBill(LocalDate day, BillType type, TarType tar) {
        GetTradeBillRequest request = new GetTradeBillRequest();
        request.setBillDate(day.toString());
        request.setBillType(type);
        request.setTarType(tar);
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

    private static List<String> pick(String line, int... columns) {
        List<String> all = fields(line);
        return Arrays.stream(columns).mapToObj(all::get).toList();
    }

    private static String movement(String line) {
        List<String> f = fields(line);
        return String.join("|", f.get(1), f.get(3), f.get(4), f.get(5), f.get(6), f.get(7));
    }

    private static String seqOf(String line) {
        return fields(line).get(2);
    }

    private static String yuan(long fen) {
        return java.math.BigDecimal.valueOf(fen, 2).toPlainString();
    }

    private static String outTradeNo() {
        return "LQB" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    private static void assertError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int status,
            String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.getHttpStatusCode()).isEqualTo(status);
            assertThat(e.getErrorCode()).isEqualTo(code);
            assertThat(e.getErrorMessage()).isNotBlank();
        });
    }

    private Shop newShop(Duration readTimeout) {
        ApiTestMerchant merchant = ApiTestMerchant.create(merchants, credentials);
        String appid = apps.register(merchant.merchant().id(), AppKind.OFFICIAL_ACCOUNT, "Shop", List.of()).app().appid();
        RSAPublicKeyConfig config = SdkClients.publicKeyMode(merchant.credentials(), platformKeys.preferred());
        HttpClient http = SdkClients.http(config, port, readTimeout);
        return new Shop(merchant, appid, new NativePayService.Builder().httpClient(http).build(),
                new BillDownloadService.Builder().httpClient(http).decryptor(config.createDecryptor()).build(),
                new BillDownloadServiceExtension.Builder().httpClient(http).decryptor(config.createDecryptor()).build(),
                new RefundService.Builder().httpClient(http).build(), http);
    }
}
