package io.lingqian.wallet;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.accounting.TransferCode;
import io.lingqian.bank.BankConnector;
import io.lingqian.ledger.CreateTransferResult;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.ledger.TransferResult;
import io.lingqian.wallet.internal.CardStore;
import io.lingqian.wallet.internal.IdentityStore;
import io.lingqian.wallet.internal.MoneyStore;

/**
 * Withdrawals to a bound card, with the fee of domain-rules.md §3 on top. Requesting one moves the
 * amount {@code wallet → WITHDRAWAL_IN_TRANSIT}, the fee {@code wallet → FEE_INCOME}, and holds
 * {@code WITHDRAWAL_IN_TRANSIT → BANK_RESERVE(bank)}, all linked, and takes the free quota the fee
 * computation used from the person's identity. The hold is what makes the bank's reserve cover the
 * withdrawal: the reserve may not be credited past what it holds, and the ledger counts held
 * credits, so concurrent withdrawals can never promise more than the reserve has. When the bank
 * has paid the card the hold is posted; when it refused, the hold is voided and the amount and fee
 * return to the wallet, and the quota to the identity.
 */
@Service
public class Withdrawals {

    /** What a withdrawal of an amount would cost now, shown before the user confirms. */
    public record Preview(WithdrawalFees.Quote quote, long freeQuotaFen, long availableFen) {

        public boolean affordable() {
            return quote.totalFen() <= availableFen;
        }
    }

    private final MoneyStore store;
    private final CardStore cards;
    private final IdentityStore identities;
    private final WalletCards walletCards;
    private final PaymentSecurity security;
    private final WalletLimits limits;
    private final BankConnector bank;
    private final Ledger ledger;
    private final CustomerAccounts accounts;
    private final WalletProperties settings;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ObjectProvider<RiskCheck> risk;

    Withdrawals(MoneyStore store, CardStore cards, IdentityStore identities, WalletCards walletCards,
            PaymentSecurity security, WalletLimits limits, BankConnector bank, Ledger ledger,
            CustomerAccounts accounts, WalletProperties settings, TransactionTemplate transaction, Clock clock,
            ObjectProvider<RiskCheck> risk) {
        this.risk = risk;
        this.store = store;
        this.cards = cards;
        this.identities = identities;
        this.walletCards = walletCards;
        this.security = security;
        this.limits = limits;
        this.bank = bank;
        this.ledger = ledger;
        this.accounts = accounts;
        this.settings = settings;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** The balance that can be spent now (holds subtracted). */
    public long available(long userId) {
        return ledger.account(accounts.openWallet(userId)).orElseThrow().balances().availableCredit();
    }

    public Preview preview(long userId, long amountFen) {
        checkAmount(amountFen);
        IdentityStore.Row identity = identity(userId);
        long freeLeft = Math.max(0, settings.withdrawal().freeQuotaFen() - identity.withdrawalFreeUsedFen());
        return new Preview(WithdrawalFees.quote(amountFen, freeLeft, settings.withdrawal()),
                settings.withdrawal().freeQuotaFen(), available(userId));
    }

    private void checkAmount(long amountFen) {
        if (amountFen <= 0 || amountFen > settings.withdrawal().maximumFen()) {
            throw WalletProblems.invalid("invalid_amount", "A withdrawal is between 0.01 and "
                    + Yuan.format(settings.withdrawal().maximumFen()) + " CNY.");
        }
    }

    private IdentityStore.Row identity(long userId) {
        return identities.identityOf(userId).flatMap(identities::byId)
                .orElseThrow(() -> WalletProblems.refused("not_verified", "Verify your real name first."));
    }

    /**
     * Withdraws to a bound card. Needs the payment password and, under the hardware lock, the bound
     * device. Repeating the request with the same client request id returns the first withdrawal.
     */
    public Withdrawal withdraw(long userId, String deviceId, long cardId, long amountFen, String clientRequestId,
            String paymentPassword) {
        TopUps.checkRequestId(clientRequestId);
        var existing = store.withdrawalByRequest(userId, clientRequestId);
        if (existing.isPresent()) {
            return replay(existing.get(), cardId, amountFen);
        }
        checkAmount(amountFen);
        BankCard card = walletCards.card(userId, cardId);
        long identityId = identity(userId).id();
        security.requireTrustedDevice(userId, deviceId);
        security.verify(userId, paymentPassword);
        risk.getObject().check(RiskCheck.Attempt.of(RiskCheck.Action.WITHDRAWAL, "withdrawal-request:" + clientRequestId,
                userId, deviceId, amountFen, false).withCard(cardId));
        long wallet = accounts.openWallet(userId);
        long id;
        try {
            id = transaction.execute(status -> {
                IdentityStore.Row identity = identities.lock(identityId);
                long freeLeft = Math.max(0, settings.withdrawal().freeQuotaFen() - identity.withdrawalFreeUsedFen());
                WithdrawalFees.Quote quote = WithdrawalFees.quote(amountFen, freeLeft, settings.withdrawal());
                long newId = store.insertWithdrawal(userId, identityId, cardId, card.bank(), amountFen,
                        quote.feeFen(), quote.freeQuotaUsedFen(), clientRequestId, clock.instant());
                identities.addFreeUsed(identityId, quote.freeQuotaUsedFen());
                String reference = "withdrawal:" + newId;
                limits.authorizeOutflow(userId, WalletLimits.OutflowKind.WITHDRAWAL, amountFen, false, reference);
                List<TransferRequest> postings = new ArrayList<>();
                postings.add(TransferRequest.single(reference + ":out", wallet,
                        PlatformAccount.WITHDRAWAL_IN_TRANSIT.id(), amountFen, Ledger.CNY,
                        TransferCode.WITHDRAWAL.code(), reference));
                if (quote.feeFen() > 0) {
                    postings.add(TransferRequest.single(reference + ":fee", wallet, PlatformAccount.FEE_INCOME.id(),
                            quote.feeFen(), Ledger.CNY, TransferCode.WITHDRAWAL_FEE.code(), reference));
                }
                postings.add(TransferRequest.pending(reference + ":hold", PlatformAccount.WITHDRAWAL_IN_TRANSIT.id(),
                        PlatformAccount.bankReserve(card.bank()).id(), amountFen, Ledger.CNY,
                        TransferCode.WITHDRAWAL.code(), 0, reference));
                List<TransferResult> results = ledger.createLinked(postings);
                // The transfer that failed carries the reason; the rest of the chain says LINKED_EVENT_FAILED.
                TransferResult failed = results.stream()
                        .filter(r -> !r.ok() && r.result() != CreateTransferResult.LINKED_EVENT_FAILED)
                        .findFirst().orElse(null);
                if (failed != null) {
                    status.setRollbackOnly();
                    switch (failed.result()) {
                        case EXCEEDS_CREDITS -> throw WalletProblems.refused("insufficient_balance",
                                "The balance does not cover " + Yuan.format(amountFen) + " CNY plus the fee of "
                                        + Yuan.format(quote.feeFen()) + " CNY.");
                        case DEBIT_ACCOUNT_FROZEN, DEBIT_ACCOUNT_CLOSED -> throw WalletProblems.walletFrozen();
                        case EXCEEDS_DEBITS -> throw WalletProblems.refused("bank_channel_unavailable",
                                "Withdrawals to " + card.bankName()
                                        + " are not possible right now; choose a card of another bank.");
                        default -> failed.orThrow();
                    }
                }
                return newId;
            });
        } catch (DuplicateKeyException sameRequestAtOnce) {
            return replay(store.withdrawalByRequest(userId, clientRequestId).orElseThrow(), cardId, amountFen);
        }
        return send(store.withdrawal(id).orElseThrow(), walletCards.cardNumber(userId, cardId));
    }

    private static Withdrawal replay(Withdrawal first, long cardId, long amountFen) {
        if (first.cardId() != cardId || first.amountFen() != amountFen) {
            throw WalletProblems.conflict("idempotency_key_reused",
                    "This client request id was used for another withdrawal (card or amount differ).");
        }
        return first;
    }

    public Withdrawal withdrawal(long userId, long id) {
        return store.withdrawal(id).filter(w -> w.userId() == userId)
                .orElseThrow(() -> WalletProblems.notFound("withdrawal"));
    }

    public List<Withdrawal> withdrawals(long userId) {
        return store.withdrawals(userId);
    }

    static String operationId(long withdrawalId) {
        return "withdrawal-" + withdrawalId;
    }

    private Withdrawal send(Withdrawal w, String cardNumber) {
        return apply(w.id(), BankAnswer.send(() -> bank.credit(operationId(w.id()), cardNumber, w.amountFen())));
    }

    /** Asks the bank about a withdrawal without a final answer, sending it again if the bank never got it. */
    Withdrawal settle(long id) {
        Withdrawal w = store.withdrawal(id).orElseThrow();
        if (w.status().isFinal()) {
            return w;
        }
        return apply(id, BankAnswer.settle(bank, operationId(id), () -> bank.credit(operationId(id),
                walletCards.open(cards.card(w.cardId()).orElseThrow()), w.amountFen())));
    }

    private Withdrawal apply(long id, BankAnswer answer) {
        return transaction.execute(status -> {
            Withdrawal w = store.lockWithdrawal(id);
            if (w.status().isFinal()) {
                return w;
            }
            String ref = w.reference();
            switch (answer.status()) {
                case SUCCEEDED -> {
                    store.withdrawalStatus(id, w.status().next(MoneyStatus.SUCCEEDED), null, null, clock.instant());
                    ledger.createTransfer(TransferRequest.post(ref + ":post", ref + ":hold")).orThrow();
                }
                case FAILED -> {
                    store.withdrawalStatus(id, w.status().next(MoneyStatus.FAILED), answer.failureCode(),
                            answer.failureMessage(), clock.instant());
                    identities.lock(w.identityId());
                    identities.addFreeUsed(w.identityId(), -w.freeQuotaUsedFen());
                    List<TransferRequest> back = new ArrayList<>();
                    long wallet = accounts.openWallet(w.userId());
                    back.add(TransferRequest.voidPending(ref + ":void", ref + ":hold"));
                    back.add(TransferRequest.single(ref + ":return", PlatformAccount.WITHDRAWAL_IN_TRANSIT.id(), wallet,
                            w.amountFen(), Ledger.CNY, TransferCode.WITHDRAWAL.code(), ref));
                    if (w.feeFen() > 0) {
                        back.add(TransferRequest.single(ref + ":fee-return", PlatformAccount.FEE_INCOME.id(),
                                wallet, w.feeFen(), Ledger.CNY,
                                TransferCode.WITHDRAWAL_FEE.code(), ref));
                    }
                    ledger.createLinked(back).forEach(TransferResult::orThrow);
                }
                case PROCESSING, UNKNOWN -> {
                    if (w.status() == MoneyStatus.SUBMITTED) {
                        store.withdrawalStatus(id, w.status().next(MoneyStatus.PROCESSING), null, null, null);
                    }
                }
            }
            return store.withdrawal(id).orElseThrow();
        });
    }
}
