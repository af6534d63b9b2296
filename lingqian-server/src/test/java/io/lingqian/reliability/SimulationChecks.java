package io.lingqian.reliability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.lingqian.ledger.InvariantReport;
import io.lingqian.ledger.Ledger;

/**
 * What must hold after every step of a {@link Simulation}: the ledger's invariants, and each
 * business object of the run agreeing with its postings in the ledger. Read straight from the
 * tables (a test may; the services never do), so that the check does not trust the code it checks.
 */
final class SimulationChecks {

    /** One ledger transfer as the checks need it. */
    record Posting(String id, String kind, long amount, String pendingId) {
    }

    record TransferRow(long id, long senderId, long receiverId, long amountFen, String state, Instant expiresAt) {
    }

    private final JdbcClient jdbc;
    private final Ledger ledger;

    SimulationChecks(ApplicationContext context) {
        this.jdbc = context.getBean(JdbcClient.class);
        this.ledger = context.getBean(Ledger.class);
    }

    List<Long> transfersOf(Simulation sim) {
        return jdbc.sql("SELECT id FROM social_transfer WHERE sender_id IN (:u) ORDER BY id")
                .param("u", userIds(sim)).query(Long.class).list();
    }

    TransferRow transfer(long id) {
        return jdbc.sql("SELECT id, sender_id, receiver_id, amount_fen, state, expires_at FROM social_transfer WHERE id = ?")
                .param(id).query((rs, n) -> new TransferRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getString(5), rs.getObject(6, java.time.OffsetDateTime.class).toInstant())).single();
    }

    List<Long> packetsOf(Simulation sim) {
        return jdbc.sql("SELECT id FROM social_red_packet WHERE sender_id IN (:u) ORDER BY id")
                .param("u", userIds(sim)).query(Long.class).list();
    }

    /** The receiver of a one-to-one packet, or null for a group's. */
    Long packetReceiver(long packetId) {
        long receiver = jdbc.sql("SELECT COALESCE(receiver_id, 0) FROM social_red_packet WHERE id = ?").param(packetId)
                .query(Long.class).single();
        return receiver == 0 ? null : receiver;
    }

    private static List<Long> userIds(Simulation sim) {
        return sim.users().stream().map(Simulation.User::id).toList();
    }

    private static List<Long> shopIds(Simulation sim) {
        return sim.shops().stream().map(Simulation.Shop::id).toList();
    }

    /** The checks after a step: invariants, then every object of the run against its postings. */
    List<String> afterStep(Simulation sim) {
        List<String> violations = new ArrayList<>();
        InvariantReport report = ledger.checkInvariants();
        if (!report.ok()) {
            report.violations().forEach(v -> violations.add("ledger invariant " + v));
            if (!report.journal().intact()) {
                violations.add("journal: " + report.journal());
            }
        }
        violations.addAll(new Agreement(sim).check());
        return violations;
    }

    /** The checks once the run has drained: nothing left waiting, and the bank's outcomes in the ledger. */
    List<String> eventually(Simulation sim) {
        List<String> violations = new ArrayList<>(afterStep(sim));
        List<Long> users = userIds(sim);
        for (String table : List.of("wallet_topup", "wallet_withdrawal", "wallet_card_charge")) {
            jdbc.sql("SELECT id, status FROM " + table + " WHERE user_id IN (:u) AND status IN ('SUBMITTED', 'PROCESSING')")
                    .param("u", users).query((rs, n) -> table + " " + rs.getLong(1) + " still " + rs.getString(2)
                            + " after every job ran").list().forEach(violations::add);
        }
        jdbc.sql("SELECT id, state FROM social_transfer WHERE sender_id IN (:u) AND state = 'SENT'").param("u", users)
                .query((rs, n) -> "transfer " + rs.getLong(1) + " still SENT a day and a half later").list()
                .forEach(violations::add);
        jdbc.sql("SELECT id FROM social_red_packet WHERE sender_id IN (:u) AND state = 'OPEN'").param("u", users)
                .query((rs, n) -> "red packet " + rs.getLong(1) + " still OPEN a day and a half later").list()
                .forEach(violations::add);
        jdbc.sql("SELECT s.packet_id, s.position FROM social_red_packet_share s JOIN social_red_packet p ON p.id = s.packet_id "
                        + "WHERE p.sender_id IN (:u) AND s.credited_at IS NULL").param("u", users)
                .query((rs, n) -> "red packet " + rs.getLong(1) + " share " + rs.getInt(2) + " never credited").list()
                .forEach(violations::add);
        // Money the bank took or paid is in the ledger, and nothing the bank refused is.
        bankAgreement(violations, "SELECT t.id, t.status, o.outcome FROM wallet_topup t LEFT JOIN bank_sim_operation o "
                + "ON o.operation_id = 'topup-' || CAST(t.id AS VARCHAR(20)) WHERE t.user_id IN (:u)", users, "top-up", "SUCCEEDED");
        bankAgreement(violations, "SELECT w.id, w.status, o.outcome FROM wallet_withdrawal w LEFT JOIN bank_sim_operation o "
                + "ON o.operation_id = 'withdrawal-' || CAST(w.id AS VARCHAR(20)) WHERE w.user_id IN (:u)", users, "withdrawal",
                "SUCCEEDED");
        jdbc.sql("SELECT c.id, c.status, o.outcome FROM wallet_card_charge c LEFT JOIN bank_sim_operation o "
                        + "ON o.operation_id = 'cardcharge-' || CAST(c.id AS VARCHAR(20)) || '-' || CAST(c.attempt AS VARCHAR(10)) "
                        + "WHERE c.user_id IN (:u)").param("u", users)
                .query((rs, n) -> {
                    boolean taken = rs.getString(2).equals("SPENT") || rs.getString(2).equals("TO_BALANCE");
                    boolean bankTook = "SUCCEEDED".equals(rs.getString(3));
                    return taken == bankTook ? null : "card charge " + rs.getLong(1) + " is " + rs.getString(2)
                            + " but the bank's outcome is " + rs.getString(3);
                }).list().stream().filter(v -> v != null).forEach(violations::add);
        return violations;
    }

    private void bankAgreement(List<String> violations, String sql, List<Long> users, String what, String succeeded) {
        jdbc.sql(sql).param("u", users).query((rs, n) -> {
            boolean ours = rs.getString(2).equals(succeeded);
            boolean bank = "SUCCEEDED".equals(rs.getString(3));
            return ours == bank ? null : what + " " + rs.getLong(1) + " is " + rs.getString(2)
                    + " but the bank's outcome is " + rs.getString(3);
        }).list().stream().filter(v -> v != null).forEach(violations::add);
    }

    /** One pass over the run's objects and their postings. */
    private final class Agreement {

        private final List<String> violations = new ArrayList<>();
        private final List<Long> users;
        private final List<Long> shops;
        private final Instant now;
        private Map<String, Map<String, Posting>> byReference;

        Agreement(Simulation sim) {
            this.users = userIds(sim);
            this.shops = shopIds(sim);
            this.now = sim.clock().instant();
        }

        List<String> check() {
            record TopUp(long id, String status, long amount) {
            }
            record Withdrawal(long id, String status, long amount, long fee) {
            }
            record Charge(long id, String status, long amount) {
            }
            record Order(long id, String state, String transactionId, long total, Long payerTotal, Long fee) {
            }
            record RefundRow(String refundId, long orderId, String status, String destination, long refund, long payer,
                             long fee) {
            }
            record Packet(long id, long total, int shares, String state, int openedCount, long opened, long refunded) {
            }
            record ShareRow(long packetId, int position, long amount, boolean credited) {
            }
            List<TopUp> topUps = jdbc.sql("SELECT id, status, amount_fen FROM wallet_topup WHERE user_id IN (:u)")
                    .param("u", users).query((rs, n) -> new TopUp(rs.getLong(1), rs.getString(2), rs.getLong(3))).list();
            List<Withdrawal> withdrawals = jdbc.sql(
                            "SELECT id, status, amount_fen, fee_fen FROM wallet_withdrawal WHERE user_id IN (:u)")
                    .param("u", users).query((rs, n) -> new Withdrawal(rs.getLong(1), rs.getString(2), rs.getLong(3),
                            rs.getLong(4))).list();
            List<Charge> charges = jdbc.sql("SELECT id, status, amount_fen FROM wallet_card_charge WHERE user_id IN (:u)")
                    .param("u", users).query((rs, n) -> new Charge(rs.getLong(1), rs.getString(2), rs.getLong(3))).list();
            List<Order> orders = jdbc.sql("SELECT id, trade_state, transaction_id, total_fen, payer_total_fen, fee_fen "
                            + "FROM payment_order WHERE merchant_id IN (:m)").param("m", shops)
                    .query((rs, n) -> new Order(rs.getLong(1), rs.getString(2), rs.getString(3).strip(), rs.getLong(4),
                            (Long) rs.getObject(5, Long.class), (Long) rs.getObject(6, Long.class))).list();
            List<RefundRow> refunds = jdbc.sql("SELECT refund_id, order_id, status, destination, refund_fen, "
                            + "payer_refund_fen, fee_refund_fen FROM payment_refund WHERE merchant_id IN (:m)")
                    .param("m", shops).query((rs, n) -> new RefundRow(rs.getString(1), rs.getLong(2), rs.getString(3),
                            rs.getString(4), rs.getLong(5), rs.getLong(6), rs.getLong(7))).list();
            List<TransferRow> transfers = jdbc.sql("SELECT id, sender_id, receiver_id, amount_fen, state, expires_at "
                            + "FROM social_transfer WHERE sender_id IN (:u)").param("u", users)
                    .query((rs, n) -> new TransferRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getString(5), rs.getObject(6, java.time.OffsetDateTime.class).toInstant())).list();
            List<Packet> packets = jdbc.sql("SELECT id, total_fen, shares, state, opened_count, opened_fen, refunded_fen "
                            + "FROM social_red_packet WHERE sender_id IN (:u)").param("u", users)
                    .query((rs, n) -> new Packet(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4), rs.getInt(5),
                            rs.getLong(6), rs.getLong(7))).list();
            List<ShareRow> shares = jdbc.sql("SELECT s.packet_id, s.position, s.amount_fen, s.credited_at "
                            + "FROM social_red_packet_share s JOIN social_red_packet p ON p.id = s.packet_id "
                            + "WHERE p.sender_id IN (:u)").param("u", users)
                    .query((rs, n) -> new ShareRow(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getObject(4) != null))
                    .list();

            Set<String> references = new HashSet<>();
            topUps.forEach(t -> references.add("topup:" + t.id()));
            withdrawals.forEach(w -> references.add("withdrawal:" + w.id()));
            charges.forEach(c -> references.add("cardcharge:" + c.id()));
            orders.forEach(o -> references.add("payment:" + o.transactionId()));
            refunds.forEach(r -> references.add("refund:" + r.refundId()));
            transfers.forEach(t -> references.add("transfer:" + t.id()));
            packets.forEach(p -> references.add("redpacket:" + p.id()));
            byReference = postings(references);

            for (TopUp t : topUps) {
                String ref = "topup:" + t.id();
                expect(ref, t.status().equals("SUCCEEDED") ? Map.of(ref, t.amount()) : Map.of(), "top-up " + t.status());
            }
            for (Withdrawal w : withdrawals) {
                String ref = "withdrawal:" + w.id();
                Map<String, Long> expected = new HashMap<>();
                expected.put(ref + ":out", w.amount());
                expected.put(ref + ":hold", w.amount());
                if (w.fee() > 0) {
                    expected.put(ref + ":fee", w.fee());
                }
                switch (w.status()) {
                    case "SUCCEEDED" -> expected.put(ref + ":post", w.amount());
                    case "FAILED" -> {
                        expected.put(ref + ":void", 0L);
                        expected.put(ref + ":return", w.amount());
                        if (w.fee() > 0) {
                            expected.put(ref + ":fee-return", w.fee());
                        }
                    }
                    default -> {
                    }
                }
                expect(ref, expected, "withdrawal " + w.status());
            }
            for (Charge c : charges) {
                String ref = "cardcharge:" + c.id();
                boolean funded = c.status().equals("SPENT") || c.status().equals("TO_BALANCE");
                expect(ref, funded ? Map.of(ref, c.amount()) : Map.of(), "card charge " + c.status());
            }
            Map<Long, Long> refundedByOrder = new HashMap<>();
            Map<Long, Integer> refundsByOrder = new HashMap<>();
            for (RefundRow r : refunds) {
                refundsByOrder.merge(r.orderId(), 1, Integer::sum);
                if (!r.status().equals("CLOSED")) {
                    refundedByOrder.merge(r.orderId(), r.refund(), Long::sum);
                }
                String ref = "refund:" + r.refundId();
                Map<String, Long> expected = new HashMap<>();
                if (r.fee() > 0) {
                    expected.put(ref + ":fee", r.fee());
                }
                if (r.payer() > 0) {
                    expected.put(ref, r.payer());
                }
                if (r.destination().equals("BALANCE")) {
                    if (!r.status().equals("SUCCESS")) {
                        violations.add("balance refund " + r.refundId() + " is " + r.status());
                    }
                    expect(ref, expected, "refund " + r.status());
                } else {
                    Map<String, Posting> actual = byReference.getOrDefault(ref, Map.of());
                    Posting hold = actual.get(ref + ":hold:1");
                    if (r.payer() > 0 && (hold == null || hold.amount() != r.payer())) {
                        violations.add("card refund " + r.refundId() + " has no hold of " + r.payer() + ": " + actual.keySet());
                    }
                    boolean posted = actual.containsKey(ref + ":hold:1:post");
                    boolean voided = actual.containsKey(ref + ":hold:1:void");
                    boolean agrees = switch (r.status()) {
                        case "SUCCESS" -> posted && !voided;
                        case "ABNORMAL" -> voided && !posted;
                        case "PROCESSING" -> !posted && !voided;
                        default -> false;
                    };
                    if (!agrees) {
                        violations.add("card refund " + r.refundId() + " is " + r.status() + " with " + actual.keySet());
                    }
                }
            }
            for (Order o : orders) {
                String ref = "payment:" + o.transactionId();
                boolean paid = o.state().equals("SUCCESS") || o.state().equals("REFUND");
                Map<String, Long> expected = new HashMap<>();
                if (paid) {
                    if (o.payerTotal() != null && o.payerTotal() > 0) {
                        expected.put(ref, o.payerTotal());
                    }
                    if (o.fee() != null && o.fee() > 0) {
                        expected.put(ref + ":fee", o.fee());
                    }
                }
                expect(ref, expected, "order " + o.state());
                long refunded = refundedByOrder.getOrDefault(o.id(), 0L);
                if (refunded > o.total()) {
                    violations.add("order " + o.id() + " of " + o.total() + " refunded " + refunded);
                }
                boolean hasRefunds = refundsByOrder.containsKey(o.id());
                if (hasRefunds != o.state().equals("REFUND")) {
                    violations.add("order " + o.id() + " is " + o.state() + " with " + refundsByOrder.getOrDefault(o.id(), 0)
                            + " refunds");
                }
            }
            for (TransferRow t : transfers) {
                String ref = "transfer:" + t.id();
                Map<String, Long> expected = new HashMap<>();
                expected.put(ref + ":hold", t.amountFen());
                switch (t.state()) {
                    case "ACCEPTED" -> {
                        expected.put(ref + ":post", t.amountFen());
                        expected.put(ref + ":pay", t.amountFen());
                    }
                    case "RETURNED", "WITHDRAWN" -> expected.put(ref + ":void", 0L);
                    default -> {
                        // SENT or EXPIRED: the ledger's sweeper voids the hold once its timeout passed,
                        // and the social job marks the transfer EXPIRED after it.
                        if (byReference.getOrDefault(ref, Map.of()).containsKey(ref + ":hold#expired")) {
                            expected.put(ref + ":hold#expired", 0L);
                            if (now.isBefore(t.expiresAt())) {
                                earlyVoid(ref, t);
                            }
                        }
                    }
                }
                expect(ref, expected, "transfer " + t.state());
            }
            Map<Long, List<ShareRow>> sharesOf = new HashMap<>();
            shares.forEach(s -> sharesOf.computeIfAbsent(s.packetId(), k -> new ArrayList<>()).add(s));
            for (Packet p : packets) {
                String ref = "redpacket:" + p.id();
                List<ShareRow> opened = sharesOf.getOrDefault(p.id(), List.of());
                long openedSum = opened.stream().mapToLong(ShareRow::amount).sum();
                if (openedSum != p.opened() || opened.size() != p.openedCount()) {
                    violations.add("red packet " + p.id() + " says " + p.openedCount() + " shares / " + p.opened()
                            + " opened, its shares are " + opened.size() + " / " + openedSum);
                }
                boolean agrees = switch (p.state()) {
                    case "FINISHED" -> p.openedCount() == p.shares() && p.opened() == p.total() && p.refunded() == 0;
                    case "EXPIRED" -> p.opened() + p.refunded() == p.total();
                    default -> p.opened() <= p.total() && p.refunded() == 0;
                };
                if (!agrees) {
                    violations.add("red packet " + p.id() + " " + p.state() + " of " + p.total() + ": opened "
                            + p.opened() + ", refunded " + p.refunded());
                }
                Map<String, Long> expected = new HashMap<>();
                expected.put(ref + ":fund", p.total());
                opened.stream().filter(ShareRow::credited).forEach(s -> expected.put(ref + ":share:" + s.position(), s.amount()));
                if (p.refunded() > 0) {
                    expected.put(ref + ":refund", p.refunded());
                }
                expect(ref, expected, "red packet " + p.state());
            }
            return violations;
        }

        /** The postings under {@code reference} are exactly {@code expected} (id → amount). */
        private void expect(String reference, Map<String, Long> expected, String what) {
            Map<String, Posting> actual = byReference.getOrDefault(reference, Map.of());
            boolean same = actual.keySet().equals(expected.keySet()) && expected.entrySet().stream()
                    .allMatch(e -> actual.get(e.getKey()).amount() == e.getValue()
                            || actual.get(e.getKey()).kind().equals("VOID_PENDING"));
            if (!same) {
                Map<String, Long> found = new HashMap<>();
                actual.forEach((id, p) -> found.put(id, p.amount()));
                violations.add(what + " (" + reference + ") expects " + expected + " but the ledger has " + found);
            }
        }

        /**
         * A hold voided before its transfer expired. The void carries the time of the sweeper that
         * made it. Later than this run's clock: a sweeper with another clock, which exists only where
         * test contexts share one database (CI's PostgreSQL run: every context has its own clock and
         * runs the sweeper by hand over all the holds); the amounts are still checked. At or before
         * this run's clock: the hold's timeout came before the transfer's expiry, a real defect.
         */
        private void earlyVoid(String ref, TransferRow t) {
            Instant voidedAt = jdbc.sql("SELECT created_at FROM ledger_transfer WHERE id = :id").param("id", ref + ":hold#expired")
                    .query((rs, n) -> rs.getObject(1, java.time.OffsetDateTime.class).toInstant()).single();
            if (!voidedAt.isAfter(now)) {
                Instant holdExpires = jdbc.sql("SELECT expires_at FROM ledger_pending WHERE transfer_id = :id")
                        .param("id", ref + ":hold")
                        .query((rs, n) -> rs.getObject(1, java.time.OffsetDateTime.class).toInstant()).single();
                violations.add("transfer " + t.id() + " expires at " + t.expiresAt() + " but its hold (timeout "
                        + holdExpires + ") was voided by this run's sweeper at " + voidedAt + "; it is " + now);
            }
        }

        private Map<String, Map<String, Posting>> postings(Set<String> references) {
            Map<String, Map<String, Posting>> result = new HashMap<>();
            List<String> all = new ArrayList<>(references);
            for (int from = 0; from < all.size(); from += 500) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
                jdbc.sql("SELECT id, kind, amount, pending_id, reference FROM ledger_transfer WHERE reference IN (:r)")
                        .param("r", chunk).query((rs, n) -> {
                            Posting p = new Posting(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4));
                            result.computeIfAbsent(rs.getString(5), k -> new HashMap<>()).put(p.id(), p);
                            return p;
                        }).list();
            }
            return result;
        }
    }
}
