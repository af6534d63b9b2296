package io.lingqian.risk;

import static io.lingqian.risk.RiskControlTests.code;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.audit.AuditEntry;
import io.lingqian.audit.AuditLog;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.ledger.Ledger;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.payment.Cashier;
import io.lingqian.payment.NewOrder;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentOrders;
import io.lingqian.payment.TradeType;
import io.lingqian.social.Arrival;
import io.lingqian.social.Contacts;
import io.lingqian.social.RedPacket;
import io.lingqian.social.RedPacketKind;
import io.lingqian.social.RedPackets;
import io.lingqian.social.Transfer;
import io.lingqian.social.Transfers;
import io.lingqian.staff.StaffRole;
import io.lingqian.staff.StaffUser;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.TestPayers;

/**
 * Amount holds (part of a balance held with a pending ledger transfer, released by staff or by expiry)
 * and what a freeze does to money the frozen wallet sent that still waits: held where it is.
 */
@ServerTest
class FreezeCompletenessTests {

    @Autowired MockMvc mvc;
    @Autowired AmountHolds holds;
    @Autowired WalletFreezes freezes;
    @Autowired RiskCases cases;
    @Autowired RiskJobs jobs;
    @Autowired AuditLog audit;
    @Autowired TestPayers payers;
    @Autowired TestUsers users;
    @Autowired TestMerchants merchants;
    @Autowired MerchantApps apps;
    @Autowired PaymentOrders orders;
    @Autowired Cashier cashier;
    @Autowired Transfers transfers;
    @Autowired RedPackets redPackets;
    @Autowired Contacts contacts;
    @Autowired CustomerAccounts accounts;
    @Autowired Ledger ledger;
    @Autowired AdjustableClock clock;

    @Test
    void anAmountHoldKeepsPartOfTheBalanceUntilStaffReleaseItOrItExpires() {
        TestPayers.Payer payer = payers.withBalance(300_00);
        String key = UUID.randomUUID().toString();
        AmountHold held = holds.hold(key, payer.id(), 200_00, "disputed incoming money", null, 1, "risk staff");
        assertThat(held.state()).isEqualTo(AmountHold.State.ACTIVE);
        assertThat(available(payer.id())).isEqualTo(100_00);
        assertThat(balance(payer.id())).as("held, not moved").isEqualTo(300_00);
        // the same form again holds once; the key with other content is refused
        assertThat(holds.hold(key, payer.id(), 200_00, "disputed incoming money", null, 1, "risk staff").id())
                .isEqualTo(held.id());
        assertThat(code(() -> holds.hold(key, payer.id(), 50_00, "disputed incoming money", null, 1, "risk staff")))
                .isEqualTo("request_key_reused");
        assertThat(code(() -> holds.hold(UUID.randomUUID().toString(), payer.id(), 100_01, "more", null, 1,
                "risk staff"))).isEqualTo("hold_exceeds_balance");
        assertThat(available(payer.id())).isEqualTo(100_00);

        TestMerchants.ApprovedMerchant merchant = merchants.approved();
        String appid = apps.register(merchant.id(), AppKind.OFFICIAL_ACCOUNT, "Shop", List.of()).app().appid();
        PaymentOrder big = prepay(merchant, appid, 150_00);
        assertThat(code(() -> cashier.pay(payer.id(), payer.deviceId(), big.prepayId(), TestPayers.PAY_PASSWORD)))
                .isEqualTo("insufficient_balance");
        cashier.pay(payer.id(), payer.deviceId(), prepay(merchant, appid, 50_00).prepayId(), TestPayers.PAY_PASSWORD);

        AmountHold released = holds.release(held.id(), 1, "risk staff", "the sender confirmed");
        assertThat(released.state()).isEqualTo(AmountHold.State.RELEASED);
        assertThat(code(() -> holds.release(held.id(), 1, "risk staff", ""))).isEqualTo("hold_ended");
        assertThat(cashier.pay(payer.id(), payer.deviceId(), big.prepayId(), TestPayers.PAY_PASSWORD).payerTotalFen())
                .isEqualTo(150_00);
        assertThat(available(payer.id())).isEqualTo(100_00);

        // a hold with an expiry ends by itself
        AmountHold timed = holds.hold(UUID.randomUUID().toString(), payer.id(), 80_00, "24 h cooling-off",
                clock.instant().plus(Duration.ofHours(24)), 1, "risk staff");
        assertThat(available(payer.id())).isEqualTo(20_00);
        clock.advance(Duration.ofHours(23));
        jobs.expireFreezes();
        assertThat(holds.get(timed.id()).state()).isEqualTo(AmountHold.State.ACTIVE);
        clock.advance(Duration.ofHours(1));
        assertThat(jobs.expireFreezes()).isPositive();
        assertThat(holds.get(timed.id()).state()).isEqualTo(AmountHold.State.EXPIRED);
        assertThat(available(payer.id())).isEqualTo(100_00);

        RiskCase c = cases.list(null, payer.id(), 1).get(0);
        assertThat(cases.trail(c.id())).extracting(RiskCase.Event::kind)
                .contains("AMOUNT_HELD", "AMOUNT_RELEASED", "AMOUNT_EXPIRED");
        assertThat(audit.search(new AuditLog.Filter(null, "AMOUNT_HELD", null, null), 50))
                .extracting(AuditEntry::subject).contains("user:" + payer.id());
    }

    @Test
    void staffHoldAndReleaseFromTheCasePageWithTheFormKeyUsedOnce() throws Exception {
        TestPayers.Payer payer = payers.withBalance(100_00);
        long caseId = cases.record(payer.id(), "DENY", "DENY", "test case", "test");
        MockHttpSession risk = signIn(users.staff(StaffRole.RISK));
        String key = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/admin/risk/cases/" + caseId + "/holds").param("amount", "60.00")
                    .param("reason", "chargeback risk").param("hours", "48").param("key", key).session(risk)
                    .with(csrf())).andExpect(flash().attribute("notice", "Done."));
        }
        assertThat(holds.ofUser(payer.id())).hasSize(1);
        assertThat(available(payer.id())).isEqualTo(40_00);
        AmountHold hold = holds.ofUser(payer.id()).get(0);
        // the clock ticks between reading the form and recording the hold
        assertThat(hold.expiresAt()).isCloseTo(hold.createdAt().plus(Duration.ofHours(48)),
                org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.SECONDS));
        mvc.perform(get("/admin/risk/cases/" + caseId).session(risk)).andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("60.00 CNY ACTIVE")));

        MockHttpSession support = signIn(users.staff(StaffRole.SUPPORT));
        mvc.perform(post("/admin/risk/cases/" + caseId + "/holds/" + hold.id() + "/release").session(support)
                .with(csrf())).andExpect(status().isForbidden());
        mvc.perform(post("/admin/risk/cases/" + caseId + "/holds/" + hold.id() + "/release").session(risk)
                .with(csrf())).andExpect(flash().attribute("notice", "Done."));
        assertThat(available(payer.id())).isEqualTo(100_00);
    }

    @Test
    void whatAFrozenWalletSentAndIsStillWaitingIsHeldUntilTheFreezeIsLifted() {
        TestPayers.Payer victim = payers.withBalance(300_00);
        TestPayers.Payer friend = payers.withBalance(0);
        contacts.add(victim.id(), friend.user().mobile());
        contacts.add(friend.id(), victim.user().mobile());
        Transfer now = transfers.send(victim.id(), victim.deviceId(), new Transfers.Send(friend.id(), 40_00,
                Arrival.REAL_TIME, null, rid(), TestPayers.PAY_PASSWORD));
        Transfer later = transfers.send(victim.id(), victim.deviceId(), new Transfers.Send(friend.id(), 30_00,
                Arrival.TWO_HOURS, null, rid(), TestPayers.PAY_PASSWORD));
        Transfer back = transfers.send(victim.id(), victim.deviceId(), new Transfers.Send(friend.id(), 20_00,
                Arrival.REAL_TIME, null, rid(), TestPayers.PAY_PASSWORD));
        RedPacket packet = redPackets.send(victim.id(), victim.deviceId(), new RedPackets.Send(RedPacketKind.ONE_TO_ONE,
                null, friend.id(), 10_00, 1, null, rid(), TestPayers.PAY_PASSWORD));
        assertThat(balance(victim.id())).isEqualTo(300_00 - 10_00);

        freezes.freezeByStaff(victim.id(), "account takeover", clock.instant().plus(Duration.ofHours(1)), 1,
                "risk staff");

        assertThat(code(() -> transfers.accept(friend.id(), now.id()))).isEqualTo("outflow_held");
        assertThat(code(() -> redPackets.open(friend.id(), packet.id()))).isEqualTo("outflow_held");
        assertThat(code(() -> transfers.withdraw(victim.id(), later.id()))).isEqualTo("wallet_frozen");
        assertThat(balance(friend.id())).isZero();
        // giving it back is money arriving: allowed
        transfers.giveBack(friend.id(), back.id());
        assertThat(available(victim.id())).isEqualTo(300_00 - 10_00 - 40_00 - 30_00);

        clock.advance(Duration.ofHours(1));
        assertThat(freezes.isFrozen(victim.id())).isFalse();
        transfers.accept(friend.id(), now.id());
        redPackets.open(friend.id(), packet.id());
        assertThat(balance(friend.id())).isEqualTo(50_00);
    }

    private PaymentOrder prepay(TestMerchants.ApprovedMerchant merchant, String appid, long totalFen) {
        return orders.prepay(merchant.id(), new NewOrder(TradeType.NATIVE, appid, merchant.mchid(), "Goods",
                "H" + UUID.randomUUID().toString().replace("-", "").substring(0, 20), null, null,
                "https://shop.example.cn/notify", null, totalFen, "CNY", null, null, null, UUID.randomUUID().toString()));
    }

    private MockHttpSession signIn(StaffUser user) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/admin/login").user(user.username()).password(TestUsers.PASSWORD))
                .andReturn().getRequest().getSession(false);
    }

    private long balance(long userId) {
        return ledger.account(accounts.openWallet(userId)).orElseThrow().balances().creditBalance();
    }

    private long available(long userId) {
        return ledger.account(accounts.openWallet(userId)).orElseThrow().balances().availableCredit();
    }

    private static String rid() {
        return "r-" + UUID.randomUUID();
    }
}
