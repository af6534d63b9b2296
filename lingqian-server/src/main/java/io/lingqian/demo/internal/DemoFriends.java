package io.lingqian.demo.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.lingqian.accounting.PartnerBank;
import io.lingqian.bank.CardType;
import io.lingqian.bank.TestCard;
import io.lingqian.demo.DemoContributor;
import io.lingqian.demo.DemoSeed;
import io.lingqian.social.Arrival;
import io.lingqian.social.Contacts;
import io.lingqian.social.Group;
import io.lingqian.social.Groups;
import io.lingqian.social.RedPacket;
import io.lingqian.social.RedPacketKind;
import io.lingqian.social.RedPackets;
import io.lingqian.social.Transfer;
import io.lingqian.social.Transfers;
import io.lingqian.wallet.PaymentSecurity;
import io.lingqian.wallet.ResidentId;
import io.lingqian.wallet.Verification;
import io.lingqian.wallet.Verifications;
import io.lingqian.wallet.WalletCards;
import io.lingqian.wallet.WalletUser;
import io.lingqian.wallet.Yuan;

/**
 * Money between friends to look at from the first sign-in: the demo users are each other's contacts
 * and share a group; Li Lei (verified with a sandbox card, payment password set) has sent Han Meimei
 * a transfer waiting to be accepted and the group a lucky red packet nobody has opened. Everything
 * goes through the services with fixed client request ids, so seeding again moves nothing twice.
 */
@Component
@Order(210)
class DemoFriends implements DemoContributor {

    static final String PAYMENT_PASSWORD = "284619";
    static final String GROUP_NAME = "Lingqian friends";
    static final String SECTION = "Friends (transfers and red packets)";
    static final long TRANSFER_FEN = 52_00;
    static final long PACKET_FEN = 8_88;
    /** The sandbox card and identity Li Lei is verified with: fixed, so the seed is the same every time. */
    private static final long CARD_SEED = 20_161_231L;
    private static final String ID_FIRST_SEVENTEEN = "11010119900307451";

    private final Contacts contacts;
    private final Groups groups;
    private final Transfers transfers;
    private final RedPackets packets;
    private final Verifications verifications;
    private final WalletCards cards;
    private final PaymentSecurity security;

    DemoFriends(Contacts contacts, Groups groups, Transfers transfers, RedPackets packets, Verifications verifications,
            WalletCards cards, PaymentSecurity security) {
        this.contacts = contacts;
        this.groups = groups;
        this.transfers = transfers;
        this.packets = packets;
        this.verifications = verifications;
        this.cards = cards;
        this.security = security;
    }

    @Override
    public void contribute(DemoSeed seed) {
        List<WalletUser> people = seed.walletUsers();
        WalletUser li = people.get(0);
        WalletUser han = people.get(1);
        for (WalletUser a : people) {
            for (WalletUser b : people) {
                if (a.id() != b.id()) {
                    contacts.add(a.id(), b.mobile());
                }
            }
        }
        Group group = groups.groups(li.id()).stream().filter(g -> g.name().equals(GROUP_NAME)).findFirst()
                .orElseGet(() -> groups.create(li.id(), GROUP_NAME, people.stream().map(WalletUser::id)
                        .filter(id -> id != li.id()).toList()));

        List<String> lines = new ArrayList<>();
        lines.add("Group \"" + group.name() + "\": " + group.members().size() + " members");
        // paying needs a verified identity (the limits) and, here, the payment password
        if (cards.identity(li.id()).isEmpty()) {
            Verification v = verifications.startBinding(li.id(), null, li.displayName(),
                    ID_FIRST_SEVENTEEN + ResidentId.checkCharacter(ID_FIRST_SEVENTEEN),
                    TestCard.ALWAYS_SUCCEEDS.number(PartnerBank.CMB, CardType.DEBIT, new Random(CARD_SEED)),
                    li.mobile());
            if (v.sandboxSmsCode() == null) {
                lines.add("No transfer or red packet: the bank is not the sandbox, so " + li.displayName()
                        + " cannot be verified here");
                seed.addSection(SECTION, lines);
                return;
            }
            verifications.confirm(li.id(), v.id(), v.sandboxSmsCode(), null);
        }
        if (!security.settings(li.id()).passwordSet()) {
            security.setPassword(li.id(), null, null, PAYMENT_PASSWORD);
        }

        Transfer transfer = transfers.send(li.id(), null, new Transfers.Send(han.id(), TRANSFER_FEN, Arrival.REAL_TIME,
                "Dinner last night", "demo:transfer:1", PAYMENT_PASSWORD));
        RedPacket packet = packets.send(li.id(), null, new RedPackets.Send(RedPacketKind.LUCKY, group.id(), null,
                PACKET_FEN, group.members().size(), "新年快乐", "demo:red-packet:1", PAYMENT_PASSWORD));

        lines.add(li.displayName() + " (" + li.mobile() + ") is verified with a sandbox card; payment password "
                + PAYMENT_PASSWORD);
        lines.add("Transfer " + Yuan.format(transfer.amountFen()) + " CNY from " + li.displayName() + " to "
                + han.displayName() + ", waiting to be accepted: /wallet/transfers");
        lines.add("Lucky red packet of " + Yuan.format(packet.totalFen()) + " CNY in " + packet.shares()
                + " shares to the group: /wallet/red-packets/" + packet.id());
        seed.addSection(SECTION, lines);
    }
}
