package io.lingqian.wallet;

import java.time.Clock;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.accounting.TransferCode;
import io.lingqian.bank.BankConnector;
import io.lingqian.bank.CardType;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.wallet.internal.CardStore;
import io.lingqian.wallet.internal.MoneyStore;

/**
 * Top-ups from a bound card. The record is written first (SUBMITTED), then the bank is asked to
 * debit the card; only once the bank has debited it does money move, {@code BANK_RESERVE(bank) →
 * wallet} (code TOPUP). An unknown answer leaves the top-up PROCESSING until the repair job
 * ({@link WalletJobs}) learns the outcome from the bank.
 */
@Service
public class TopUps {

    private final MoneyStore store;
    private final CardStore cards;
    private final WalletCards walletCards;
    private final BankConnector bank;
    private final Ledger ledger;
    private final CustomerAccounts accounts;
    private final WalletProperties settings;
    private final TransactionTemplate transaction;
    private final Clock clock;

    TopUps(MoneyStore store, CardStore cards, WalletCards walletCards, BankConnector bank, Ledger ledger,
            CustomerAccounts accounts, WalletProperties settings, TransactionTemplate transaction, Clock clock) {
        this.store = store;
        this.cards = cards;
        this.walletCards = walletCards;
        this.bank = bank;
        this.ledger = ledger;
        this.accounts = accounts;
        this.settings = settings;
        this.transaction = transaction;
        this.clock = clock;
    }

    static void checkRequestId(String clientRequestId) {
        if (clientRequestId == null || !clientRequestId.matches("[A-Za-z0-9_.:-]{1,64}")) {
            throw WalletProblems.invalid("invalid_request_id",
                    "A client request id is 1-64 letters, digits or '_', '.', ':', '-'; reuse it to retry safely.");
        }
    }

    /**
     * Tops up the balance; repeating the call with the same client request id returns the first
     * top-up and moves nothing again, and reusing the id for another card or amount is refused.
     */
    public TopUp topUp(long userId, long cardId, long amountFen, String clientRequestId) {
        checkRequestId(clientRequestId);
        var existing = store.topUpByRequest(userId, clientRequestId);
        if (existing.isPresent()) {
            return replay(existing.get(), cardId, amountFen);
        }
        if (amountFen <= 0 || amountFen > settings.topUp().maximumFen()) {
            throw WalletProblems.invalid("invalid_amount", "A top-up is between 0.01 and "
                    + Yuan.format(settings.topUp().maximumFen()) + " CNY.");
        }
        BankCard card = walletCards.card(userId, cardId);
        if (card.type() == CardType.CREDIT && !settings.topUp().allowCreditCards()) {
            throw WalletProblems.refused("credit_card_not_allowed", "The balance cannot be topped up from a credit card.");
        }
        long id;
        try {
            id = transaction.execute(status -> store.insertTopUp(userId, cardId, card.bank(), amountFen,
                    clientRequestId, clock.instant()));
        } catch (DuplicateKeyException sameRequestAtOnce) {
            return replay(store.topUpByRequest(userId, clientRequestId).orElseThrow(), cardId, amountFen);
        }
        return send(store.topUp(id).orElseThrow(), walletCards.cardNumber(userId, cardId));
    }

    private static TopUp replay(TopUp first, long cardId, long amountFen) {
        if (first.cardId() != cardId || first.amountFen() != amountFen) {
            throw WalletProblems.conflict("idempotency_key_reused",
                    "This client request id was used for another top-up (card or amount differ).");
        }
        return first;
    }

    public TopUp topUp(long userId, long id) {
        return store.topUp(id).filter(t -> t.userId() == userId).orElseThrow(() -> WalletProblems.notFound("top-up"));
    }

    public List<TopUp> topUps(long userId) {
        return store.topUps(userId);
    }

    static String operationId(long topUpId) {
        return "topup-" + topUpId;
    }

    private TopUp send(TopUp topUp, String cardNumber) {
        return apply(topUp.id(), BankAnswer.send(() -> bank.debit(operationId(topUp.id()), cardNumber, topUp.amountFen())));
    }

    /** Asks the bank about a top-up without a final answer, sending it again if the bank never got it. */
    TopUp settle(long id) {
        TopUp topUp = store.topUp(id).orElseThrow();
        if (topUp.status().isFinal()) {
            return topUp;
        }
        return apply(id, BankAnswer.settle(bank, operationId(id), () -> bank.debit(operationId(id),
                walletCards.open(cards.card(topUp.cardId()).orElseThrow()), topUp.amountFen())));
    }

    private TopUp apply(long id, BankAnswer answer) {
        return transaction.execute(status -> {
            TopUp t = store.lockTopUp(id);
            if (t.status().isFinal()) {
                return t;
            }
            switch (answer.status()) {
                case SUCCEEDED -> {
                    t.status().next(MoneyStatus.SUCCEEDED);
                    store.topUpStatus(id, MoneyStatus.SUCCEEDED, null, null, clock.instant());
                    long wallet = accounts.openWallet(t.userId());
                    ledger.createTransfer(TransferRequest.single(t.reference(),
                            PlatformAccount.bankReserve(t.bank()).id(), wallet, t.amountFen(), Ledger.CNY,
                            TransferCode.TOPUP.code(), t.reference())).orThrow();
                }
                case FAILED -> {
                    t.status().next(MoneyStatus.FAILED);
                    store.topUpStatus(id, MoneyStatus.FAILED, answer.failureCode(), answer.failureMessage(),
                            clock.instant());
                }
                case PROCESSING, UNKNOWN -> {
                    if (t.status() == MoneyStatus.SUBMITTED) {
                        store.topUpStatus(id, t.status().next(MoneyStatus.PROCESSING), null, null, null);
                    }
                }
            }
            return store.topUp(id).orElseThrow();
        });
    }
}
