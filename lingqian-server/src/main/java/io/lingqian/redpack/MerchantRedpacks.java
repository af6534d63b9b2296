package io.lingqian.redpack;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.accounting.TransferCode;
import io.lingqian.ledger.CreateTransferResult;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.ledger.TransferResult;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.merchant.OpenIds;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.redpack.RedpackRefusal.Reason;
import io.lingqian.redpack.internal.RedpackStore;
import io.lingqian.social.LuckySplit;
import io.lingqian.wallet.RiskCheck;

/**
 * Sends, opens and returns merchants' red packets, and answers {@code gethbinfo}.
 *
 * <p>Money: sending moves the whole amount from the merchant's settlement account into
 * {@link PlatformAccount#MERCHANT_RED_PACKET_ESCROW} (transfer {@code merchant-redpack:<id>}); opening a
 * share moves it to the opener's wallet ({@code merchant-redpack-open:<id>:<position>}); at expiry the
 * unopened rest goes back ({@code merchant-redpack-refund:<id>}). Each is posted last in its transaction,
 * under the packet's id, so a retry moves nothing twice.
 */
@Service
@EnableConfigurationProperties(RedpackProperties.class)
public class MerchantRedpacks {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(CHINA);
    private static final int REFUND_BATCH = 200;

    private final RedpackStore store;
    private final RedpackProperties limits;
    private final OpenIds openIds;
    private final MerchantApps apps;
    private final CustomerAccounts accounts;
    private final RiskCheck risk;
    private final Ledger ledger;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final SecureRandom random = new SecureRandom();

    MerchantRedpacks(RedpackStore store, RedpackProperties limits, OpenIds openIds, MerchantApps apps,
            CustomerAccounts accounts, RiskCheck risk, Ledger ledger, Clock clock,
            PlatformTransactionManager transactionManager) {
        this.store = store;
        this.limits = limits;
        this.openIds = openIds;
        this.apps = apps;
        this.accounts = accounts;
        this.risk = risk;
        this.ledger = ledger;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * Sends a packet, or answers the packet an identical earlier request with this {@code mch_billno} sent.
     *
     * @throws RedpackRefusal nothing stored, nothing moved
     */
    @Transactional
    public Redpack send(long merchantId, NewRedpack request) {
        Optional<RedpackStore.Stored> earlier = store.byBillno(merchantId, request.mchBillno());
        if (earlier.isPresent()) {
            return sameRequest(earlier.get(), request);
        }
        checkAmounts(request);
        if (apps.appOf(merchantId, request.wxappid()).map(app -> app.kind() == AppKind.MOBILE_APP).orElse(false)) {
            throw new RedpackRefusal(Reason.ILLEGAL_APPID, "red packets are sent under an official account or "
                    + "mini program appid, not a mobile app's");
        }
        long userId = openIds.userOf(request.wxappid(), request.reOpenid()).orElseThrow(() -> new RedpackRefusal(
                Reason.OPENID_ERROR, "re_openid is not an openid of wxappid " + request.wxappid()));
        store.lockSender(merchantId);
        // The lock serialises this merchant's sends: an identical request may have won the race to it.
        earlier = store.byBillno(merchantId, request.mchBillno());
        if (earlier.isPresent()) {
            return sameRequest(earlier.get(), request);
        }
        Instant now = clock.instant();
        checkLimits(merchantId, userId, request.totalFen(), now);
        try {
            risk.check(new RiskCheck.Attempt(RiskCheck.Action.PAYOUT, "redpack:" + merchantId + ":" + request.mchBillno(),
                    userId, null, request.totalFen(), null, merchantId, null, null, false));
        } catch (ApiProblemException refused) {
            throw new RedpackRefusal(Reason.NO_AUTH, "发放失败，此请求可能存在风险，已被拦截: " + refused.getMessage());
        }
        long[] shares = request.group() ? groupShares(request.totalFen(), request.totalNum())
                : new long[] {request.totalFen()};
        String sendListid = sendListid(now);
        long id = store.insert(merchantId, request, sendListid, userId, now, now.plus(limits.expiresAfter()), shares);
        TransferResult moved = ledger.createTransfer(TransferRequest.single("merchant-redpack:" + id,
                accounts.openMerchantSettlement(merchantId), PlatformAccount.MERCHANT_RED_PACKET_ESCROW.id(),
                request.totalFen(), Ledger.CNY, TransferCode.MERCHANT_RED_PACKET.code(), "merchant-redpack:" + id));
        if (moved.result() == CreateTransferResult.EXCEEDS_CREDITS) {
            throw new RedpackRefusal(Reason.NOTENOUGH, "帐号余额不足: the settlement balance does not cover "
                    + request.totalFen() + " fen");
        }
        if (!moved.ok()) {
            throw new IllegalStateException("the ledger refused red packet " + id + ": " + moved.result());
        }
        return store.byListid(sendListid).orElseThrow();
    }

    private static Redpack sameRequest(RedpackStore.Stored earlier, NewRedpack request) {
        if (!earlier.requestDigest().equals(request.digest())) {
            throw new RedpackRefusal(Reason.FATAL_ERROR, "重复请求时，参数与原单不一致: mch_billno " + request.mchBillno()
                    + " was sent with other content");
        }
        return earlier.packet();
    }

    private void checkAmounts(NewRedpack r) {
        if (!r.group()) {
            if (r.totalNum() != 1) {
                throw new RedpackRefusal(Reason.PARAM_ERROR, "total_num is 1 for sendredpack");
            }
            if (r.totalFen() < limits.minFen() || r.totalFen() > limits.maxFen()) {
                throw new RedpackRefusal(Reason.MONEY_LIMIT, "红包金额发放限制: a packet holds " + limits.minFen()
                        + " to " + limits.maxFen() + " fen");
            }
            return;
        }
        if (r.totalNum() < limits.groupMinNum() || r.totalNum() > limits.groupMaxNum()) {
            throw new RedpackRefusal(Reason.PARAM_ERROR, "total_num of a group packet is " + limits.groupMinNum()
                    + " to " + limits.groupMaxNum());
        }
        if (r.totalFen() < limits.minFen() * r.totalNum() || r.totalFen() > limits.maxFen() * r.totalNum()) {
            throw new RedpackRefusal(Reason.MONEY_LIMIT, "红包金额发放限制: the average share is " + limits.minFen()
                    + " to " + limits.maxFen() + " fen");
        }
    }

    private void checkLimits(long merchantId, long userId, long totalFen, Instant now) {
        if (store.countSince(merchantId, now.minusSeconds(60)) >= limits.merchantPerMinute()) {
            throw new RedpackRefusal(Reason.FREQ_LIMIT, "受频率限制: at most " + limits.merchantPerMinute()
                    + " packets a minute");
        }
        Instant today = LocalDate.ofInstant(now, CHINA).atStartOfDay(CHINA).toInstant();
        if (store.amountSince(merchantId, today) + totalFen > limits.merchantDailyFen()) {
            throw new RedpackRefusal(Reason.SENDAMOUNT_LIMIT, "商户号今日发放金额超过限制: at most "
                    + limits.merchantDailyFen() + " fen a day");
        }
        if (store.countToUserSince(merchantId, userId, today) >= limits.userDailyCount()) {
            throw new RedpackRefusal(Reason.SENDNUM_LIMIT, "该用户今日领取红包个数超过限制: at most "
                    + limits.userDailyCount() + " a day");
        }
        if (store.amountToUserSince(merchantId, userId, today) + totalFen > limits.userDailyFen()) {
            throw new RedpackRefusal(Reason.RCVDAMOUNT_LIMIT, "该用户今日领取金额超过限制: at most "
                    + limits.userDailyFen() + " fen a day");
        }
    }

    /**
     * ALL_RAND: the social red packets' lucky split over what is left once every share has its minimum,
     * so each share holds at least the minimum and at most the group share cap, and they sum to the total.
     */
    private long[] groupShares(long totalFen, int num) {
        long base = limits.minFen() - 1;
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        long[] shares = LuckySplit.shares(seed, totalFen - base * num, num, limits.groupShareMaxFen() - base);
        for (int i = 0; i < shares.length; i++) {
            shares[i] += base;
        }
        return shares;
    }

    /** {@code 1000041701}, the day, and 14 random digits: 32 digits, unguessable. */
    private String sendListid(Instant now) {
        StringBuilder id = new StringBuilder("1000041701").append(DAY.format(now));
        while (id.length() < 32) {
            id.append(random.nextInt(10));
        }
        return id.toString();
    }

    /** A merchant's packet by its {@code mch_billno}. */
    public Optional<Redpack> byBillno(long merchantId, String mchBillno) {
        return store.byBillno(merchantId, mchBillno).map(RedpackStore.Stored::packet);
    }

    /** The packets a merchant sent, newest first, at most {@code limit} of them (its portal page). */
    public List<Redpack> ofMerchant(long merchantId, int limit) {
        return store.ofMerchant(merchantId, limit);
    }

    /** The packets a user received (and group packets the user opened a share of), newest first. */
    public List<Redpack> ofUser(long userId) {
        return store.ofUser(userId, 100);
    }

    /**
     * One packet as a user may see it: a normal packet only by the user it was sent to; a group packet by
     * anyone holding its link (its first recipient shares it, as with WeChat's 裂变红包).
     *
     * @throws RedpackRefusal {@code NOT_FOUND}, also for a packet this user may not see
     */
    public Redpack forUser(long userId, String sendListid) {
        return store.byListid(sendListid == null ? "" : sendListid).filter(p -> p.group() || p.userId() == userId)
                .orElseThrow(() -> new RedpackRefusal(Reason.NOT_FOUND, "No such red packet."));
    }

    /**
     * Opens the packet (a group packet: the next free share) into the user's wallet. Opening again
     * answers the share already opened and moves nothing.
     *
     * @throws RedpackRefusal {@code NOT_FOUND}, {@code ALL_TAKEN}, {@code EXPIRED}
     */
    @Transactional
    public RedpackShare open(long userId, String sendListid) {
        forUser(userId, sendListid);
        Redpack packet = store.lockByListid(sendListid).orElseThrow();
        Optional<RedpackShare> mine = packet.shareOf(userId);
        if (mine.isPresent()) {
            return mine.get();
        }
        Instant now = clock.instant();
        if (packet.status() == RedpackStatus.REFUND || !now.isBefore(packet.expiresAt())) {
            throw new RedpackRefusal(Reason.EXPIRED, "This red packet expired; its money went back to "
                    + packet.sendName() + ".");
        }
        RedpackShare share = packet.shares().stream().filter(s -> !s.opened()).findFirst()
                .orElseThrow(() -> new RedpackRefusal(Reason.ALL_TAKEN, "Every share of this red packet is taken."));
        String openid = openIds.openidOf(packet.wxappid(), userId);
        store.open(packet.id(), share.position(), userId, openid, now);
        boolean last = packet.shares().stream().filter(s -> !s.opened()).count() == 1;
        if (last) {
            store.status(packet.id(), packet.status().next(RedpackStatus.RECEIVED));
        }
        String transferId = "merchant-redpack-open:" + packet.id() + ":" + share.position();
        ledger.createTransfer(TransferRequest.single(transferId, PlatformAccount.MERCHANT_RED_PACKET_ESCROW.id(),
                accounts.openWallet(userId), share.amountFen(), Ledger.CNY, TransferCode.MERCHANT_RED_PACKET.code(),
                "merchant-redpack:" + packet.id())).orThrow();
        return new RedpackShare(share.position(), share.amountFen(), userId, openid, now);
    }

    /**
     * Returns expired packets' unopened money to their merchants, one transaction per packet; a packet
     * another instance is returning is skipped. Returns how many were returned.
     */
    public int refundExpired() {
        int returned = 0;
        for (long id : store.expired(clock.instant(), REFUND_BATCH)) {
            Boolean done = transactions.execute(status -> refund(id));
            if (Boolean.TRUE.equals(done)) {
                returned++;
            }
        }
        return returned;
    }

    private boolean refund(long id) {
        Optional<Redpack> locked = store.lockIfFree(id);
        if (locked.isEmpty() || locked.get().status() != RedpackStatus.SENT) {
            return false;
        }
        Redpack packet = locked.get();
        packet.status().next(RedpackStatus.REFUND);
        long rest = packet.totalFen() - packet.openedFen();
        store.refunded(id, rest, clock.instant());
        ledger.createTransfer(TransferRequest.single("merchant-redpack-refund:" + id,
                PlatformAccount.MERCHANT_RED_PACKET_ESCROW.id(), accounts.openMerchantSettlement(packet.merchantId()),
                rest, Ledger.CNY, TransferCode.MERCHANT_RED_PACKET_REFUND.code(), "merchant-redpack:" + id)).orThrow();
        return true;
    }
}
