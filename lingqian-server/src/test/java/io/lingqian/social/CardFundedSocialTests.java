package io.lingqian.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.lingqian.accounting.PartnerBank;
import io.lingqian.bank.CardType;
import io.lingqian.bank.TestCard;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.testing.ServerTest;
import io.lingqian.wallet.CardChargeStatus;
import io.lingqian.wallet.CardCharges;
import io.lingqian.wallet.Verification;
import io.lingqian.wallet.Verifications;
import io.lingqian.wallet.WalletCards;
import io.lingqian.wallet.WalletLimits;
import io.lingqian.wallet.WalletUser;

/**
 * Transfers and red packets paid with a bound card instead of the balance: the card is charged
 * once, the money waits in escrow as it does from the balance, a declined card sends nothing, and
 * the red packet still counts towards the account-class limit while the transfer does not.
 */
@ServerTest
class CardFundedSocialTests {

    @Autowired SocialFixtures people;
    @Autowired Transfers transfers;
    @Autowired RedPackets packets;
    @Autowired CardCharges charges;
    @Autowired WalletCards cards;
    @Autowired WalletLimits limits;
    @Autowired Verifications verifications;

    @Test
    void aTransferPaidByCardIsHeldAndAcceptedLikeOneFromTheBalance() {
        WalletUser sender = people.payer(0);
        WalletUser receiver = people.payer(0);
        people.befriend(sender, receiver);
        long card = cards.cards(sender.id()).get(0).id();
        String requestId = "card-" + UUID.randomUUID();

        Transfer sent = transfers.send(sender.id(), SocialFixtures.DEVICE, new Transfers.Send(receiver.id(), 66_00,
                Arrival.REAL_TIME, "rent share", requestId, SocialFixtures.PAY_PASSWORD, card));
        // The card's money is held in escrow, not spendable from the balance.
        assertThat(people.available(sender.id())).isZero();
        assertThat(charges.charges(sender.id())).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(CardChargeStatus.SPENT);
            assertThat(c.amountFen()).isEqualTo(66_00);
        });
        // Transfers paid by card are outside the balance limits.
        assertThat(limits.limits(sender.id()).classUsedFen()).isZero();

        Transfer again = transfers.send(sender.id(), SocialFixtures.DEVICE, new Transfers.Send(receiver.id(), 66_00,
                Arrival.REAL_TIME, "rent share", requestId, SocialFixtures.PAY_PASSWORD, card));
        assertThat(again.id()).isEqualTo(sent.id());
        assertThat(charges.charges(sender.id())).hasSize(1);

        transfers.accept(receiver.id(), sent.id());
        assertThat(people.balance(receiver.id())).isEqualTo(66_00);
        assertThat(people.balance(sender.id())).isZero();
    }

    @Test
    void aDeclinedCardSendsNothing() {
        WalletUser sender = people.payer(0);
        WalletUser receiver = people.payer(0);
        people.befriend(sender, receiver);
        Verification v = verifications.startBinding(sender.id(), SocialFixtures.DEVICE, null, null,
                TestCard.CARD_FROZEN.number(PartnerBank.PAB, CardType.DEBIT, new java.util.Random()), "13900001111");
        long frozen = verifications.confirm(sender.id(), v.id(), v.sandboxSmsCode(), null).card().orElseThrow().id();

        assertThatThrownBy(() -> transfers.send(sender.id(), SocialFixtures.DEVICE, new Transfers.Send(receiver.id(),
                10_00, Arrival.REAL_TIME, null, "card-" + UUID.randomUUID(), SocialFixtures.PAY_PASSWORD, frozen)))
                .isInstanceOfSatisfying(ApiProblemException.class, e -> assertThat(e.code()).isEqualTo("card_declined"));
        assertThat(transfers.transfers(sender.id())).isEmpty();
        assertThat(people.balance(sender.id())).isZero();
    }

    @Test
    void aRedPacketPaidByCardIsOpenedAndCountsTowardsTheClassLimit() {
        WalletUser sender = people.payer(0);
        WalletUser receiver = people.payer(0);
        people.befriend(sender, receiver);
        long card = cards.cards(sender.id()).get(0).id();

        RedPacket packet = packets.send(sender.id(), SocialFixtures.DEVICE, new RedPackets.Send(RedPacketKind.ONE_TO_ONE,
                null, receiver.id(), 52_00, 1, "恭喜发财", "card-" + UUID.randomUUID(), SocialFixtures.PAY_PASSWORD,
                card));
        assertThat(limits.limits(sender.id()).classUsedFen()).isEqualTo(52_00);
        assertThat(packets.open(receiver.id(), packet.id()).amountFen()).isEqualTo(52_00);
        assertThat(people.balance(receiver.id())).isEqualTo(52_00);
        assertThat(people.balance(sender.id())).isZero();
        assertThat(charges.charges(sender.id())).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(CardChargeStatus.SPENT));
    }
}
