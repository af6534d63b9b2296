package io.lingqian.wallet;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.accounting.PartnerBank;
import io.lingqian.bank.BankConnector;
import io.lingqian.bank.BankOperation;
import io.lingqian.bank.CardBin;
import io.lingqian.bank.CardNumbers;
import io.lingqian.platform.crypto.FieldCipher;
import io.lingqian.wallet.internal.CardCreditStore;
import io.lingqian.wallet.internal.CardStore;

/**
 * Pays money back to a card for another context (a refund of a card payment). The credit is
 * recorded in the caller's transaction ({@link #register}), next to the caller's own ledger
 * postings that put the money in transit, and sent to the bank after that commits ({@link #send});
 * a crash in between leaves a SUBMITTED credit the repair job sends. The bank's final answer is
 * published as {@link CardCreditSettled} in the transaction that records it, so the caller
 * completes (or turns abnormal) in that same transaction. This context moves no money itself.
 */
@Service
public class CardCredits {

    /** How long a credit belongs to the request that registered it before the repair job sends it. */
    static final Duration SETTLE_AFTER = Duration.ofMinutes(2);

    private final CardCreditStore store;
    private final CardStore cards;
    private final BankConnector bank;
    private final FieldCipher cipher;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CardCredits(CardCreditStore store, CardStore cards, BankConnector bank, FieldCipher cipher,
            TransactionTemplate transaction, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.cards = cards;
        this.bank = bank;
        this.cipher = cipher;
        this.transaction = transaction;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Records a credit to one of the user's cards (bound now or once), in the caller's transaction;
     * the same purpose again returns the first credit.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public CardCredit register(long userId, long cardId, long amountFen, String purpose) {
        var existing = store.byPurpose(purpose);
        if (existing.isPresent()) {
            return existing.get();
        }
        CardStore.Card card = cards.card(cardId).filter(c -> c.userId() == userId)
                .orElseThrow(() -> WalletProblems.notFound("card"));
        return insert(userId, cardId, card.cardSealed(), card.last4(),
                PartnerBank.valueOf(card.bank()), amountFen, purpose);
    }

    /**
     * Records a credit to a card number the wallet may not hold (a refund re-applied to another card
     * of the payer), in the caller's transaction.
     *
     * @throws io.lingqian.platform.ApiProblemException {@code invalid_card_number} for a malformed
     *         number or one no partner bank issued
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public CardCredit registerToNumber(long userId, String cardNumber, long amountFen, String purpose) {
        var existing = store.byPurpose(purpose);
        if (existing.isPresent()) {
            return existing.get();
        }
        String digits = CardNumbers.normalize(cardNumber == null ? "" : cardNumber);
        CardBin bin = CardNumbers.problem(digits).isPresent() ? null : bank.identify(digits).orElse(null);
        if (bin == null) {
            throw WalletProblems.invalid("invalid_card_number", "That is not a card number of a partner bank.");
        }
        return insert(userId, null, cipher.seal(digits, Verifications.CARD_PURPOSE), CardNumbers.lastFour(digits),
                bin.bank(), amountFen, purpose);
    }

    private CardCredit insert(long userId, Long cardId, String sealed, String last4,
            PartnerBank cardBank, long amountFen, String purpose) {
        if (amountFen <= 0) {
            throw WalletProblems.invalid("invalid_amount", "An amount is positive.");
        }
        long id = store.insert(userId, cardId, sealed, last4, cardBank, amountFen, purpose, clock.instant());
        return store.byId(id).orElseThrow();
    }

    /** Sends a registered credit to the bank and applies its answer; a final one is published. */
    public CardCredit send(long id) {
        CardCredit credit = store.byId(id).orElseThrow();
        if (credit.status().isFinal()) {
            return credit;
        }
        String number = cipher.open(store.sealedCard(id), Verifications.CARD_PURPOSE);
        return apply(id, BankAnswer.send(() -> bank.credit(credit.operationId(), number, credit.amountFen())));
    }

    public java.util.Optional<CardCredit> byPurpose(String purpose) {
        return store.byPurpose(purpose);
    }

    private CardCredit apply(long id, BankAnswer answer) {
        return transaction.execute(status -> {
            CardCredit c = store.lock(id);
            if (c.status().isFinal()) {
                return c;
            }
            switch (answer.status()) {
                case SUCCEEDED, FAILED -> {
                    MoneyStatus to = c.status().next(answer.status() == BankOperation.Status.SUCCEEDED
                            ? MoneyStatus.SUCCEEDED : MoneyStatus.FAILED);
                    store.status(id, to, answer.failureCode(), answer.failureMessage(), clock.instant());
                    events.publishEvent(new CardCreditSettled(store.byId(id).orElseThrow()));
                }
                case PROCESSING, UNKNOWN -> {
                    if (c.status() == MoneyStatus.SUBMITTED) {
                        store.status(id, c.status().next(MoneyStatus.PROCESSING), null, null, null);
                    }
                }
            }
            return store.byId(id).orElseThrow();
        });
    }

    /** The repair job: asks the bank about a credit, sending it (once, by its id) if it never got it. */
    CardCredit settle(long id) {
        CardCredit c = store.byId(id).orElseThrow();
        if (c.status().isFinal()) {
            return c;
        }
        String number = cipher.open(store.sealedCard(id), Verifications.CARD_PURPOSE);
        return apply(id, BankAnswer.settle(bank, c.operationId(),
                () -> bank.credit(c.operationId(), number, c.amountFen())));
    }

    List<Long> unsettled(int limit) {
        return store.unsettled(clock.instant().minus(SETTLE_AFTER), limit);
    }
}
