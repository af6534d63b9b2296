package io.lingqian.wallet;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.lingqian.accounting.PartnerBank;
import io.lingqian.bank.CardType;
import io.lingqian.platform.crypto.FieldCipher;
import io.lingqian.wallet.internal.CardStore;
import io.lingqian.wallet.internal.IdentityStore;

/** A user's bound cards and identity: list, set the default, unbind; card numbers open only for the bank. */
@Service
public class WalletCards {

    private final CardStore cards;
    private final IdentityStore identities;
    private final FieldCipher cipher;
    private final WalletProperties settings;
    private final Clock clock;

    WalletCards(CardStore cards, IdentityStore identities, FieldCipher cipher, WalletProperties settings, Clock clock) {
        this.cards = cards;
        this.identities = identities;
        this.cipher = cipher;
        this.settings = settings;
        this.clock = clock;
    }

    public List<BankCard> cards(long userId) {
        return cards.bound(userId).stream().map(WalletCards::view).toList();
    }

    public BankCard card(long userId, long cardId) {
        return cards.boundCard(userId, cardId).map(WalletCards::view).orElseThrow(() -> WalletProblems.notFound("card"));
    }

    /** The keyed hash (blind index) of a bound card's number: the same card in any wallet has the same one. */
    public String cardIndex(long userId, long cardId) {
        return cards.boundCard(userId, cardId).map(CardStore.Card::cardIndex)
                .orElseThrow(() -> WalletProblems.notFound("card"));
    }

    @Transactional
    public BankCard makeDefault(long userId, long cardId) {
        card(userId, cardId);
        cards.makeDefault(userId, cardId);
        return card(userId, cardId);
    }

    /** Unbinds a card; if it was the default, the oldest remaining card becomes the default. */
    @Transactional
    public void unbind(long userId, long cardId) {
        BankCard card = card(userId, cardId);
        cards.unbind(cardId, clock.instant());
        if (card.isDefault()) {
            cards.bound(userId).stream().findFirst().ifPresent(next -> cards.makeDefault(userId, next.id()));
        }
    }

    /** The user's verified identity, if they have verified their real name. */
    public Optional<Identity> identity(long userId) {
        return identities.identityOf(userId).flatMap(identities::byId).map(row -> {
            int channels = identities.channels(row.id());
            return new Identity(row.id(), row.maskedName(), row.maskedIdNumber(), channels,
                    AccountClass.forChannels(channels, settings.limits()), row.withdrawalFreeUsedFen());
        });
    }

    /** The full card number, for the bank only: never returned to a client or logged. */
    String cardNumber(long userId, long cardId) {
        CardStore.Card card = cards.boundCard(userId, cardId).orElseThrow(() -> WalletProblems.notFound("card"));
        return cipher.open(card.cardSealed(), Verifications.CARD_PURPOSE);
    }

    /** The full number of a card row, bound or not (a repair may resend to a card unbound since). */
    String open(CardStore.Card card) {
        return cipher.open(card.cardSealed(), Verifications.CARD_PURPOSE);
    }

    static BankCard view(CardStore.Card c) {
        return new BankCard(c.id(), PartnerBank.valueOf(c.bank()), CardType.valueOf(c.cardType()), c.last4(),
                c.maskedPhone(), c.isDefault(), c.boundAt().toInstant());
    }
}
