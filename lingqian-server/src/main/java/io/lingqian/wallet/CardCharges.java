package io.lingqian.wallet;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.accounting.TransferCode;
import io.lingqian.bank.BankConnector;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.wallet.internal.CardChargeStore;
import io.lingqian.wallet.internal.CardStore;

/**
 * Paying with a bound card instead of the balance (快捷支付): the bank debits the card and, in the
 * transaction that records its success, the money is posted {@code BANK_RESERVE(bank) → wallet}
 * (CARD_FUNDING, reference {@code cardcharge:<id>}) and the caller's purchase runs, moving it on out
 * of the wallet exactly as a balance payment would. The wallet's balance is therefore unchanged by a
 * card payment, and the user's bill list shows both the card and what it paid for.
 *
 * <p>Money the bank took is never lost: when the purchase can no longer be made once the bank has
 * answered (the order was closed meanwhile, a limit was reached, the request crashed before the
 * answer), the amount goes to the balance instead (TO_BALANCE), where the user can spend or
 * withdraw it. A charge whose answer is late is settled by {@link WalletJobs} the same way, after
 * {@link #SETTLE_AFTER} so it does not race the request still waiting for the bank.
 */
@Service
public class CardCharges {

    /** How long a charge belongs to its request before the repair job may settle it. */
    static final Duration SETTLE_AFTER = Duration.ofMinutes(2);

    private final CardChargeStore store;
    private final CardStore cards;
    private final WalletCards walletCards;
    private final BankConnector bank;
    private final Ledger ledger;
    private final CustomerAccounts accounts;
    private final TransactionTemplate transaction;
    private final Clock clock;

    CardCharges(CardChargeStore store, CardStore cards, WalletCards walletCards, BankConnector bank, Ledger ledger,
            CustomerAccounts accounts, TransactionTemplate transaction, Clock clock) {
        this.store = store;
        this.cards = cards;
        this.walletCards = walletCards;
        this.bank = bank;
        this.ledger = ledger;
        this.accounts = accounts;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * Charges the card for a purpose and, once the bank has taken the money, runs {@code purchase}
     * in the same transaction; its result is returned. Check everything the purchase needs before
     * calling this: a purchase refused after the bank took the money leaves the money in the
     * balance and the refusal is rethrown saying so.
     *
     * @param purpose  unique per user for what is bought (e.g. {@code payment:<transaction id>}): a
     *                 second charge for it is refused unless the first was declined
     * @param purchase moves the money out of the wallet; gets the charge, which the wallet now holds
     * @throws ApiProblemException {@code card_declined} (422) when the bank refused,
     *         {@code card_processing} (409) when it has not answered yet, {@code card_charge_exists}
     *         (409) for a purpose charged before, and the purchase's own refusals
     */
    public <T> T charge(long userId, long cardId, long amountFen, String purpose, Function<CardCharge, T> purchase) {
        if (amountFen <= 0) {
            throw WalletProblems.invalid("invalid_amount", "An amount is positive.");
        }
        BankCard card = walletCards.card(userId, cardId);
        String cardNumber = walletCards.cardNumber(userId, cardId);
        long id = begin(userId, card, amountFen, purpose);
        CardCharge charge = store.byId(id).orElseThrow();
        BankAnswer answer = BankAnswer.send(() -> bank.debit(charge.operationId(), cardNumber, amountFen));
        return switch (answer.status()) {
            case SUCCEEDED -> spend(id, purchase);
            case FAILED -> {
                finish(id, CardChargeStatus.FAILED, answer.failureCode(), answer.failureMessage());
                throw WalletProblems.refused("card_declined", "Your bank declined the card"
                        + (answer.failureMessage() == null ? "" : ": " + answer.failureMessage()) + ". Nothing was paid.");
            }
            case PROCESSING, UNKNOWN -> {
                finish(id, CardChargeStatus.PROCESSING, null, null);
                throw new ApiProblemException(HttpStatus.CONFLICT, "card_processing", "Your bank has not answered yet, "
                        + "so nothing was paid. If the bank takes the " + Yuan.format(amountFen)
                        + " CNY, it will be in your balance.");
            }
        };
    }

    /** The user's card charges, newest first. */
    public List<CardCharge> charges(long userId) {
        return store.ofUser(userId);
    }

    private long begin(long userId, BankCard card, long amountFen, String purpose) {
        var existing = store.byPurpose(userId, purpose);
        if (existing.isEmpty()) {
            try {
                return transaction.execute(s -> store.insert(userId, card.id(), card.bank(), amountFen, purpose,
                        clock.instant()));
            } catch (DuplicateKeyException sameRequestAtOnce) {
                throw inProgress();
            }
        }
        CardCharge first = existing.get();
        switch (first.status()) {
            case FAILED -> {
                transaction.executeWithoutResult(s -> store.retry(first.id(), card.id(), card.bank(), amountFen,
                        clock.instant()));
                if (store.byId(first.id()).orElseThrow().status() != CardChargeStatus.SUBMITTED) {
                    throw inProgress();
                }
                return first.id();
            }
            case SUBMITTED, PROCESSING -> throw inProgress();
            case TO_BALANCE -> throw new ApiProblemException(HttpStatus.CONFLICT, "card_charge_exists",
                    "An earlier attempt took " + Yuan.format(first.amountFen())
                            + " CNY from your card; it is in your balance.");
            default -> throw new ApiProblemException(HttpStatus.CONFLICT, "card_charge_exists",
                    "This was paid by card already.");
        }
    }

    private static ApiProblemException inProgress() {
        return new ApiProblemException(HttpStatus.CONFLICT, "card_charge_exists",
                "Your bank is still answering an earlier attempt to pay this; look again shortly.");
    }

    private <T> T spend(long id, Function<CardCharge, T> purchase) {
        try {
            return transaction.execute(s -> {
                CardCharge c = store.lock(id);
                if (c.status().isFinal()) {
                    throw new ApiProblemException(HttpStatus.CONFLICT, "card_charge_exists", "The bank's answer came "
                            + "too late for this payment; the " + Yuan.format(c.amountFen())
                            + " CNY from your card is in your balance.");
                }
                fund(c);
                store.status(id, c.status().next(CardChargeStatus.SPENT), null, null, clock.instant());
                return purchase.apply(c);
            });
        } catch (ApiProblemException refused) {
            if (toBalance(id, refused.getMessage())) {
                throw new ApiProblemException(refused.status(), refused.code(), refused.getMessage() + " The "
                        + Yuan.format(store.byId(id).orElseThrow().amountFen())
                        + " CNY taken from your card is in your balance.");
            }
            throw refused;
        } catch (RuntimeException failed) {
            toBalance(id, "The payment failed after the bank took the money.");
            throw failed;
        }
    }

    /** Posts the charge to the balance when it is not final yet; whether it did. */
    private boolean toBalance(long id, String why) {
        return Boolean.TRUE.equals(transaction.execute(s -> {
            CardCharge c = store.lock(id);
            if (c.status().isFinal()) {
                return false;
            }
            fund(c);
            store.status(id, c.status().next(CardChargeStatus.TO_BALANCE), null,
                    why == null ? null : why.substring(0, Math.min(300, why.length())), clock.instant());
            return true;
        }));
    }

    private void fund(CardCharge c) {
        long wallet = accounts.openWallet(c.userId());
        ledger.createTransfer(TransferRequest.single(c.reference(), PlatformAccount.bankReserve(c.bank()).id(), wallet,
                c.amountFen(), Ledger.CNY, TransferCode.CARD_FUNDING.code(), c.reference())).orThrow();
    }

    private void finish(long id, CardChargeStatus status, String failureCode, String failureMessage) {
        transaction.executeWithoutResult(s -> {
            CardCharge c = store.lock(id);
            if (c.status() != status && !c.status().isFinal()) {
                store.status(id, c.status().next(status), failureCode, failureMessage,
                        status.isFinal() ? clock.instant() : null);
            }
        });
    }

    /**
     * Settles a charge whose answer never came back to its request (the repair job): asks the bank,
     * sending again under the same operation id if it never got it; money taken goes to the balance.
     */
    CardCharge settle(long id) {
        CardCharge c = store.byId(id).orElseThrow();
        if (c.status().isFinal()) {
            return c;
        }
        BankAnswer answer = BankAnswer.settle(bank, c.operationId(), () -> bank.debit(c.operationId(),
                walletCards.open(cards.card(c.cardId()).orElseThrow()), c.amountFen()));
        switch (answer.status()) {
            case SUCCEEDED -> toBalance(id, "The bank answered after the payment had given up.");
            case FAILED -> finish(id, CardChargeStatus.FAILED, answer.failureCode(), answer.failureMessage());
            case PROCESSING, UNKNOWN -> finish(id, CardChargeStatus.PROCESSING, null, null);
        }
        return store.byId(id).orElseThrow();
    }

    List<Long> unsettled(int limit) {
        return store.unsettled(clock.instant().minus(SETTLE_AFTER), limit);
    }
}
