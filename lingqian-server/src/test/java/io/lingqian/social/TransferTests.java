package io.lingqian.social;

import static io.lingqian.social.Problems.code;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.lingqian.accounting.LedgerJobs;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.ledger.Ledger;
import io.lingqian.testing.ServerTest;
import io.lingqian.wallet.WalletUser;

/** Contacts, groups and transfers through the services, with the ledger checked to the fen. */
@ServerTest
class TransferTests {

    @Autowired SocialFixtures people;
    @Autowired Contacts contacts;
    @Autowired Groups groups;
    @Autowired Transfers transfers;
    @Autowired SocialJobs jobs;
    @Autowired LedgerJobs ledgerJobs;
    @Autowired Ledger ledger;
    @Autowired AdjustableClock clock;

    private static String rid() {
        return "r-" + UUID.randomUUID();
    }

    private Transfers.Send send(WalletUser to, long fen, Arrival arrival, String requestId) {
        return new Transfers.Send(to.id(), fen, arrival, "lunch", requestId, SocialFixtures.PAY_PASSWORD);
    }

    @Test
    void contactsAreAddedByMobileAndGroupsHoldContacts() {
        WalletUser a = people.user();
        WalletUser b = people.user();
        WalletUser c = people.user();
        assertThat(code(() -> contacts.add(a.id(), "12345"))).isEqualTo("invalid_mobile");
        assertThat(code(() -> contacts.add(a.id(), "19999999999".equals(b.mobile()) ? "19999999998" : "19999999999")))
                .isEqualTo("unknown_mobile");
        assertThat(code(() -> contacts.add(a.id(), a.mobile()))).isEqualTo("contact_is_you");
        contacts.add(a.id(), b.mobile());
        contacts.add(a.id(), b.mobile());
        assertThat(contacts.contacts(a.id())).extracting(Contact::userId).containsExactly(b.id());
        assertThat(contacts.contacts(b.id())).isEmpty();

        assertThat(code(() -> groups.create(a.id(), "Family", List.of(c.id())))).isEqualTo("not_a_contact");
        Group g = groups.create(a.id(), "Family", List.of(b.id()));
        assertThat(g.members()).extracting(Group.Member::userId).containsExactly(a.id(), b.id());
        assertThat(groups.group(b.id(), g.id()).name()).isEqualTo("Family");
        assertThat(code(() -> groups.group(c.id(), g.id()))).isEqualTo("not_found");
        assertThat(code(() -> groups.addMember(c.id(), g.id(), a.id()))).isEqualTo("not_found");
        contacts.add(a.id(), c.mobile());
        assertThat(groups.addMember(a.id(), g.id(), c.id()).members()).hasSize(3);
        assertThat(groups.groups(c.id())).extracting(Group::id).contains(g.id());
    }

    @Test
    void aTransferWaitsInEscrowUntilAcceptedAndARetryMovesNothingTwice() {
        WalletUser sender = people.payer(500_00);
        WalletUser receiver = people.user();
        people.befriend(sender, receiver);
        long escrowBefore = escrow();
        String rid = rid();

        Transfer t = transfers.send(sender.id(), SocialFixtures.DEVICE, send(receiver, 120_00, Arrival.REAL_TIME, rid));
        assertThat(t.state()).isEqualTo(TransferState.SENT);
        assertThat(people.available(sender.id())).isEqualTo(380_00);
        assertThat(people.balance(receiver.id())).isZero();
        Transfer again = transfers.send(sender.id(), SocialFixtures.DEVICE, send(receiver, 120_00, Arrival.REAL_TIME, rid));
        assertThat(again.id()).isEqualTo(t.id());
        assertThat(people.available(sender.id())).isEqualTo(380_00);
        assertThat(code(() -> transfers.send(sender.id(), SocialFixtures.DEVICE,
                send(receiver, 121_00, Arrival.REAL_TIME, rid)))).isEqualTo("idempotency_key_reused");

        assertThat(code(() -> transfers.accept(sender.id(), t.id()))).isEqualTo("not_found");
        Transfer accepted = transfers.accept(receiver.id(), t.id());
        assertThat(accepted.state()).isEqualTo(TransferState.ACCEPTED);
        assertThat(people.balance(sender.id())).isEqualTo(380_00);
        assertThat(people.balance(receiver.id())).isEqualTo(120_00);
        assertThat(escrow()).isEqualTo(escrowBefore);
        assertThat(code(() -> transfers.accept(receiver.id(), t.id()))).isEqualTo("transfer_accepted");
        assertThat(code(() -> transfers.giveBack(receiver.id(), t.id()))).isEqualTo("transfer_accepted");
        assertThat(people.balance(receiver.id())).isEqualTo(120_00);
        assertThat(transfers.transfers(receiver.id())).extracting(Transfer::id).contains(t.id());
        assertThat(ledgerJobs.checkInvariants().ok()).isTrue();
    }

    @Test
    void theReceiverCanReturnItAndBadRequestsMoveNothing() {
        WalletUser sender = people.payer(100_00);
        WalletUser receiver = people.user();
        WalletUser stranger = people.user();
        people.befriend(sender, receiver);

        assertThat(code(() -> transfers.send(sender.id(), SocialFixtures.DEVICE, send(receiver, 0, null, rid()))))
                .isEqualTo("invalid_amount");
        assertThat(code(() -> transfers.send(sender.id(), SocialFixtures.DEVICE, send(receiver, -5, null, rid()))))
                .isEqualTo("invalid_amount");
        assertThat(code(() -> transfers.send(sender.id(), SocialFixtures.DEVICE, send(sender, 1_00, null, rid()))))
                .isEqualTo("transfer_to_self");
        assertThat(code(() -> transfers.send(sender.id(), SocialFixtures.DEVICE, send(stranger, 1_00, null, rid()))))
                .isEqualTo("not_a_contact");
        assertThat(code(() -> transfers.send(sender.id(), SocialFixtures.DEVICE, send(receiver, 100_01, null, rid()))))
                .isEqualTo("insufficient_balance");
        assertThat(code(() -> transfers.send(sender.id(), SocialFixtures.DEVICE,
                new Transfers.Send(receiver.id(), 1_00, null, null, rid(), "000000")))).isEqualTo("wrong_payment_password");
        assertThat(code(() -> transfers.send(sender.id(), SocialFixtures.DEVICE,
                new Transfers.Send(receiver.id(), 1_00, null, null, rid(), null)))).isEqualTo("password_required");
        assertThat(people.available(sender.id())).isEqualTo(100_00);
        assertThat(transfers.transfers(sender.id())).isEmpty();

        Transfer t = transfers.send(sender.id(), SocialFixtures.DEVICE, send(receiver, 40_00, null, rid()));
        assertThat(code(() -> transfers.transfer(stranger.id(), t.id()))).isEqualTo("not_found");
        assertThat(transfers.giveBack(receiver.id(), t.id()).state()).isEqualTo(TransferState.RETURNED);
        assertThat(people.available(sender.id())).isEqualTo(100_00);
        assertThat(code(() -> transfers.accept(receiver.id(), t.id()))).isEqualTo("transfer_returned");
        assertThat(people.balance(receiver.id())).isZero();
    }

    @Test
    void aDelayedTransferCannotBeAcceptedBeforeItArrivesAndCanBeWithdrawnUntilThen() {
        WalletUser sender = people.payer(100_00);
        WalletUser receiver = people.user();
        people.befriend(sender, receiver);
        Transfer t = transfers.send(sender.id(), SocialFixtures.DEVICE, send(receiver, 10_00, Arrival.TWO_HOURS, rid()));
        assertThat(t.arrivesAt()).isEqualTo(t.createdAt().plus(Duration.ofHours(2)));
        assertThat(t.expiresAt()).isEqualTo(t.arrivesAt().plus(Duration.ofHours(24)));
        assertThat(code(() -> transfers.accept(receiver.id(), t.id()))).isEqualTo("transfer_not_arrived");
        clock.advance(Duration.ofHours(2));
        Transfer accepted = transfers.accept(receiver.id(), t.id());
        assertThat(accepted.state()).isEqualTo(TransferState.ACCEPTED);
        assertThat(people.balance(receiver.id())).isEqualTo(10_00);

        Transfer second = transfers.send(sender.id(), SocialFixtures.DEVICE, send(receiver, 20_00, Arrival.ONE_DAY, rid()));
        assertThat(code(() -> transfers.withdraw(receiver.id(), second.id()))).isEqualTo("not_found");
        assertThat(transfers.withdraw(sender.id(), second.id()).state()).isEqualTo(TransferState.WITHDRAWN);
        assertThat(people.available(sender.id())).isEqualTo(90_00);

        Transfer third = transfers.send(sender.id(), SocialFixtures.DEVICE, send(receiver, 5_00, Arrival.TWO_HOURS, rid()));
        clock.advance(Duration.ofHours(2));
        assertThat(code(() -> transfers.withdraw(sender.id(), third.id()))).isEqualTo("transfer_arrived");
        assertThat(transfers.giveBack(receiver.id(), third.id()).state()).isEqualTo(TransferState.RETURNED);
    }

    @Test
    void anUnacceptedTransferExpiresAfter24HoursAndTheMoneyReturns() {
        WalletUser sender = people.payer(100_00);
        WalletUser receiver = people.user();
        people.befriend(sender, receiver);
        Transfer t = transfers.send(sender.id(), SocialFixtures.DEVICE, send(receiver, 30_00, null, rid()));
        clock.advance(Duration.ofHours(23).plusMinutes(59));
        jobs.run();
        ledgerJobs.voidExpiredHolds();
        assertThat(transfers.transfer(sender.id(), t.id()).state()).isEqualTo(TransferState.SENT);
        assertThat(people.available(sender.id())).isEqualTo(70_00);

        clock.advance(Duration.ofMinutes(1));
        assertThat(code(() -> transfers.accept(receiver.id(), t.id()))).isEqualTo("transfer_expired");
        ledgerJobs.voidExpiredHolds();
        jobs.run();
        assertThat(transfers.transfer(receiver.id(), t.id()).state()).isEqualTo(TransferState.EXPIRED);
        assertThat(people.available(sender.id())).isEqualTo(100_00);
        assertThat(people.balance(sender.id())).isEqualTo(100_00);
        assertThat(code(() -> transfers.accept(receiver.id(), t.id()))).isEqualTo("transfer_expired");
        assertThat(ledger.transfersByReference(t.reference())).extracting(tr -> tr.id())
                .contains(t.reference() + ":hold#expired");
        assertThat(ledgerJobs.checkInvariants().ok()).isTrue();
    }

    private long escrow() {
        return ledger.account(PlatformAccount.TRANSFER_ESCROW.id()).orElseThrow().balances().creditBalance();
    }
}
