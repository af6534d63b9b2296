package io.lingqian.social;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.accounting.TransferCode;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.social.internal.TransferStore;
import io.lingqian.wallet.CardCharges;
import io.lingqian.wallet.PaymentSecurity;
import io.lingqian.wallet.RiskCheck;
import io.lingqian.wallet.WalletLimits;
import io.lingqian.wallet.WalletProblems;
import io.lingqian.wallet.WalletUsers;
import io.lingqian.wallet.Yuan;

/**
 * Transfers (转账) to a contact, free of charge (domain-rules.md §2). Sending holds the amount
 * {@code sender wallet → TRANSFER_ESCROW} ({@code transfer:<id>:hold}) with a timeout at the end of the
 * time to accept; accepting posts the hold and pays the receiver from escrow (linked); returning or
 * withdrawing voids it; if nobody acts, the ledger's sweeper voids it at the timeout and
 * {@link SocialJobs#expireTransfers()} marks the transfer expired.
 */
@Service
public class Transfers {

    private final TransferStore store;
    private final Contacts contacts;
    private final WalletUsers users;
    private final PaymentSecurity security;
    private final WalletLimits limits;
    private final Ledger ledger;
    private final CustomerAccounts accounts;
    private final CardCharges cardCharges;
    private final SocialProperties settings;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ObjectProvider<RiskCheck> risk;

    Transfers(TransferStore store, Contacts contacts, WalletUsers users, PaymentSecurity security, WalletLimits limits,
            Ledger ledger, CustomerAccounts accounts, CardCharges cardCharges, SocialProperties settings,
            TransactionTemplate transaction, Clock clock,
            ObjectProvider<RiskCheck> risk) {
        this.risk = risk;
        this.cardCharges = cardCharges;
        this.store = store;
        this.contacts = contacts;
        this.users = users;
        this.security = security;
        this.limits = limits;
        this.ledger = ledger;
        this.accounts = accounts;
        this.settings = settings;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * What the sender asks for. A null payment password asks for a password-free transfer; a
     * {@code cardId} pays it with that bound card instead of the balance (a returned transfer then
     * comes back to the balance).
     */
    public record Send(long receiverId, long amountFen, Arrival arrival, String note, String clientRequestId,
                       String paymentPassword, Long cardId) {

        /** From the balance. */
        public Send(long receiverId, long amountFen, Arrival arrival, String note, String clientRequestId,
                String paymentPassword) {
            this(receiverId, amountFen, arrival, note, clientRequestId, paymentPassword, null);
        }
    }

    /**
     * Sends a transfer. The same client request id with the same receiver, amount and arrival returns
     * the first transfer and moves nothing again; with others it is refused ({@code idempotency_key_reused}).
     */
    public Transfer send(long senderId, String deviceId, Send request) {
        Postings.checkRequestId(request.clientRequestId());
        Arrival arrival = request.arrival() == null ? Arrival.REAL_TIME : request.arrival();
        var existing = store.byRequest(senderId, request.clientRequestId());
        if (existing.isPresent()) {
            return replay(existing.get(), request, arrival);
        }
        if (request.amountFen() <= 0 || request.amountFen() > settings.transfer().maximumFen()) {
            throw WalletProblems.invalid("invalid_amount", "A transfer is between 0.01 and "
                    + Yuan.format(settings.transfer().maximumFen()) + " CNY.");
        }
        if (request.receiverId() == senderId) {
            throw WalletProblems.invalid("transfer_to_self", "You cannot transfer to yourself.");
        }
        if (!users.exists(request.receiverId()) || !contacts.isContact(senderId, request.receiverId())) {
            throw WalletProblems.refused("not_a_contact", "Add the receiver as a contact first.");
        }
        String note = request.note() == null || request.note().isBlank() ? null : request.note().strip();
        if (note != null && note.length() > 100) {
            throw WalletProblems.invalid("invalid_note", "A note is at most 100 characters.");
        }
        security.requireTrustedDevice(senderId, deviceId);
        boolean passwordFree = request.paymentPassword() == null || request.paymentPassword().isEmpty();
        if (!passwordFree) {
            security.verify(senderId, request.paymentPassword());
        }
        risk.getObject().check(RiskCheck.Attempt.of(RiskCheck.Action.TRANSFER,
                "transfer-request:" + request.clientRequestId(), senderId, deviceId, request.amountFen(), passwordFree)
                .toUser(request.receiverId()).withCard(request.cardId()));
        Instant now = clock.instant();
        Instant arrivesAt = now.plus(arrival.delay());
        Instant expiresAt = arrivesAt.plus(settings.transfer().acceptWithin());
        long wallet = accounts.openWallet(senderId);
        long id;
        try {
            Function<Boolean, Long> create = fromCard -> {
                long newId = store.insert(senderId, request.receiverId(), request.amountFen(), arrival, note, passwordFree,
                        request.clientRequestId(), now, arrivesAt, expiresAt);
                String reference = Transfer.reference(newId);
                if (fromCard) {
                    // Paid by card: outside the balance limits (domain-rules.md §3), the bank limits it.
                    limits.authorizeCardPayment(senderId, request.amountFen(), passwordFree);
                } else {
                    limits.authorizeOutflow(senderId, WalletLimits.OutflowKind.TRANSFER, request.amountFen(),
                            passwordFree, reference);
                }
                Postings.requireAll(List.of(ledger.createTransfer(TransferRequest.pending(reference + ":hold", wallet,
                        PlatformAccount.TRANSFER_ESCROW.id(), request.amountFen(), Ledger.CNY, TransferCode.TRANSFER.code(),
                        Duration.between(now, expiresAt).toSeconds(), reference))),
                        "Your balance does not cover " + Yuan.format(request.amountFen()) + " CNY.");
                return newId;
            };
            if (request.cardId() == null) {
                id = transaction.execute(status -> create.apply(false));
            } else {
                limits.authorizeCardPayment(senderId, request.amountFen(), passwordFree);
                id = cardCharges.charge(senderId, request.cardId(), request.amountFen(),
                        "transfer-request:" + request.clientRequestId(), charge -> create.apply(true));
            }
        } catch (DuplicateKeyException sameRequestAtOnce) {
            return replay(store.byRequest(senderId, request.clientRequestId()).orElseThrow(), request, arrival);
        }
        return transfer(senderId, id);
    }

    private Transfer replay(TransferStore.Row first, Send request, Arrival arrival) {
        if (first.receiverId() != request.receiverId() || first.amountFen() != request.amountFen()
                || first.arrivalKind() != arrival) {
            throw WalletProblems.conflict("idempotency_key_reused",
                    "This client request id was used for another transfer (receiver, amount or arrival differ).");
        }
        return view(first);
    }

    /** The receiver accepts: the hold is posted and escrow pays the receiver, linked. */
    public Transfer accept(long receiverId, long id) {
        transaction.executeWithoutResult(status -> {
            TransferStore.Row t = lockAs(id, receiverId, false);
            Instant now = clock.instant();
            t.transferState().next(TransferState.ACCEPTED);
            risk.getObject().checkHeldOutflow(t.senderId(), receiverId);
            if (now.isBefore(t.arrives())) {
                throw WalletProblems.refused("transfer_not_arrived", "This transfer arrives " + t.arrivalKind().label()
                        + " after it was sent; it can be accepted from then on.");
            }
            if (!now.isBefore(t.expires())) {
                throw WalletProblems.conflict("transfer_expired", "This transfer expired and went back to the sender.");
            }
            store.resolve(id, TransferState.ACCEPTED, now);
            String ref = Transfer.reference(id);
            Postings.requireAll(ledger.createLinked(List.of(
                    TransferRequest.post(ref + ":post", ref + ":hold"),
                    TransferRequest.single(ref + ":pay", PlatformAccount.TRANSFER_ESCROW.id(),
                            accounts.openWallet(receiverId), t.amountFen(), Ledger.CNY, TransferCode.TRANSFER.code(),
                            ref))), "The escrow does not hold this transfer.");
        });
        return transfer(receiverId, id);
    }

    /** The receiver sends it back at once (立即退还): the hold is voided. */
    public Transfer giveBack(long receiverId, long id) {
        return release(receiverId, id, false, TransferState.RETURNED);
    }

    /** The sender withdraws it (撤回) while it has not arrived yet: the hold is voided. */
    public Transfer withdraw(long senderId, long id) {
        return release(senderId, id, true, TransferState.WITHDRAWN);
    }

    private Transfer release(long userId, long id, boolean asSender, TransferState target) {
        transaction.executeWithoutResult(status -> {
            TransferStore.Row t = lockAs(id, userId, asSender);
            Instant now = clock.instant();
            t.transferState().next(target);
            if (!now.isBefore(t.expires())) {
                throw WalletProblems.conflict("transfer_expired", "This transfer expired and went back to the sender.");
            }
            if (asSender && !now.isBefore(t.arrives())) {
                throw WalletProblems.refused("transfer_arrived",
                        "This transfer has arrived; only the receiver can return it now.");
            }
            if (asSender) {
                risk.getObject().checkHeldOutflow(userId, userId);
            }
            store.resolve(id, target, now);
            String ref = Transfer.reference(id);
            limits.releaseOutflow(ref, t.amountFen());
            Postings.requireAll(List.of(ledger.createTransfer(TransferRequest.voidPending(ref + ":void", ref + ":hold"))),
                    "The escrow does not hold this transfer.");
        });
        return transfer(userId, id);
    }

    private TransferStore.Row lockAs(long id, long userId, boolean asSender) {
        return store.lock(id).filter(t -> (asSender ? t.senderId() : t.receiverId()) == userId)
                .orElseThrow(() -> WalletProblems.notFound("transfer"));
    }

    /** A transfer the user sent or received; any other is "not found". */
    public Transfer transfer(long userId, long id) {
        return store.get(id).filter(t -> t.senderId() == userId || t.receiverId() == userId).map(this::view)
                .orElseThrow(() -> WalletProblems.notFound("transfer"));
    }

    /** Transfers the user sent or received, newest first. */
    public List<Transfer> transfers(long userId) {
        return store.of(userId).stream().map(this::view).toList();
    }

    /** Marks transfers past their time to accept as expired; the ledger's sweeper voids their holds. */
    int expire() {
        int expired = 0;
        for (long id : store.expiredIds(clock.instant(), 500)) {
            Boolean done = transaction.execute(status -> store.lockIfFree(id)
                    .filter(t -> t.transferState() == TransferState.SENT && !clock.instant().isBefore(t.expires()))
                    .map(t -> {
                        store.resolve(id, t.transferState().next(TransferState.EXPIRED), clock.instant());
                        limits.releaseOutflow(Transfer.reference(id), t.amountFen());
                        return true;
                    }).orElse(false));
            if (Boolean.TRUE.equals(done)) {
                expired++;
            }
        }
        return expired;
    }

    private Transfer view(TransferStore.Row t) {
        return new Transfer(t.id(), t.senderId(), name(t.senderId()), t.receiverId(), name(t.receiverId()),
                t.amountFen(), t.arrivalKind(), t.note(), t.clientRequestId(), t.transferState(), t.created(),
                t.arrives(), t.expires(), t.resolved());
    }

    private String name(long userId) {
        return users.byId(userId).map(u -> u.displayName()).orElse("?");
    }
}
