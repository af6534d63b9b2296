package io.lingqian.social;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.accounting.TransferCode;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.ledger.TransferResult;
import io.lingqian.platform.crypto.FieldCipher;
import io.lingqian.social.internal.GrabGate;
import io.lingqian.social.internal.RedPacketStore;
import io.lingqian.wallet.CardCharges;
import io.lingqian.wallet.PaymentSecurity;
import io.lingqian.wallet.RiskCheck;
import io.lingqian.wallet.WalletLimits;
import io.lingqian.wallet.WalletProblems;
import io.lingqian.wallet.WalletUsers;
import io.lingqian.wallet.Yuan;

/**
 * Red packets (红包), domain-rules.md §1, designed in docs/red-packets.md. In short:
 *
 * <ul>
 *   <li>sending moves the whole amount {@code wallet → RED_PACKET_ESCROW} ({@code redpacket:<id>:fund});</li>
 *   <li>opening is decided under the packet's row lock (one open per packet at a time, queued in
 *       memory first by {@link GrabGate}), computes the share (lucky: {@link LuckySplit}) and writes a
 *       receipt row, without touching the ledger;</li>
 *   <li>right after, the opened shares not yet credited are posted {@code RED_PACKET_ESCROW → wallet}
 *       in one ledger batch ({@code redpacket:<id>:share:<position>}), so a storm of opens costs a few
 *       batches on the escrow account rather than one lock on it per share;</li>
 *   <li>at expiry the remainder, {@code total − opened}, returns to the sender
 *       ({@code redpacket:<id>:refund}).</li>
 * </ul>
 */
@Service
public class RedPackets {

    static final String SEED_PURPOSE = "social.red_packet.seed";
    static final String DEFAULT_GREETING = "恭喜发财，大吉大利";
    private static final int CREDIT_BATCH = 500;

    private final RedPacketStore store;
    private final GrabGate gates;
    private final Contacts contacts;
    private final Groups groups;
    private final WalletUsers users;
    private final PaymentSecurity security;
    private final WalletLimits limits;
    private final Ledger ledger;
    private final CustomerAccounts accounts;
    private final CardCharges cardCharges;
    private final FieldCipher cipher;
    private final SocialProperties settings;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ObjectProvider<RiskCheck> risk;
    private final SecureRandom random = new SecureRandom();

    RedPackets(RedPacketStore store, GrabGate gates, Contacts contacts, Groups groups, WalletUsers users,
            PaymentSecurity security, WalletLimits limits, Ledger ledger, CustomerAccounts accounts, FieldCipher cipher,
            CardCharges cardCharges, SocialProperties settings, TransactionTemplate transaction, Clock clock,
            ObjectProvider<RiskCheck> risk) {
        this.risk = risk;
        this.cardCharges = cardCharges;
        this.store = store;
        this.gates = gates;
        this.contacts = contacts;
        this.groups = groups;
        this.users = users;
        this.security = security;
        this.limits = limits;
        this.ledger = ledger;
        this.accounts = accounts;
        this.cipher = cipher;
        this.settings = settings;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * What the sender asks for. {@code amountFen} is the packet's amount for ONE_TO_ONE, the amount of
     * each share for ORDINARY and the total for LUCKY. A null payment password asks for password-free.
     * A {@code cardId} pays it with that bound card; the class limits apply all the same
     * (domain-rules.md §1) and what is not opened returns to the balance.
     */
    public record Send(RedPacketKind kind, Long groupId, Long receiverId, long amountFen, int shares, String greeting,
                       String clientRequestId, String paymentPassword, Long cardId) {

        /** From the balance. */
        public Send(RedPacketKind kind, Long groupId, Long receiverId, long amountFen, int shares, String greeting,
                String clientRequestId, String paymentPassword) {
            this(kind, groupId, receiverId, amountFen, shares, greeting, clientRequestId, paymentPassword, null);
        }
    }

    /** The share cap today (a special day's, or 200 CNY). */
    public long shareCapToday() {
        return settings.redPacket().shareCapOn(LocalDate.now(clock));
    }

    /**
     * Sends a packet. The same client request id with the same content returns the first packet and
     * moves nothing again; with other content it is refused ({@code idempotency_key_reused}).
     */
    public RedPacket send(long senderId, String deviceId, Send request) {
        Postings.checkRequestId(request.clientRequestId());
        if (request.kind() == null) {
            throw WalletProblems.invalid("invalid_kind", "Choose ONE_TO_ONE, ORDINARY or LUCKY.");
        }
        var existing = store.byRequest(senderId, request.clientRequestId());
        if (existing.isPresent()) {
            return replay(senderId, existing.get(), request);
        }
        long cap = shareCapToday();
        int shares = request.kind() == RedPacketKind.ONE_TO_ONE ? 1 : request.shares();
        long total = total(senderId, request, shares, cap);
        String greeting = request.greeting() == null || request.greeting().isBlank() ? DEFAULT_GREETING
                : request.greeting().strip();
        if (greeting.length() > 100) {
            throw WalletProblems.invalid("invalid_greeting", "A greeting is at most 100 characters.");
        }
        security.requireTrustedDevice(senderId, deviceId);
        boolean passwordFree = request.paymentPassword() == null || request.paymentPassword().isEmpty();
        if (!passwordFree) {
            security.verify(senderId, request.paymentPassword());
        }
        risk.getObject().check(RiskCheck.Attempt.of(RiskCheck.Action.RED_PACKET, "redpacket-request:"
                + request.clientRequestId(), senderId, deviceId, total, passwordFree)
                .toUser(request.kind() == RedPacketKind.ONE_TO_ONE ? request.receiverId() : null)
                .withCard(request.cardId()));
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        Instant now = clock.instant();
        var packet = new RedPacketStore.NewPacket(senderId, request.kind(),
                request.kind() == RedPacketKind.ONE_TO_ONE ? null : request.groupId(),
                request.kind() == RedPacketKind.ONE_TO_ONE ? request.receiverId() : null, total, shares, cap, greeting,
                passwordFree, request.clientRequestId(), cipher.seal(HexFormat.of().formatHex(seed), SEED_PURPOSE),
                LuckySplit.commitment(seed), now, now.plus(settings.redPacket().expiresAfter()));
        long wallet = accounts.openWallet(senderId);
        long id;
        try {
            Supplier<Long> create = () -> {
                long newId = store.insert(packet);
                String reference = RedPacket.reference(newId);
                limits.authorizeOutflow(senderId, WalletLimits.OutflowKind.TRANSFER, total, passwordFree, reference);
                Postings.requireAll(List.of(ledger.createTransfer(TransferRequest.single(reference + ":fund", wallet,
                        PlatformAccount.RED_PACKET_ESCROW.id(), total, Ledger.CNY, TransferCode.RED_PACKET.code(),
                        reference))), "Your balance does not cover " + Yuan.format(total) + " CNY.");
                return newId;
            };
            if (request.cardId() == null) {
                id = transaction.execute(status -> create.get());
            } else {
                id = cardCharges.charge(senderId, request.cardId(), total,
                        "redpacket-request:" + request.clientRequestId(), charge -> create.get());
            }
        } catch (DuplicateKeyException sameRequestAtOnce) {
            return replay(senderId, store.byRequest(senderId, request.clientRequestId()).orElseThrow(), request);
        }
        return packet(senderId, id);
    }

    /** Checks the amounts, shares and audience against the limits of §1.2; returns the total. */
    private long total(long senderId, Send request, int shares, long cap) {
        String capText = Yuan.format(cap) + " CNY";
        switch (request.kind()) {
            case ONE_TO_ONE -> {
                if (request.receiverId() == null) {
                    throw WalletProblems.invalid("receiver_required", "Say who the red packet is for.");
                }
                if (request.receiverId() == senderId) {
                    throw WalletProblems.invalid("red_packet_to_self", "You cannot send a red packet to yourself.");
                }
                if (!contacts.isContact(senderId, request.receiverId())) {
                    throw WalletProblems.refused("not_a_contact", "Add the receiver as a contact first.");
                }
                if (request.amountFen() < 1 || request.amountFen() > cap) {
                    throw WalletProblems.invalid("invalid_amount", "A red packet is between 0.01 and " + capText + ".");
                }
                return request.amountFen();
            }
            default -> {
                if (request.groupId() == null || !groups.isMember(request.groupId(), senderId)) {
                    throw WalletProblems.notFound("group");
                }
                int max = settings.redPacket().maxShares();
                if (shares < 1 || shares > max) {
                    throw WalletProblems.invalid("invalid_shares", "A group red packet has 1 to " + max + " shares.");
                }
                int members = groups.memberCount(request.groupId());
                if (shares > members) {
                    throw WalletProblems.refused("too_many_shares",
                            "The group has " + members + " members; a packet cannot have more shares than that.");
                }
                if (request.kind() == RedPacketKind.ORDINARY) {
                    if (request.amountFen() < 1 || request.amountFen() > cap) {
                        throw WalletProblems.invalid("invalid_amount", "Each share is between 0.01 and " + capText + ".");
                    }
                    return request.amountFen() * shares;
                }
                if (!LuckySplit.splittable(request.amountFen(), shares, cap)) {
                    throw WalletProblems.invalid("invalid_amount", "A lucky packet of " + shares + " shares is between "
                            + Yuan.format(shares) + " and " + Yuan.format(cap * shares) + " CNY (0.01 to " + capText
                            + " a share).");
                }
                return request.amountFen();
            }
        }
    }

    private RedPacket replay(long senderId, RedPacketStore.Row first, Send request) {
        int shares = request.kind() == RedPacketKind.ONE_TO_ONE ? 1 : request.shares();
        long total = request.kind() == RedPacketKind.ORDINARY ? request.amountFen() * shares : request.amountFen();
        boolean same = first.packetKind() == request.kind() && first.shares() == shares && first.totalFen() == total
                && java.util.Objects.equals(first.groupId(), request.kind() == RedPacketKind.ONE_TO_ONE ? null : request.groupId())
                && java.util.Objects.equals(first.receiverId(), request.kind() == RedPacketKind.ONE_TO_ONE ? request.receiverId() : null);
        if (!same) {
            throw WalletProblems.conflict("idempotency_key_reused",
                    "This client request id was used for another red packet.");
        }
        return packet(senderId, first.id());
    }

    /**
     * Opens a packet for a member: at most once each, never more shares than the packet has, never
     * more money than it holds. The share is credited to the member's wallet right after.
     *
     * <p>In a storm the opens after the first on this instance do not read the packet's row: its
     * facts that never change are in its {@link GrabGate}, and so is whether it is all taken. Only
     * membership (one read) is asked of the database before the answer {@code all_taken}; the row
     * lock, taken by the opens that may still win, decides.
     *
     * @throws io.lingqian.platform.ApiProblemException {@code already_opened} (409), {@code all_taken},
     *         {@code red_packet_expired}, or not found for someone the packet is not for
     */
    public Share open(long userId, long packetId) {
        GrabGate.PacketGate gate = gates.peek(packetId);
        if (gate != null && gate.openedBy(userId)) {
            throw alreadyOpened();
        }
        Instant now = clock.instant();
        // Who may open it is checked before saying it is all taken, so that nobody else learns even that.
        if (gate == null) {
            RedPacketStore.Row p = store.get(packetId).filter(row -> mayOpen(row.groupId(), row.receiverId(), userId))
                    .orElseThrow(() -> WalletProblems.notFound("red packet"));
            refuseClosed(p, now);
            gate = gates.of(packetId, new GrabGate.Facts(p.senderId(), p.groupId(), p.receiverId(),
                    p.packetKind() == RedPacketKind.LUCKY, p.expires()), now);
        } else if (!mayOpen(gate.facts().groupId(), gate.facts().receiverId(), userId)) {
            throw WalletProblems.notFound("red packet");
        }
        if (gate.closed()) {
            throw allTaken();
        }
        if (!now.isBefore(gate.facts().expiresAt())) {
            throw expired();
        }
        // what a frozen wallet sent stays in escrow until the freeze is lifted or the packet expires
        risk.getObject().checkHeldOutflow(gate.facts().senderId(), userId);
        GrabGate.Ticket ticket = gate.join(userId);
        gate.enter();
        try {
            if (!ticket.decided()) {
                decide(packetId, gate, gate.takeWaiting());
            }
        } finally {
            gate.leave();
        }
        ticket.outcome();
        credit(packetId);
        RedPacketStore.ShareRow row;
        boolean bestLuck = false;
        if (gate.closed() && gate.facts().lucky()) {
            // finished: is this share the best luck (as the packet's view says: the largest, the earlier on a tie)?
            List<RedPacketStore.ShareRow> all = store.shares(packetId);
            row = all.stream().filter(s -> s.userId() == userId).findFirst().orElseThrow();
            bestLuck = all.stream().max(Comparator.comparingLong(RedPacketStore.ShareRow::amountFen)
                    .thenComparing(Comparator.comparingInt(RedPacketStore.ShareRow::position).reversed()))
                    .orElseThrow().userId() == userId;
        } else {
            row = store.share(packetId, userId).orElseThrow();
        }
        return new Share(packetId, userId, name(userId), row.position(), row.amountFen(), row.opened(),
                row.creditedAt() != null, bestLuck);
    }

    /**
     * Decides, under the packet's gate, every open waiting in its queue: those the gate already
     * answers are refused from memory, the rest in one transaction under the row lock, so that a
     * storm's winners share a commit instead of queueing for one each.
     */
    private void decide(long packetId, GrabGate.PacketGate gate, List<GrabGate.Ticket> waiting) {
        List<GrabGate.Ticket> contenders = new ArrayList<>();
        for (GrabGate.Ticket t : waiting) {
            if (gate.openedBy(t.userId())) {
                t.refused(alreadyOpened());
            } else if (gate.closed()) {
                t.refused(allTaken());
            } else {
                contenders.add(t);
            }
        }
        if (contenders.isEmpty()) {
            return;
        }
        boolean allTaken;
        try {
            allTaken = Boolean.TRUE.equals(transaction.execute(status -> openLocked(packetId, contenders)));
        } catch (RuntimeException failed) {
            // nothing of the batch was committed: each opener gets the failure (an expired packet's, say)
            contenders.forEach(t -> t.refused(failed));
            return;
        }
        for (GrabGate.Ticket t : contenders) {
            if (t.tookShare()) {
                gate.markOpened(t.userId());
            }
        }
        if (allTaken) {
            // as committed: by this batch, another instance, or before a restart
            gate.close();
        }
    }

    /**
     * The opens of one batch, under the packet's row lock, in order of arrival: each takes the next
     * share, or is refused (opened already, all taken); the counters are updated once. Returns whether
     * the packet is all taken now.
     */
    private boolean openLocked(long packetId, List<GrabGate.Ticket> batch) {
        RedPacketStore.Row p = store.lock(packetId);
        Instant now = clock.instant();
        if (p.packetState() != RedPacketState.FINISHED) {
            refuseClosed(p, now);
        }
        int position = p.openedCount();
        long openedFen = p.openedFen();
        byte[] seed = p.packetKind() == RedPacketKind.LUCKY && position < p.shares() ? seed(p) : null;
        Set<Long> inBatch = new HashSet<>();
        for (GrabGate.Ticket t : batch) {
            if (position == p.shares()) {
                t.refused(allTaken());
                continue;
            }
            if (!inBatch.add(t.userId()) || store.share(packetId, t.userId()).isPresent()) {
                t.refused(alreadyOpened());
                continue;
            }
            long amount = seed != null
                    ? LuckySplit.draw(seed, position, p.totalFen() - openedFen, p.shares() - position, p.shareCapFen())
                    : p.totalFen() / p.shares();
            store.insertShare(packetId, t.userId(), position, amount, now);
            t.took();
            position++;
            openedFen += amount;
        }
        if (position > p.openedCount()) {
            boolean last = position == p.shares();
            store.opened(packetId, position, openedFen,
                    last ? p.packetState().next(RedPacketState.FINISHED) : RedPacketState.OPEN, last ? now : null);
        }
        return position == p.shares();
    }

    private void refuseClosed(RedPacketStore.Row p, Instant now) {
        if (p.packetState() == RedPacketState.EXPIRED || (p.packetState() == RedPacketState.OPEN
                && !now.isBefore(p.expires()))) {
            throw expired();
        }
        if (p.packetState() == RedPacketState.FINISHED) {
            throw allTaken();
        }
    }

    private static io.lingqian.platform.ApiProblemException alreadyOpened() {
        return WalletProblems.conflict("already_opened", "You have opened this red packet already.");
    }

    private static io.lingqian.platform.ApiProblemException expired() {
        return WalletProblems.refused("red_packet_expired", "This red packet has expired.");
    }

    private static io.lingqian.platform.ApiProblemException allTaken() {
        return WalletProblems.refused("all_taken", "Too late: all shares of this red packet are taken.");
    }

    /**
     * Posts the opened shares of a packet not yet credited, as one ledger batch per claim of up to
     * 500 shares; shares another transaction is crediting are skipped (it will post them). Returns
     * how many this call credited.
     */
    int credit(long packetId) {
        int total = 0;
        while (true) {
            Integer n = transaction.execute(status -> {
                List<RedPacketStore.ShareRow> rows = store.claimUncredited(packetId, CREDIT_BATCH);
                if (rows.isEmpty()) {
                    return 0;
                }
                store.credited(packetId, rows.stream().map(RedPacketStore.ShareRow::position).toList(), clock.instant());
                String reference = RedPacket.reference(packetId);
                List<TransferRequest> credits = new ArrayList<>(rows.size());
                for (RedPacketStore.ShareRow s : rows) {
                    credits.add(TransferRequest.single(reference + ":share:" + s.position(),
                            PlatformAccount.RED_PACKET_ESCROW.id(), accounts.openWallet(s.userId()), s.amountFen(),
                            Ledger.CNY, TransferCode.RED_PACKET.code(), reference));
                }
                ledger.createTransfers(credits).forEach(TransferResult::orThrow);
                return rows.size();
            });
            total += n;
            if (n < CREDIT_BATCH) {
                return total;
            }
        }
    }

    /** Credits shares a crash left uncredited (opened, committed, but not yet posted). */
    int creditLeftovers() {
        int credited = 0;
        for (long packetId : store.packetsWithUncreditedShares(100)) {
            credited += credit(packetId);
        }
        return credited;
    }

    /** Expires packets past their time: the remainder returns to the sender, the seed is revealed. */
    int expire() {
        int expired = 0;
        for (long id : store.expiredIds(clock.instant(), 500)) {
            Boolean done = transaction.execute(status -> store.lockIfFree(id)
                    .filter(p -> p.packetState() == RedPacketState.OPEN && !clock.instant().isBefore(p.expires()))
                    .map(p -> {
                        p.packetState().next(RedPacketState.EXPIRED);
                        long refund = p.totalFen() - p.openedFen();
                        store.expired(id, refund, clock.instant());
                        if (refund > 0) {
                            String reference = RedPacket.reference(id);
                            limits.releaseOutflow(reference, refund);
                            ledger.createTransfer(TransferRequest.single(reference + ":refund",
                                    PlatformAccount.RED_PACKET_ESCROW.id(), accounts.openWallet(p.senderId()), refund,
                                    Ledger.CNY, TransferCode.RED_PACKET_REFUND.code(), reference)).orThrow();
                        }
                        return true;
                    }).orElse(false));
            if (Boolean.TRUE.equals(done)) {
                expired++;
                credit(id);
                gates.forget(id);
            }
        }
        return expired;
    }

    /** A one-to-one packet is for its receiver, a group's for whoever is a member now. */
    private boolean mayOpen(Long groupId, Long receiverId, long userId) {
        return receiverId != null ? receiverId == userId : groups.isMember(groupId, userId);
    }

    private boolean maySee(RedPacketStore.Row p, long userId) {
        return p.senderId() == userId || mayOpen(p.groupId(), p.receiverId(), userId);
    }

    private byte[] seed(RedPacketStore.Row p) {
        return HexFormat.of().parseHex(cipher.open(p.seedSealed(), SEED_PURPOSE));
    }

    /** A packet its sender or someone it is for may see; any other is "not found". */
    public RedPacket packet(long viewerId, long id) {
        return store.get(id).filter(p -> maySee(p, viewerId)).map(this::view)
                .orElseThrow(() -> WalletProblems.notFound("red packet"));
    }

    public List<RedPacket> sent(long userId) {
        return store.sentBy(userId).stream().map(this::view).toList();
    }

    public List<RedPacket> received(long userId) {
        return store.receivedBy(userId).stream().map(this::view).toList();
    }

    /** Packets to the user or their groups, newest first: what they may open. */
    public List<RedPacket> inbox(long userId) {
        return store.visibleTo(userId, 50).stream().map(this::view).toList();
    }

    private RedPacket view(RedPacketStore.Row p) {
        List<Share> shares = new ArrayList<>();
        for (RedPacketStore.ShareRow s : store.shares(p.id())) {
            shares.add(new Share(p.id(), s.userId(), name(s.userId()), s.position(), s.amountFen(), s.opened(),
                    s.creditedAt() != null, false));
        }
        boolean closed = p.packetState() != RedPacketState.OPEN;
        if (closed && p.packetKind() == RedPacketKind.LUCKY && !shares.isEmpty()) {
            // best luck: the largest share, the earlier grabber winning a tie
            Share best = shares.stream().max(Comparator.comparingLong(Share::amountFen)
                    .thenComparing(Comparator.comparingInt(Share::position).reversed())).orElseThrow();
            shares.set(best.position(), best.withBestLuck());
        }
        return new RedPacket(p.id(), p.senderId(), name(p.senderId()), p.packetKind(), p.groupId(),
                p.groupId() == null ? null : groups.name(p.groupId()), p.receiverId(), p.totalFen(), p.shares(),
                p.shareCapFen(), p.greeting(), p.clientRequestId(), p.packetState(), p.openedCount(), p.openedFen(),
                p.refundedFen(), p.seedHash(), closed ? HexFormat.of().formatHex(seed(p)) : null, p.created(),
                p.expires(), p.finished(), List.copyOf(shares));
    }

    private String name(long userId) {
        return users.byId(userId).map(u -> u.displayName()).orElse("?");
    }
}
