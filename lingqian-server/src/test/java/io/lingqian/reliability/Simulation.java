package io.lingqian.reliability;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.context.ApplicationContext;

import io.lingqian.accounting.PartnerBank;
import io.lingqian.bank.CardType;
import io.lingqian.bank.TestAccount;
import io.lingqian.bank.TestCard;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.ledger.Ledger;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.Merchant;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.merchant.Onboarding;
import io.lingqian.merchant.Settlements;
import io.lingqian.payment.Cashier;
import io.lingqian.payment.NewOrder;
import io.lingqian.payment.NewRefund;
import io.lingqian.payment.PaymentCodeCashier;
import io.lingqian.payment.PaymentCodeRefusal;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentOrders;
import io.lingqian.payment.PaymentRefusal;
import io.lingqian.payment.RefundRefusal;
import io.lingqian.payment.Refunds;
import io.lingqian.payment.TradeState;
import io.lingqian.payment.TradeType;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.risk.Freeze;
import io.lingqian.risk.WalletFreezes;
import io.lingqian.social.Contacts;
import io.lingqian.social.Groups;
import io.lingqian.social.RedPacketKind;
import io.lingqian.social.RedPackets;
import io.lingqian.social.SocialJobs;
import io.lingqian.social.Transfers;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.PaymentCodes;
import io.lingqian.wallet.PaymentSecurity;
import io.lingqian.wallet.ResidentId;
import io.lingqian.wallet.TopUps;
import io.lingqian.wallet.Verification;
import io.lingqian.wallet.Verifications;
import io.lingqian.wallet.WalletJobs;
import io.lingqian.wallet.WalletUser;
import io.lingqian.wallet.Withdrawals;

/**
 * One seeded run of the money core: a random workload over the services (top-ups, balance and card
 * payments, refunds, transfers, red packets, withdrawals, freezes, settlement, jobs, clock moves),
 * with faults injected (a bank that times out, fails, answers late or refuses money back, chosen by
 * the cards' {@link TestCard} behaviours; a commit that loses its connection before or after the
 * database committed, {@link CommitFaults}; the same request again, and its key with other content),
 * and after every step the checks of {@link SimulationChecks}.
 *
 * <p>Every choice comes from one {@link Random} seeded with the run's seed, and the choices depend
 * only on the run's own lists and on the answers it got, so the same seed replays the same run on
 * a fresh database. Identifiers (mobile numbers, card numbers, order numbers) are drawn apart from
 * it, so that a replay on a database that kept an earlier run does not collide with it.
 */
final class Simulation {

    static final String PAY_PASSWORD = "284619";

    /** The behaviours a user's extra cards are drawn from: every fault the simulated bank can play. */
    private static final TestCard[] FAULTY_CARDS = {TestCard.TIMEOUT_THEN_SUCCEEDS, TestCard.TIMEOUT_THEN_FAILS,
            TestCard.SLOW, TestCard.INSUFFICIENT_FUNDS, TestCard.CARD_FROZEN, TestCard.CANCELLED_AFTER_PAYING,
            TestCard.SLOW_CREDITS, TestCard.ALWAYS_SUCCEEDS};

    /** A wallet user of the run, with the device it uses and its bound cards (the first one always works). */
    record User(long id, String mobile, String device, List<Long> cards) {
    }

    record Shop(long id, String mchid, String appid) {
    }

    /** A request that can be sent again: the same content, and the same key with other content. */
    private record Replay(String action, Supplier<Object> same, Supplier<Object> otherContent, boolean repeatable) {

        Replay(String action, Supplier<Object> same, Supplier<Object> otherContent) {
            this(action, same, otherContent, true);
        }
    }

    private final long seed;
    private final Random random;
    private final Random identifiers = new Random();
    private final String runTag = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final ApplicationContext context;
    private final AdjustableClock clock;
    private final SimulationChecks checks;

    private final List<User> users = new ArrayList<>();
    private final List<Shop> shops = new ArrayList<>();
    private final List<PaymentOrder> paidOrders = new ArrayList<>();
    private long groupId;
    private int counter;
    private Replay lastReplay;

    /** What happened, by action and outcome (ok, a refusal's code, fault, …), for the report. */
    private final Map<String, Integer> outcomes = new TreeMap<>();
    private final Deque<String> trail = new ArrayDeque<>();
    private int faultsInjected;
    private int faultsFired;

    Simulation(long seed, ApplicationContext context) {
        this.seed = seed;
        this.random = new Random(seed);
        this.context = context;
        this.clock = context.getBean(AdjustableClock.class);
        this.checks = new SimulationChecks(context);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** Runs {@code steps} steps; throws an AssertionError naming the seed at the first broken check. */
    Report run(int steps) {
        setUp();
        verify(0, "set-up");
        for (int step = 1; step <= steps; step++) {
            String action = step(step);
            verify(step, action);
        }
        drain();
        List<String> eventually = checks.eventually(this);
        if (!eventually.isEmpty()) {
            throw failure(steps + 1, "drain", eventually);
        }
        return new Report(seed, steps, Map.copyOf(outcomes), faultsInjected, faultsFired);
    }

    record Report(long seed, int steps, Map<String, Integer> outcomes, int faultsInjected, int faultsFired) {
    }

    List<User> users() {
        return users;
    }

    List<Shop> shops() {
        return shops;
    }

    AdjustableClock clock() {
        return clock;
    }

    // --- the world --------------------------------------------------------------------------------

    private void setUp() {
        TestUsers testUsers = bean(TestUsers.class);
        Verifications verifications = bean(Verifications.class);
        PaymentSecurity security = bean(PaymentSecurity.class);
        for (int i = 0; i < 5; i++) {
            WalletUser u = testUsers.walletUser();
            String device = "sim-" + runTag + "-" + i;
            List<Long> cards = new ArrayList<>();
            cards.add(bind(verifications, u.id(), device, "Sim User " + i, residentId(), TestCard.ALWAYS_SUCCEEDS,
                    PartnerBank.CMB));
            security.setPassword(u.id(), device, null, PAY_PASSWORD);
            for (int c = 0; c < 2; c++) {
                TestCard behaviour = FAULTY_CARDS[random.nextInt(FAULTY_CARDS.length)];
                PartnerBank bank = random.nextBoolean() ? PartnerBank.CMB : PartnerBank.ICBC;
                cards.add(bind(verifications, u.id(), device, null, null, behaviour, bank));
            }
            users.add(new User(u.id(), u.mobile(), device, cards));
        }
        Contacts contacts = bean(Contacts.class);
        for (User a : users) {
            for (User b : users) {
                if (a != b) {
                    contacts.add(a.id(), b.mobile());
                }
            }
        }
        groupId = bean(Groups.class).create(users.get(0).id(), "Simulation " + runTag,
                users.stream().skip(1).map(User::id).toList()).id();
        Onboarding onboarding = bean(Onboarding.class);
        MerchantApps apps = bean(MerchantApps.class);
        for (TestAccount payout : List.of(TestAccount.ALWAYS_SUCCEEDS, TestAccount.TIMEOUT_THEN_FAILS)) {
            Merchant m = onboarding.active(payout);
            String appid = apps.register(m.id(), AppKind.OFFICIAL_ACCOUNT, "Simulation shop", List.of()).app().appid();
            shops.add(new Shop(m.id(), m.mchid().orElseThrow(), appid));
        }
        TopUps topUps = bean(TopUps.class);
        for (User u : users) {
            topUps.topUp(u.id(), u.cards().get(0), 300_00, key("seed"));
        }
    }

    private long bind(Verifications verifications, long userId, String device, String name, String idNumber,
            TestCard behaviour, PartnerBank bank) {
        Verification v = verifications.startBinding(userId, device, name, idNumber,
                behaviour.number(bank, CardType.DEBIT, identifiers), "13900001111");
        return verifications.confirm(userId, v.id(), v.sandboxSmsCode(), null).card().orElseThrow().id();
    }

    private String residentId() {
        LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(identifiers.nextInt(20_000));
        String first = "110105" + birth.toString().replace("-", "") + String.format("%03d", identifiers.nextInt(1000));
        return first + ResidentId.checkCharacter(first);
    }

    private String key(String what) {
        return "sim-" + runTag + "-" + what + "-" + (++counter);
    }

    // --- one step ---------------------------------------------------------------------------------

    private record Action(String name, int weight, boolean movesMoney, Runnable body) {
    }

    private String step(int number) {
        List<Action> actions = List.of(
                new Action("top-up", 10, true, this::topUp),
                new Action("pay-balance", 10, true, () -> pay(false)),
                new Action("pay-card", 5, true, () -> pay(true)),
                new Action("pay-code", 5, true, this::payByCode),
                new Action("refund", 8, true, this::refund),
                new Action("transfer-send", 8, true, this::sendTransfer),
                new Action("transfer-accept", 5, true, () -> resolveTransfer(0)),
                new Action("transfer-return", 3, true, () -> resolveTransfer(1)),
                new Action("transfer-withdraw", 2, true, () -> resolveTransfer(2)),
                new Action("red-packet-send", 6, true, this::sendPacket),
                new Action("red-packet-open", 10, true, this::openPacket),
                new Action("withdraw", 5, true, this::withdraw),
                new Action("freeze", 2, true, this::freeze),
                new Action("settle", 3, true, this::settle),
                new Action("jobs", 5, true, this::jobs),
                new Action("duplicate", 6, true, this::duplicate),
                new Action("clock", 6, false, this::moveClock));
        int total = actions.stream().mapToInt(Action::weight).sum();
        int pick = random.nextInt(total);
        Action action = actions.get(0);
        for (Action a : actions) {
            if (pick < a.weight()) {
                action = a;
                break;
            }
            pick -= a.weight();
        }
        boolean armed = action.movesMoney() && random.nextInt(100) < 20;
        String fault = "";
        if (armed) {
            CommitFaults.Mode mode = random.nextBoolean() ? CommitFaults.Mode.LOST_BEFORE_COMMIT
                    : CommitFaults.Mode.LOST_AFTER_COMMIT;
            int nth = 1 + random.nextInt(3);
            CommitFaults.arm(nth, mode);
            faultsInjected++;
            fault = " [commit " + nth + " " + mode + "]";
        }
        String outcome;
        RuntimeException unexpected = null;
        try {
            action.body().run();
            outcome = "ok";
        } catch (ApiProblemException e) {
            outcome = e.code();
        } catch (PaymentRefusal e) {
            outcome = "payment:" + e.reason();
        } catch (PaymentCodeRefusal e) {
            outcome = "payment-code:" + e.reason();
        } catch (RefundRefusal e) {
            outcome = "refund:" + e.reason();
        } catch (RuntimeException e) {
            outcome = "exception";
            unexpected = e;
        } finally {
            if (CommitFaults.disarm()) {
                faultsFired++;
                fault += " fired";
            }
        }
        if (unexpected != null && fault.endsWith("fired")) {
            outcome = "fault";
            unexpected = null;
        }
        outcomes.merge(action.name() + " → " + outcome, 1, Integer::sum);
        String line = action.name() + fault + " → " + outcome;
        trail.addLast(line);
        if (trail.size() > 25) {
            trail.removeFirst();
        }
        if (unexpected != null) {
            // A service answering with anything but its refusals is a 500 at the API: a finding.
            throw failure(number, line, List.of("unexpected " + unexpected), unexpected);
        }
        return line;
    }

    private void verify(int step, String action) {
        List<String> violations = checks.afterStep(this);
        if (!violations.isEmpty()) {
            throw failure(step, action, violations);
        }
    }

    private AssertionError failure(int step, String action, List<String> violations) {
        return failure(step, action, violations, null);
    }

    private AssertionError failure(int step, String action, List<String> violations, Throwable cause) {
        return new AssertionError("Simulation seed " + seed + " failed at step " + step + " (" + action + "):\n  "
                + String.join("\n  ", violations) + "\nLast steps:\n  " + String.join("\n  ", trail)
                + "\nReplay with: ./mvnw -B -pl lingqian-server -am verify -Dtest=SimulationTests "
                + "-Dsurefire.failIfNoSpecifiedTests=false -Dsimulation.seed=" + seed, cause);
    }

    private User anyUser() {
        return users.get(random.nextInt(users.size()));
    }

    private User otherThan(User u) {
        User other;
        do {
            other = anyUser();
        } while (other == u);
        return other;
    }

    private long amount() {
        // Mostly small, sometimes more than a balance holds, now and then a single fen.
        return switch (random.nextInt(10)) {
            case 0 -> 1;
            case 1 -> 100_00 + random.nextInt(400_00);
            default -> 1_00 + random.nextInt(30_00);
        };
    }

    private void topUp() {
        User u = anyUser();
        long card = u.cards().get(random.nextInt(u.cards().size()));
        long fen = amount();
        String key = key("topup");
        TopUps topUps = bean(TopUps.class);
        lastReplay = new Replay("top-up", () -> topUps.topUp(u.id(), card, fen, key).id(),
                () -> topUps.topUp(u.id(), card, fen + 1, key).id());
        topUps.topUp(u.id(), card, fen, key);
    }

    private void pay(boolean byCard) {
        Shop shop = shops.get(random.nextInt(shops.size()));
        User payer = anyUser();
        long fen = amount();
        String outTradeNo = "sim" + runTag + (++counter);
        PaymentOrders orders = bean(PaymentOrders.class);
        NewOrder request = new NewOrder(TradeType.NATIVE, shop.appid(), shop.mchid(), "Simulated order", outTradeNo,
                null, null, "https://shop.example.cn/notify", null, fen, "CNY", null, null, null, "d-" + outTradeNo);
        PaymentOrder order = orders.prepay(shop.id(), request);
        Long card = byCard ? payer.cards().get(random.nextInt(payer.cards().size())) : null;
        Cashier cashier = bean(Cashier.class);
        lastReplay = new Replay("pay", () -> {
            orders.prepay(shop.id(), request);
            return cashier.pay(payer.id(), payer.device(), order.prepayId(), PAY_PASSWORD, card).transactionId();
        }, () -> orders.prepay(shop.id(), new NewOrder(TradeType.NATIVE, shop.appid(), shop.mchid(), "Simulated order",
                outTradeNo, null, null, "https://shop.example.cn/notify", null, fen + 1, "CNY", null, null, null,
                "d-other-" + outTradeNo)).id(), false);
        try {
            cashier.pay(payer.id(), payer.device(), order.prepayId(), PAY_PASSWORD, card);
        } finally {
            PaymentOrder now = orders.byOutTradeNo(shop.id(), outTradeNo);
            if (now.tradeState() == TradeState.SUCCESS) {
                paidOrders.add(now);
            }
        }
    }

    /**
     * A v2 payment-code payment (micropay): the payer shows a code, the shop charges it; without
     * password-free payments it waits in the wallet until the payer confirms with the password (or
     * cancels). Its order is checked like any other.
     */
    private void payByCode() {
        Shop shop = shops.get(random.nextInt(shops.size()));
        User payer = anyUser();
        long fen = amount();
        String outTradeNo = "simc" + runTag + (++counter);
        String code = bean(PaymentCodes.class).issue(payer.id(), payer.device()).code();
        NewOrder request = new NewOrder(TradeType.MICROPAY, shop.appid(), shop.mchid(), "Simulated code payment",
                outTradeNo, null, null, null, null, fen, "CNY", null, null, null, "c-" + outTradeNo + "-" + fen + "-" + code);
        PaymentCodeCashier codes = bean(PaymentCodeCashier.class);
        lastReplay = new Replay("pay-code", () -> codes.micropay(shop.id(), request, code).id(),
                () -> codes.micropay(shop.id(), new NewOrder(TradeType.MICROPAY, shop.appid(), shop.mchid(),
                        "Simulated code payment", outTradeNo, null, null, null, null, fen + 1, "CNY", null, null, null,
                        "c-" + outTradeNo + "-" + (fen + 1) + "-" + code), code).id());
        PaymentOrder order = codes.micropay(shop.id(), request, code);
        try {
            if (order.tradeState() == TradeState.USERPAYING) {
                if (random.nextInt(4) > 0) {
                    bean(Cashier.class).pay(payer.id(), payer.device(), order.prepayId(), PAY_PASSWORD, null);
                } else {
                    codes.cancel(payer.id(), order.prepayId());
                }
            }
        } finally {
            PaymentOrder now = bean(PaymentOrders.class).byOutTradeNo(shop.id(), outTradeNo);
            if (now.tradeState() == TradeState.SUCCESS) {
                paidOrders.add(now);
            }
        }
    }

    private void refund() {
        if (paidOrders.isEmpty()) {
            return;
        }
        PaymentOrder order = paidOrders.get(random.nextInt(paidOrders.size()));
        long fen = random.nextInt(4) == 0 ? order.totalFen() : 1 + random.nextInt((int) Math.max(1, order.totalFen() / 2));
        String outRefundNo = "simr" + runTag + (++counter);
        Refunds refunds = bean(Refunds.class);
        Supplier<Object> same = () -> refunds.refund(order.merchantId(), new NewRefund(order.transactionId(), null,
                outRefundNo, "simulated", null, fen, order.totalFen(), List.of(), "r-" + outRefundNo + "-" + fen)).refundId();
        lastReplay = new Replay("refund", same, () -> refunds.refund(order.merchantId(), new NewRefund(
                order.transactionId(), null, outRefundNo, "simulated", null, fen + 1, order.totalFen(), List.of(),
                "r-" + outRefundNo + "-" + (fen + 1))).refundId());
        same.get();
    }

    private void sendTransfer() {
        User from = anyUser();
        User to = otherThan(from);
        long fen = amount();
        String key = key("transfer");
        Long card = random.nextInt(4) == 0 ? from.cards().get(random.nextInt(from.cards().size())) : null;
        Transfers service = bean(Transfers.class);
        Supplier<Object> same = () -> service.send(from.id(), from.device(),
                new Transfers.Send(to.id(), fen, null, "sim", key, PAY_PASSWORD, card)).id();
        lastReplay = new Replay("transfer", same, () -> service.send(from.id(), from.device(),
                new Transfers.Send(to.id(), fen + 1, null, "sim", key, PAY_PASSWORD, card)).id());
        same.get();
    }

    /** 0 accept, 1 give back (receiver), 2 withdraw (sender); on a transfer in any state. */
    private void resolveTransfer(int how) {
        List<Long> mine = checks.transfersOf(this);
        if (mine.isEmpty()) {
            return;
        }
        long id = mine.get(random.nextInt(mine.size()));
        SimulationChecks.TransferRow t = checks.transfer(id);
        Transfers service = bean(Transfers.class);
        switch (how) {
            case 0 -> service.accept(t.receiverId(), id);
            case 1 -> service.giveBack(t.receiverId(), id);
            default -> service.withdraw(t.senderId(), id);
        }
    }

    private void sendPacket() {
        User from = anyUser();
        boolean lucky = random.nextBoolean();
        int shares = lucky ? 1 + random.nextInt(users.size()) : 1;
        long fen = Math.max(shares, Math.min(amount(), 200_00L * shares));
        User to = otherThan(from);
        String key = key("packet");
        Long card = random.nextInt(5) == 0 ? from.cards().get(random.nextInt(from.cards().size())) : null;
        RedPackets service = bean(RedPackets.class);
        RedPackets.Send request = lucky
                ? new RedPackets.Send(RedPacketKind.LUCKY, groupId, null, fen, shares, "sim", key, PAY_PASSWORD, card)
                : new RedPackets.Send(RedPacketKind.ONE_TO_ONE, null, to.id(), fen, 1, "sim", key, PAY_PASSWORD, card);
        RedPackets.Send other = new RedPackets.Send(request.kind(), request.groupId(), request.receiverId(), fen + 1,
                request.shares(), "sim", key, PAY_PASSWORD, card);
        lastReplay = new Replay("red-packet", () -> service.send(from.id(), from.device(), request).id(),
                () -> service.send(from.id(), from.device(), other).id());
        service.send(from.id(), from.device(), request);
    }

    private void openPacket() {
        List<Long> all = checks.packetsOf(this);
        if (all.isEmpty()) {
            return;
        }
        long id = all.get(random.nextInt(all.size()));
        // Mostly someone the packet is for (the receiver of a one-to-one packet; the group holds everyone).
        Long receiver = checks.packetReceiver(id);
        User opener = receiver != null && random.nextInt(4) > 0
                ? users.stream().filter(u -> u.id() == receiver).findFirst().orElseThrow() : anyUser();
        bean(RedPackets.class).open(opener.id(), id);
    }

    private void withdraw() {
        User u = anyUser();
        long card = u.cards().get(random.nextInt(u.cards().size()));
        long fen = amount();
        String key = key("withdrawal");
        Withdrawals service = bean(Withdrawals.class);
        lastReplay = new Replay("withdrawal", () -> service.withdraw(u.id(), u.device(), card, fen, key, PAY_PASSWORD).id(),
                () -> service.withdraw(u.id(), u.device(), card, fen + 1, key, PAY_PASSWORD).id());
        service.withdraw(u.id(), u.device(), card, fen, key, PAY_PASSWORD);
    }

    private void freeze() {
        User u = anyUser();
        bean(WalletFreezes.class).freeze(u.id(), Freeze.Source.STAFF, "simulation", "simulation",
                clock.instant().plus(Duration.ofMinutes(10 + random.nextInt(240))));
    }

    private void settle() {
        bean(Settlements.class).settle(shops.get(random.nextInt(shops.size())).id());
    }

    private void jobs() {
        runJobs();
    }

    private void runJobs() {
        bean(WalletJobs.class).settleUnknownOutcomes();
        bean(SocialJobs.class).run();
        bean(Ledger.class).voidExpiredPendingTransfers(1000);
        bean(WalletFreezes.class).expire();
        bean(PaymentOrders.class).closeExpired();
    }

    private void duplicate() {
        if (lastReplay == null) {
            return;
        }
        Replay replay = lastReplay;
        boolean sameContent = random.nextInt(3) > 0;
        if (sameContent && !replay.repeatable()) {
            // Paying an order again: refused as paid when the first went through, else paid now.
            replay.same().get();
        } else if (sameContent) {
            Object first;
            try {
                first = replay.same().get();
            } catch (ApiProblemException e) {
                // A repeat may meet the same refusal as the first try (a frozen wallet, a declined card …),
                // or see that the first one went through ("order_paid").
                return;
            }
            Object again = replay.same().get();
            if (!Objects.equals(first, again)) {
                throw new IllegalStateException("the same " + replay.action() + " twice gave " + first + " and " + again);
            }
        } else {
            try {
                replay.otherContent().get();
            } catch (ApiProblemException e) {
                if (!e.code().equals("idempotency_key_reused")) {
                    throw e;
                }
                return;
            } catch (PaymentRefusal e) {
                if (e.reason() != PaymentRefusal.Reason.OUT_TRADE_NO_USED) {
                    throw e;
                }
                return;
            } catch (PaymentCodeRefusal e) {
                if (e.reason() != PaymentCodeRefusal.Reason.OUT_TRADE_NO_USED) {
                    throw e;
                }
                return;
            } catch (RefundRefusal e) {
                if (e.reason() != RefundRefusal.Reason.INVALID && e.reason() != RefundRefusal.Reason.NOT_FOUND) {
                    throw e;
                }
                return;
            }
            // Accepted only when the first never got in (a commit lost before it happened): a new request then.
        }
    }

    private void moveClock() {
        Duration by = switch (random.nextInt(6)) {
            case 0 -> Duration.ofHours(25);
            case 1 -> Duration.ofHours(1 + random.nextInt(8));
            default -> Duration.ofSeconds(30 + random.nextInt(600));
        };
        clock.advance(by);
    }

    /** After the run: a day and a half later, with every job run, nothing may be left open. */
    private void drain() {
        clock.advance(Duration.ofHours(36));
        for (int i = 0; i < 3; i++) {
            runJobs();
        }
    }
}
