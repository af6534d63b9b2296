package io.lingqian.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.accounting.PartnerBank;
import io.lingqian.bank.CardType;
import io.lingqian.bank.TestCard;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.care.ComplaintKind;
import io.lingqian.care.Complaints;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.payment.Cashier;
import io.lingqian.payment.NewOrder;
import io.lingqian.payment.NewRefund;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentOrders;
import io.lingqian.payment.Refund;
import io.lingqian.payment.Refunds;
import io.lingqian.payment.TradeType;
import io.lingqian.social.Arrival;
import io.lingqian.social.RedPacket;
import io.lingqian.social.RedPacketKind;
import io.lingqian.social.RedPackets;
import io.lingqian.social.SocialFixtures;
import io.lingqian.social.Transfers;
import io.lingqian.staff.StaffRole;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.TestPayers;
import io.lingqian.wallet.WalletUser;
import io.lingqian.wallet.Withdrawals;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every figure behind the dashboard's charts, after a mixed workload (payments in two scenes,
 * partial and full refunds, top-ups, a withdrawal, a refused withdrawal, a transfer, a red packet),
 * compared with a recount straight from the orders and from the ledger's journal.
 */
@ServerTest
class StatisticsTests {

    private static final ZoneId CST = ZoneId.of("Asia/Shanghai");

    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;
    @Autowired JdbcClient jdbc;
    @Autowired AdjustableClock clock;
    @Autowired StatsRollup rollup;
    @Autowired Statistics statistics;
    @Autowired TestUsers users;
    @Autowired TestMerchants merchants;
    @Autowired TestPayers payers;
    @Autowired MerchantApps apps;
    @Autowired PaymentOrders orders;
    @Autowired Cashier cashier;
    @Autowired Refunds refunds;
    @Autowired SocialFixtures people;
    @Autowired RedPackets packets;
    @Autowired Transfers transfers;
    @Autowired Withdrawals withdrawals;
    @Autowired Complaints complaints;

    /** Moves the clock to 10:00 China Standard Time of a later day, so a workload never straddles midnight. */
    private LocalDate morning() {
        ZonedDateTime now = clock.instant().atZone(CST);
        ZonedDateTime ten = now.toLocalDate().plusDays(1).atTime(10, 0).atZone(CST);
        clock.advance(Duration.between(now, ten));
        return ten.toLocalDate();
    }

    @Test
    void everyDashboardFigureMatchesARecountFromOrdersAndTheLedger() throws Exception {
        LocalDate day = morning();
        rollup.fold();
        TestMerchants.ApprovedMerchant a = merchants.approved();
        TestMerchants.ApprovedMerchant b = merchants.approved();
        TestPayers.Payer p1 = payers.withBalance(500_00);
        TestPayers.Payer p2 = payers.withBalance(500_00);
        PaymentOrder a1 = pay(a, p1, TradeType.NATIVE, 10_00);
        PaymentOrder a2 = pay(a, p1, TradeType.NATIVE, 20_00);
        PaymentOrder a3 = pay(a, p2, TradeType.APP, 30_00);
        pay(b, p1, TradeType.NATIVE, 50_00);
        refund(a, a2, 15_00);
        refund(a, a3, 30_00);
        complaints.file(p1.id(), "payment:" + a1.transactionId(), ComplaintKind.NOT_RECEIVED, "Nothing came.", null);

        WalletUser sender = people.payer(100_00);
        WalletUser friend = people.payer(0);
        people.befriend(sender, friend);
        people.befriend(friend, sender);
        RedPacket packet = packets.send(sender.id(), SocialFixtures.DEVICE, new RedPackets.Send(RedPacketKind.ONE_TO_ONE,
                null, friend.id(), 8_88, 0, null, "rp-" + UUID.randomUUID(), SocialFixtures.PAY_PASSWORD));
        packets.open(friend.id(), packet.id());
        var t = transfers.send(sender.id(), SocialFixtures.DEVICE, new Transfers.Send(friend.id(), 5_00,
                Arrival.REAL_TIME, null, "tr-" + UUID.randomUUID(), SocialFixtures.PAY_PASSWORD));
        transfers.accept(friend.id(), t.id());

        long goodCard = payers.bindCard(p2, TestCard.ALWAYS_SUCCEEDS, PartnerBank.CMB, CardType.DEBIT);
        long frozenCard = payers.bindCard(p2, TestCard.CARD_FROZEN, PartnerBank.CMB, CardType.DEBIT);
        withdrawals.withdraw(p2.id(), p2.deviceId(), goodCard, 12_00, "w-" + UUID.randomUUID(), TestPayers.PAY_PASSWORD);
        withdrawals.withdraw(p2.id(), p2.deviceId(), frozenCard, 7_00, "w-" + UUID.randomUUID(), TestPayers.PAY_PASSWORD);

        assertThat(rollup.fold()).isPositive();
        assertThat(rollup.fold()).as("a second fold finds nothing new").isZero();

        String admin = users.staff(StaffRole.FINANCE).username();
        String range = "?from=" + day + "&to=" + day;

        // Merchant A, from its orders and refunds.
        JsonNode top = call(admin, "/admin/api/stats/merchants" + range + "&limit=100");
        JsonNode rowA = find(top, a.id());
        List<PaymentOrder> paidA = List.of(a1, orders.byOutTradeNo(a.id(), a2.outTradeNo()),
                orders.byOutTradeNo(a.id(), a3.outTradeNo()));
        List<Refund> refundsA = refunds.recent(a.id(), 100);
        long feeA = paidA.stream().mapToLong(o -> orders.byOutTradeNo(a.id(), o.outTradeNo()).feeFen()).sum()
                - refundsA.stream().mapToLong(Refund::feeRefundFen).sum();
        assertThat(rowA.get("payments").asLong()).isEqualTo(3);
        assertThat(rowA.get("amountFen").asLong()).isEqualTo(paidA.stream().mapToLong(PaymentOrder::totalFen).sum())
                .isEqualTo(60_00);
        assertThat(rowA.get("refunds").asLong()).isEqualTo(refundsA.size()).isEqualTo(2);
        assertThat(rowA.get("refundFen").asLong()).isEqualTo(refundsA.stream().mapToLong(Refund::refundFen).sum())
                .isEqualTo(45_00);
        assertThat(rowA.get("feeFen").asLong()).isEqualTo(feeA);
        assertThat(rowA.get("refundRate").asDouble()).isEqualTo(45_00 / 60_00.0);
        assertThat(rowA.get("complaints").asLong()).as("counted by the complaints context").isEqualTo(1);
        assertThat(rowA.get("complaintRate").asDouble()).isEqualTo(1 / 3.0);
        assertThat(find(top, b.id()).get("complaints").asLong()).as("none filed: zero, not blank").isZero();
        assertThat(find(top, b.id()).get("amountFen").asLong()).isEqualTo(50_00);

        // Every scene of the day, from the journal.
        Map<String, long[]> recount = recountScenes(day);
        JsonNode volume = call(admin, "/admin/api/stats/volume" + range + "&period=DAY");
        assertThat(volume.get("buckets").size()).isEqualTo(1);
        for (JsonNode line : volume.get("scenes")) {
            long[] expected = recount.getOrDefault(line.get("scene").asString(), new long[2]);
            assertThat(new long[] {line.get("counts").get(0).asLong(), line.get("amountsFen").get(0).asLong()})
                    .as(line.get("scene").asString()).containsExactly(expected);
        }
        assertThat(recount.get("NATIVE")[0]).isGreaterThanOrEqualTo(3);
        assertThat(recount.get("APP")[0]).isGreaterThanOrEqualTo(1);
        assertThat(recount.get("RED_PACKET")[0]).isGreaterThanOrEqualTo(1);
        assertThat(recount.get("TRANSFER")[0]).isGreaterThanOrEqualTo(1);
        assertThat(recount.get("TOPUP")[0]).isGreaterThanOrEqualTo(2);
        assertThat(recount.get("WITHDRAWAL")[0]).isGreaterThanOrEqualTo(1);

        // Shares add up to the volume; categories to the merchant scenes.
        JsonNode shares = call(admin, "/admin/api/stats/shares" + range);
        long sceneTotal = 0;
        for (JsonNode s : shares.get("scenes")) {
            sceneTotal += s.get("amountFen").asLong();
            assertThat(s.get("amountFen").asLong()).isEqualTo(recount.get(s.get("name").asString())[1]);
        }
        assertThat(sceneTotal).isEqualTo(recount.values().stream().mapToLong(v -> v[1]).sum());
        long categoryTotal = 0;
        for (JsonNode c : shares.get("categories")) {
            categoryTotal += c.get("amountFen").asLong();
        }
        assertThat(categoryTotal).isEqualTo(List.of("NATIVE", "JSAPI", "APP", "MWEB", "MICROPAY").stream()
                .mapToLong(s -> recount.getOrDefault(s, new long[2])[1]).sum());

        // Fee income, from the fee income account's postings of the day.
        JsonNode money = call(admin, "/admin/api/stats/money" + range);
        assertThat(money.get("feeIncomeFen").get(0).asLong()).isEqualTo(feeIncomeFromLedger(day));

        // Red packets per hour, from the packet escrow's postings.
        JsonNode red = call(admin, "/admin/api/stats/red-packets" + range);
        long sent = 0;
        long opened = 0;
        for (JsonNode h : red.get("hours")) {
            sent += h.get("sent").asLong();
            opened += h.get("opened").asLong();
        }
        assertThat(sent).isEqualTo(countOf(day, "code = 21 AND credit_account_id = 3002"));
        assertThat(opened).isEqualTo(countOf(day, "code = 21 AND debit_account_id = 3002"));
        assertThat(red.get("peakOpenedPerSecond").asLong()).isPositive();

        // The CSV carries the same figures.
        String csv = mvc.perform(get("/admin/api/stats/volume.csv" + range).with(httpBasic(admin, TestUsers.PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(csv).startsWith("period,scene,count,amount_cny\n")
                .contains(day + ",TOPUP," + recount.get("TOPUP")[0] + ","
                        + java.math.BigDecimal.valueOf(recount.get("TOPUP")[1], 2).toPlainString());

        // Derived data: a rebuild from the whole journal gives the same figures.
        String before = mvc.perform(get("/admin/api/stats/volume" + range).with(httpBasic(admin, TestUsers.PASSWORD)))
                .andReturn().getResponse().getContentAsString();
        rollup.rebuild();
        assertThat(mvc.perform(get("/admin/api/stats/volume" + range).with(httpBasic(admin, TestUsers.PASSWORD)))
                .andReturn().getResponse().getContentAsString()).isEqualTo(before);
        assertThat(find(call(admin, "/admin/api/stats/merchants" + range + "&limit=100"), a.id()).get("refundFen")
                .asLong()).isEqualTo(45_00);
    }

    @Test
    void usersAreCountedByAccountClassAtTheEndOfTheDay() throws Exception {
        LocalDate day = morning();
        rollup.fold();
        rollup.snapshotUsers(day);
        Map<String, long[]> before = usersOf(day);
        users.walletUser();
        TestPayers.Payer verified = payers.withBalance(10_00);
        rollup.fold();
        rollup.snapshotUsers(day);
        Map<String, long[]> after = usersOf(day);

        assertThat(after.get("NONE")[0] - before.getOrDefault("NONE", new long[4])[0]).isEqualTo(1);
        long[] classOne = after.get("I");
        long[] classOneBefore = before.getOrDefault("I", new long[4]);
        assertThat(new long[] {classOne[0] - classOneBefore[0], classOne[1] - classOneBefore[1],
                classOne[2] - classOneBefore[2], classOne[3] - classOneBefore[3]})
                .as("registered, verified, with a card, active (the top-up)").containsExactly(1, 1, 1, 1);
        assertThat(statistics.activeUsers(day)).isGreaterThanOrEqualTo(1);
        assertThat(verified.id()).isPositive();
    }

    @Test
    void onlyAdminAndFinanceSeeStatisticsAndBadRangesAreRefused() throws Exception {
        String risk = users.staff(StaffRole.RISK).username();
        mvc.perform(get("/admin/api/stats/volume").with(httpBasic(risk, TestUsers.PASSWORD)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/admin/statistics").with(httpBasic(risk, TestUsers.PASSWORD)))
                .andExpect(status().isForbidden());
        String admin = users.staff(StaffRole.ADMIN).username();
        mvc.perform(get("/admin/statistics").with(httpBasic(admin, TestUsers.PASSWORD)))
                .andExpect(status().isOk());
        mvc.perform(get("/admin/api/stats/volume?from=2026-02-30").with(httpBasic(admin, TestUsers.PASSWORD)))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/admin/api/stats/volume?from=2026-03-02&to=2026-03-01").with(httpBasic(admin, TestUsers.PASSWORD)))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/admin/api/stats/volume?period=WEEK").with(httpBasic(admin, TestUsers.PASSWORD)))
                .andExpect(status().isBadRequest());
        JsonNode reference = call(admin, "/admin/api/stats/reference");
        assertThat(reference.get("external").asBoolean()).isTrue();
        assertThat(reference.get("figures").toString()).contains("409,000 per second");
    }

    private Map<String, long[]> usersOf(LocalDate day) {
        Map<String, long[]> byClass = new HashMap<>();
        statistics.users(day, day).forEach(u -> byClass.put(u.accountClass(),
                new long[] {u.registered(), u.verified(), u.withCard(), u.active()}));
        return byClass;
    }

    /** Count and amount per scene straight from ledger_transfer, joined to the orders for the payment scenes. */
    private Map<String, long[]> recountScenes(LocalDate day) {
        Map<String, long[]> scenes = new HashMap<>();
        String window = " AND t.kind IN ('SINGLE', 'POST_PENDING') AND t.created_at >= :from AND t.created_at < :to";
        jdbc.sql("""
                SELECT o.trade_type, SUM(CASE WHEN t.code = 10 THEN 1 ELSE 0 END) AS n, SUM(t.amount) AS fen
                FROM ledger_transfer t JOIN payment_order o ON t.reference = CONCAT('payment:', o.transaction_id)
                JOIN ledger_account m ON m.id = t.credit_account_id AND m.reference LIKE 'merchant:%:settlement'
                WHERE t.code IN (10, 31)""" + window + " GROUP BY o.trade_type")
                .params(bounds(day))
                .query((rs, i) -> scenes.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)})).list();
        put(scenes, "TOPUP", day, "t.code = 1", window);
        put(scenes, "TRANSFER", day, "t.code = 20 AND t.debit_account_id = 3001", window);
        put(scenes, "RED_PACKET", day, "t.code = 21 AND t.credit_account_id = 3002", window);
        put(scenes, "ADJUSTMENT", day, "t.code = 90", window);
        long[] out = sums(day, "t.code = 2 AND t.credit_account_id = 3004 AND t.kind = 'SINGLE'", window);
        long[] back = sums(day, "t.code = 2 AND t.debit_account_id = 3004 AND t.kind = 'SINGLE'", window);
        scenes.put("WITHDRAWAL", new long[] {out[0] - back[0], out[1] - back[1]});
        scenes.values().removeIf(v -> v[0] == 0 && v[1] == 0);
        return scenes;
    }

    private void put(Map<String, long[]> scenes, String scene, LocalDate day, String where, String window) {
        scenes.put(scene, sums(day, where, window));
    }

    private long[] sums(LocalDate day, String where, String window) {
        return jdbc.sql("SELECT COUNT(*), COALESCE(SUM(t.amount), 0) FROM ledger_transfer t WHERE " + where + window)
                .params(bounds(day)).query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
    }

    private long countOf(LocalDate day, String where) {
        return sums(day, where, " AND t.kind = 'SINGLE' AND t.created_at >= :from AND t.created_at < :to")[0];
    }

    private long feeIncomeFromLedger(LocalDate day) {
        String window = " AND t.kind IN ('SINGLE', 'POST_PENDING') AND t.created_at >= :from AND t.created_at < :to";
        return sums(day, "t.credit_account_id = 4001", window)[1] - sums(day, "t.debit_account_id = 4001", window)[1];
    }

    private static Map<String, Object> bounds(LocalDate day) {
        Instant from = day.atStartOfDay(CST).toInstant();
        return Map.of("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC),
                "to", OffsetDateTime.ofInstant(from.plus(Duration.ofDays(1)), ZoneOffset.UTC));
    }

    private JsonNode call(String staff, String path) throws Exception {
        return json.readTree(mvc.perform(get(path).with(httpBasic(staff, TestUsers.PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private static JsonNode find(JsonNode merchants, long id) {
        for (JsonNode m : merchants) {
            if (m.get("merchantId").asLong() == id) {
                return m;
            }
        }
        throw new AssertionError("merchant " + id + " not in " + merchants);
    }

    private PaymentOrder pay(TestMerchants.ApprovedMerchant merchant, TestPayers.Payer payer, TradeType type,
            long totalFen) {
        String appid = apps.register(merchant.id(), AppKind.MOBILE_APP, "Shop", List.of()).app().appid();
        PaymentOrder order = orders.prepay(merchant.id(), new NewOrder(type, appid, merchant.mchid(), "Tea",
                "S" + UUID.randomUUID().toString().replace("-", "").substring(0, 20), null, null,
                "https://shop.example.cn/notify", null, totalFen, "CNY", null, null, null, UUID.randomUUID().toString()));
        cashier.pay(payer.id(), payer.deviceId(), order.prepayId(), TestPayers.PAY_PASSWORD);
        return order;
    }

    private void refund(TestMerchants.ApprovedMerchant merchant, PaymentOrder order, long fen) {
        refunds.refund(merchant.id(), new NewRefund(order.transactionId(), null,
                "R" + UUID.randomUUID().toString().replace("-", "").substring(0, 20), null, null, fen,
                order.totalFen(), List.of(), UUID.randomUUID().toString()));
    }
}
