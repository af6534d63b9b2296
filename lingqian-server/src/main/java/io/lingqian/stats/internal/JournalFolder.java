package io.lingqian.stats.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import io.lingqian.accounting.PlatformAccount;
import io.lingqian.accounting.TransferCode;
import io.lingqian.stats.Scene;

/**
 * Turns posted journal rows into summary deltas. Pure: what it needs to know about accounts and
 * orders is looked up once per batch by the caller ({@link Lookups}). The rules, one per code:
 *
 * <ul>
 * <li>PAYMENT into a merchant's settlement account: one transaction of its order's scene; a
 *     COUPON_REDEMPTION into it adds to the volume (the order's total) and to the funder's coupon
 *     spending; PAYMENT_FEE out of it (FEE_REFUND back) is the fee.</li>
 * <li>REFUND out of a merchant's account is a refund of the order's scene (counted once, on the
 *     transfer named like its reference: {@code refund:<id>} or {@code reverse:<transaction id>});
 *     a REFUND back into it (an abnormal refund returned to the merchant) takes it off again.</li>
 * <li>TOPUP is a top-up; WITHDRAWAL out of a wallet is a withdrawal and its return (a failed
 *     withdrawal) takes it off again; WITHDRAWAL_FEE is its fee.</li>
 * <li>TRANSFER out of the transfer escrow is an accepted transfer; RED_PACKET into the packet escrow
 *     a sent packet, out of it an opened share; RED_PACKET_REFUND a refunded rest.</li>
 * <li>COMPENSATION out of the fund, ADJUSTMENT anywhere.</li>
 * </ul>
 * Every fee movement is also fee income; every wallet touched is active that day.
 */
public final class JournalFolder {

    public static final ZoneId CST = ZoneId.of("Asia/Shanghai");
    public static final String NO_CATEGORY = "-";
    public static final String FLOW_FEE = "FEE_INCOME";
    public static final String FLOW_COUPON = "COUPON";
    public static final String FLOW_COMPENSATION = "COMPENSATION";

    /** An order's scene and merchant. */
    public record OrderInfo(Scene scene, long merchantId) {
    }

    /** What the fold needs to know beyond the row itself. */
    public interface Lookups {
        /** The business reference of a customer account ({@code wallet:42}, {@code merchant:7:settlement}). */
        String accountReference(long accountId);

        /** The order a {@code payment:}, {@code reverse:} or {@code refund:} reference belongs to. */
        OrderInfo order(String reference);

        String category(long merchantId);
    }

    private JournalFolder() {
    }

    public static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, CST);
    }

    public static void fold(JournalRow t, Lookups lookups, Deltas d) {
        LocalDate day = day(t.createdAt());
        Long debitWallet = walletUser(lookups.accountReference(t.debitAccountId()));
        Long creditWallet = walletUser(lookups.accountReference(t.creditAccountId()));
        if (debitWallet != null) {
            d.active.add(new Deltas.UserDay(day, debitWallet));
        }
        if (creditWallet != null) {
            d.active.add(new Deltas.UserDay(day, creditWallet));
        }
        Long debitMerchant = merchant(lookups.accountReference(t.debitAccountId()));
        Long creditMerchant = merchant(lookups.accountReference(t.creditAccountId()));
        long a = t.amount();
        TransferCode code;
        try {
            code = TransferCode.ofCode(t.code());
        } catch (IllegalArgumentException unknown) {
            return;
        }
        switch (code) {
            case PAYMENT -> {
                if (creditMerchant != null) {
                    Deltas.SceneKey key = merchantScene(day, t.reference(), creditMerchant, lookups);
                    d.scene(key, 1, a, 0, 0, 0);
                    if (debitWallet != null) {
                        d.customer(new Deltas.CustomerKey(creditMerchant, day, debitWallet), 1, a);
                    }
                }
            }
            case COUPON_REDEMPTION -> {
                if (creditMerchant != null) {
                    d.scene(merchantScene(day, t.reference(), creditMerchant, lookups), 0, a, 0, 0, 0, a);
                    d.flow(new Deltas.FlowKey(day, FLOW_COUPON, party(lookups, t.debitAccountId())), 1, a);
                } else if (debitMerchant != null) {
                    d.scene(merchantScene(day, t.reference(), debitMerchant, lookups), 0, 0, 0, 0, a, -a);
                    d.flow(new Deltas.FlowKey(day, FLOW_COUPON, party(lookups, t.creditAccountId())), -1, -a);
                }
            }
            case PAYMENT_FEE -> {
                if (debitMerchant != null) {
                    d.scene(merchantScene(day, t.reference(), debitMerchant, lookups), 0, 0, a, 0, 0);
                }
                fee(t, code, day, d);
            }
            case FEE_REFUND -> {
                if (creditMerchant != null) {
                    d.scene(merchantScene(day, t.reference(), creditMerchant, lookups), 0, 0, -a, 0, 0);
                }
                fee(t, TransferCode.PAYMENT_FEE, day, d);
            }
            case REFUND -> {
                if (debitMerchant != null) {
                    long counted = t.id().equals(t.reference()) ? 1 : 0;
                    d.scene(merchantScene(day, t.reference(), debitMerchant, lookups), 0, 0, 0, counted, a);
                } else if (creditMerchant != null) {
                    d.scene(merchantScene(day, t.reference(), creditMerchant, lookups), 0, 0, 0, 0, -a);
                }
            }
            case TOPUP -> d.scene(walletScene(day, Scene.TOPUP), 1, a, 0, 0, 0);
            case WITHDRAWAL -> {
                if (debitWallet != null && t.creditAccountId() == PlatformAccount.WITHDRAWAL_IN_TRANSIT.id()) {
                    d.scene(walletScene(day, Scene.WITHDRAWAL), 1, a, 0, 0, 0);
                } else if (creditWallet != null && t.debitAccountId() == PlatformAccount.WITHDRAWAL_IN_TRANSIT.id()) {
                    d.scene(walletScene(day, Scene.WITHDRAWAL), -1, -a, 0, 0, 0);
                }
            }
            case WITHDRAWAL_FEE -> {
                long signed = t.creditAccountId() == PlatformAccount.FEE_INCOME.id() ? a : -a;
                d.scene(walletScene(day, Scene.WITHDRAWAL), 0, 0, signed, 0, 0);
                fee(t, code, day, d);
            }
            case TRANSFER -> {
                if (t.debitAccountId() == PlatformAccount.TRANSFER_ESCROW.id()) {
                    d.scene(walletScene(day, Scene.TRANSFER), 1, a, 0, 0, 0);
                }
            }
            case RED_PACKET -> {
                Instant second = t.createdAt().truncatedTo(ChronoUnit.SECONDS);
                if (t.creditAccountId() == PlatformAccount.RED_PACKET_ESCROW.id()) {
                    d.scene(walletScene(day, Scene.RED_PACKET), 1, a, 0, 0, 0);
                    d.redPacket(second, 1, 0, a, 0);
                } else if (t.debitAccountId() == PlatformAccount.RED_PACKET_ESCROW.id()) {
                    d.redPacket(second, 0, 1, 0, a);
                }
            }
            case RED_PACKET_REFUND -> d.scene(walletScene(day, Scene.RED_PACKET), 0, 0, 0, 1, a);
            case COMPENSATION -> {
                if (t.debitAccountId() == PlatformAccount.COMPENSATION_FUND.id()) {
                    d.flow(new Deltas.FlowKey(day, FLOW_COMPENSATION, "COMPENSATION_FUND"), 1, a);
                } else if (t.creditAccountId() == PlatformAccount.COMPENSATION_FUND.id()) {
                    d.flow(new Deltas.FlowKey(day, FLOW_COMPENSATION, "COMPENSATION_FUND"), -1, -a);
                }
            }
            case ADJUSTMENT -> d.scene(walletScene(day, Scene.ADJUSTMENT), 1, a, 0, 0, 0);
            default -> {
                // card funding, settlement, deposits, capital: not transactions of a scene
            }
        }
    }

    private static void fee(JournalRow t, TransferCode kind, LocalDate day, Deltas d) {
        if (t.creditAccountId() == PlatformAccount.FEE_INCOME.id()) {
            d.flow(new Deltas.FlowKey(day, FLOW_FEE, kind.name()), 1, t.amount());
        } else if (t.debitAccountId() == PlatformAccount.FEE_INCOME.id()) {
            d.flow(new Deltas.FlowKey(day, FLOW_FEE, kind.name()), -1, -t.amount());
        }
    }

    private static Deltas.SceneKey walletScene(LocalDate day, Scene scene) {
        return new Deltas.SceneKey(day, scene, NO_CATEGORY, 0);
    }

    private static Deltas.SceneKey merchantScene(LocalDate day, String reference, long merchantId, Lookups lookups) {
        OrderInfo order = reference == null ? null : lookups.order(reference);
        // A payment whose order cannot be found (not expected) still counts, under the most common scene.
        Scene scene = order == null ? Scene.NATIVE : order.scene();
        return new Deltas.SceneKey(day, scene, lookups.category(merchantId), merchantId);
    }

    private static String party(Lookups lookups, long accountId) {
        for (PlatformAccount p : PlatformAccount.all()) {
            if (p.id() == accountId) {
                return p.reference();
            }
        }
        String reference = lookups.accountReference(accountId);
        return reference == null ? "account:" + accountId : reference;
    }

    public static Long walletUser(String reference) {
        if (reference != null && reference.startsWith("wallet:")) {
            try {
                return Long.parseLong(reference.substring("wallet:".length()));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    public static Long merchant(String reference) {
        if (reference != null && reference.startsWith("merchant:") && reference.endsWith(":settlement")) {
            try {
                return Long.parseLong(reference.substring("merchant:".length(), reference.length() - ":settlement".length()));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
