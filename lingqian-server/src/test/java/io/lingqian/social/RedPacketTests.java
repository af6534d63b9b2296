package io.lingqian.social;

import static io.lingqian.social.Problems.code;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.lingqian.accounting.LedgerJobs;
import io.lingqian.accounting.TransferCode;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.Transfer;
import io.lingqian.testing.ServerTest;
import io.lingqian.wallet.WalletUser;

/** Red packets through the services: kinds, limits, opening, best luck, expiry and refunds, to the fen. */
@ServerTest
class RedPacketTests {

    @Autowired SocialFixtures people;
    @Autowired Groups groups;
    @Autowired RedPackets packets;
    @Autowired SocialJobs jobs;
    @Autowired LedgerJobs ledgerJobs;
    @Autowired Ledger ledger;
    @Autowired AdjustableClock clock;

    private static String rid() {
        return "r-" + UUID.randomUUID();
    }

    /** A sender with this balance in a group with {@code others} more members. */
    private record Chat(WalletUser sender, Group group, List<WalletUser> members) {
    }

    private Chat chat(long balanceFen, int others) {
        WalletUser sender = people.payer(balanceFen);
        List<WalletUser> members = new ArrayList<>();
        for (int i = 0; i < others; i++) {
            WalletUser m = people.user();
            people.befriend(sender, m);
            members.add(m);
        }
        Group g = groups.create(sender.id(), "Chat " + UUID.randomUUID(), members.stream().map(WalletUser::id).toList());
        return new Chat(sender, g, members);
    }

    private RedPacket lucky(Chat chat, long totalFen, int shares) {
        return packets.send(chat.sender().id(), SocialFixtures.DEVICE, new RedPackets.Send(RedPacketKind.LUCKY,
                chat.group().id(), null, totalFen, shares, null, rid(), SocialFixtures.PAY_PASSWORD));
    }

    /** Money of a packet in the ledger: shares credited plus refund must equal what was funded. */
    private long[] ledgerSums(RedPacket p) {
        long funded = 0;
        long credited = 0;
        long refunded = 0;
        for (Transfer t : ledger.transfersByReference(p.reference())) {
            if (t.id().endsWith(":fund")) {
                funded += t.amount();
            } else if (t.id().contains(":share:")) {
                credited += t.amount();
            } else if (t.code() == TransferCode.RED_PACKET_REFUND.code()) {
                refunded += t.amount();
            }
        }
        return new long[] {funded, credited, refunded};
    }

    @Test
    void aLuckyPacketIsOpenedOnceByEachMemberUntilAllAreTaken() {
        Chat chat = chat(500_00, 4);
        RedPacket p = lucky(chat, 100_00, 3);
        assertThat(p.state()).isEqualTo(RedPacketState.OPEN);
        assertThat(p.seed()).isNull();
        assertThat(p.seedHash()).hasSize(64);
        assertThat(people.balance(chat.sender().id())).isEqualTo(400_00);

        List<Share> opened = new ArrayList<>();
        for (WalletUser m : chat.members().subList(0, 3)) {
            Share s = packets.open(m.id(), p.id());
            opened.add(s);
            assertThat(s.credited()).isTrue();
            assertThat(people.balance(m.id())).isEqualTo(s.amountFen());
            if (opened.size() == 1) {
                assertThat(code(() -> packets.open(m.id(), p.id()))).isEqualTo("already_opened");
            }
        }
        assertThat(code(() -> packets.open(chat.members().get(3).id(), p.id()))).isEqualTo("all_taken");
        // Someone outside the group does not even learn that the packet is finished.
        assertThat(code(() -> packets.open(people.user().id(), p.id()))).isEqualTo("not_found");
        assertThat(opened.stream().mapToLong(Share::amountFen).sum()).isEqualTo(100_00);

        RedPacket done = packets.packet(chat.sender().id(), p.id());
        assertThat(done.state()).isEqualTo(RedPacketState.FINISHED);
        assertThat(done.status()).isEqualTo("all taken");
        assertThat(done.opened()).extracting(Share::userId)
                .containsExactly(chat.members().get(0).id(), chat.members().get(1).id(), chat.members().get(2).id());
        assertThat(done.opened().stream().filter(Share::bestLuck)).hasSize(1);
        Share best = done.opened().stream().filter(Share::bestLuck).findFirst().orElseThrow();
        assertThat(best.amountFen()).isEqualTo(done.opened().stream().mapToLong(Share::amountFen).max().orElseThrow());
        // the revealed seed recomputes every share and matches the hash shown at send
        byte[] seed = HexFormat.of().parseHex(done.seed());
        assertThat(LuckySplit.commitment(seed)).isEqualTo(p.seedHash());
        assertThat(LuckySplit.shares(seed, 100_00, 3, done.shareCapFen()))
                .containsExactly(done.opened().stream().mapToLong(Share::amountFen).toArray());
        assertThat(ledgerSums(done)).containsExactly(100_00, 100_00, 0);
        assertThat(packets.received(chat.members().get(0).id())).extracting(RedPacket::id).contains(p.id());
        assertThat(packets.sent(chat.sender().id())).extracting(RedPacket::id).containsExactly(p.id());
    }

    @Test
    void afterTheFirstOpenEachOpenStillAsksWhoMayOpenIt() {
        Chat chat = chat(100_00, 3);
        RedPacket p = lucky(chat, 30_00, 2);
        WalletUser outsider = people.user();
        Share first = packets.open(chat.members().get(0).id(), p.id());
        assertThat(first.position()).isZero();
        assertThat(first.credited()).isTrue();
        assertThat(first.bestLuck()).isFalse();
        assertThat(first.displayName()).isEqualTo(chat.members().get(0).displayName());
        assertThat(people.balance(chat.members().get(0).id())).isEqualTo(first.amountFen());

        // the packet's facts are in memory now; membership is not, so an outsider is still nobody here
        assertThat(code(() -> packets.open(outsider.id(), p.id()))).isEqualTo("not_found");
        assertThat(code(() -> packets.open(chat.members().get(0).id(), p.id()))).isEqualTo("already_opened");
        // ... and someone who joins the group after the packet was sent may open it
        people.befriend(chat.sender(), outsider);
        groups.addMember(chat.sender().id(), chat.group().id(), outsider.id());
        Share last = packets.open(outsider.id(), p.id());
        assertThat(last.position()).isEqualTo(1);
        assertThat(first.amountFen() + last.amountFen()).isEqualTo(30_00);
        assertThat(last.bestLuck()).isEqualTo(last.amountFen() > first.amountFen());
        assertThat(code(() -> packets.open(chat.members().get(1).id(), p.id()))).isEqualTo("all_taken");
        assertThat(code(() -> packets.open(people.user().id(), p.id()))).isEqualTo("not_found");

        WalletUser friend = chat.members().get(2);
        RedPacket single = packets.send(chat.sender().id(), SocialFixtures.DEVICE, new RedPackets.Send(
                RedPacketKind.ONE_TO_ONE, null, friend.id(), 5_00, 0, null, rid(), SocialFixtures.PAY_PASSWORD));
        assertThat(code(() -> packets.open(chat.members().get(1).id(), single.id()))).isEqualTo("not_found");
        assertThat(packets.open(friend.id(), single.id()).amountFen()).isEqualTo(5_00);
        assertThat(code(() -> packets.open(chat.members().get(1).id(), single.id()))).isEqualTo("not_found");
        assertThat(code(() -> packets.open(chat.sender().id(), single.id()))).isEqualTo("not_found");
    }

    @Test
    void theRemainderReturnsToTheSenderAfter24Hours() {
        Chat chat = chat(100_00, 3);
        RedPacket p = lucky(chat, 50_00, 3);
        Share first = packets.open(chat.members().get(0).id(), p.id());
        clock.advance(Duration.ofHours(23).plusMinutes(59));
        jobs.run();
        assertThat(packets.packet(chat.sender().id(), p.id()).state()).isEqualTo(RedPacketState.OPEN);
        clock.advance(Duration.ofMinutes(1));
        assertThat(code(() -> packets.open(chat.members().get(1).id(), p.id()))).isEqualTo("red_packet_expired");
        jobs.run();
        RedPacket expired = packets.packet(chat.members().get(2).id(), p.id());
        assertThat(expired.state()).isEqualTo(RedPacketState.EXPIRED);
        assertThat(expired.refundedFen()).isEqualTo(50_00 - first.amountFen());
        assertThat(expired.status()).startsWith("expired, ");
        assertThat(expired.seed()).isNotNull();
        assertThat(LuckySplit.shares(HexFormat.of().parseHex(expired.seed()), 50_00, 3, expired.shareCapFen())[0])
                .isEqualTo(first.amountFen());
        assertThat(people.balance(chat.sender().id())).isEqualTo(100_00 - first.amountFen());
        assertThat(ledgerSums(expired)).containsExactly(50_00, first.amountFen(), 50_00 - first.amountFen());
        jobs.run();
        assertThat(people.balance(chat.sender().id())).isEqualTo(100_00 - first.amountFen());
        assertThat(code(() -> packets.open(chat.members().get(1).id(), p.id()))).isEqualTo("red_packet_expired");
        assertThat(ledgerJobs.checkInvariants().ok()).isTrue();
    }

    @Test
    void ordinaryAndOneToOnePackets() {
        Chat chat = chat(300_00, 2);
        RedPacket ordinary = packets.send(chat.sender().id(), SocialFixtures.DEVICE, new RedPackets.Send(
                RedPacketKind.ORDINARY, chat.group().id(), null, 8_88, 3, "新年快乐", rid(), SocialFixtures.PAY_PASSWORD));
        assertThat(ordinary.totalFen()).isEqualTo(26_64);
        assertThat(packets.open(chat.sender().id(), ordinary.id()).amountFen()).isEqualTo(8_88);
        assertThat(packets.open(chat.members().get(0).id(), ordinary.id()).amountFen()).isEqualTo(8_88);

        WalletUser friend = chat.members().get(1);
        RedPacket single = packets.send(chat.sender().id(), SocialFixtures.DEVICE, new RedPackets.Send(
                RedPacketKind.ONE_TO_ONE, null, friend.id(), 52_00, 0, null, rid(), SocialFixtures.PAY_PASSWORD));
        assertThat(code(() -> packets.open(chat.members().get(0).id(), single.id()))).isEqualTo("not_found");
        assertThat(code(() -> packets.open(chat.sender().id(), single.id()))).isEqualTo("not_found");
        assertThat(packets.open(friend.id(), single.id()).amountFen()).isEqualTo(52_00);
        assertThat(packets.packet(friend.id(), single.id()).status()).isEqualTo("all taken");
        assertThat(code(() -> packets.packet(chat.members().get(0).id(), single.id()))).isEqualTo("not_found");
    }

    @Test
    void limitsAndBadRequestsMoveNothing() {
        Chat chat = chat(500_00, 2);
        long sender = chat.sender().id();
        long group = chat.group().id();
        java.util.function.Function<RedPackets.Send, String> refused = s -> code(() ->
                packets.send(sender, SocialFixtures.DEVICE, s));
        String pw = SocialFixtures.PAY_PASSWORD;
        assertThat(refused.apply(new RedPackets.Send(RedPacketKind.LUCKY, group, null, 0, 2, null, rid(), pw)))
                .isEqualTo("invalid_amount");
        assertThat(refused.apply(new RedPackets.Send(RedPacketKind.LUCKY, group, null, -100, 2, null, rid(), pw)))
                .isEqualTo("invalid_amount");
        assertThat(refused.apply(new RedPackets.Send(RedPacketKind.LUCKY, group, null, 2, 3, null, rid(), pw)))
                .isEqualTo("invalid_amount");
        assertThat(refused.apply(new RedPackets.Send(RedPacketKind.LUCKY, group, null, 400_01, 2, null, rid(), pw)))
                .isEqualTo("invalid_amount");
        assertThat(refused.apply(new RedPackets.Send(RedPacketKind.ORDINARY, group, null, 200_01, 1, null, rid(), pw)))
                .isEqualTo("invalid_amount");
        assertThat(refused.apply(new RedPackets.Send(RedPacketKind.LUCKY, group, null, 10_00, 4, null, rid(), pw)))
                .isEqualTo("too_many_shares");
        assertThat(refused.apply(new RedPackets.Send(RedPacketKind.LUCKY, group, null, 10_00, 101, null, rid(), pw)))
                .isEqualTo("invalid_shares");
        assertThat(refused.apply(new RedPackets.Send(RedPacketKind.LUCKY, group, null, 10_00, 0, null, rid(), pw)))
                .isEqualTo("invalid_shares");
        assertThat(refused.apply(new RedPackets.Send(RedPacketKind.ONE_TO_ONE, null, sender, 1_00, 1, null, rid(), pw)))
                .isEqualTo("red_packet_to_self");
        assertThat(refused.apply(new RedPackets.Send(RedPacketKind.ONE_TO_ONE, null, people.user().id(), 1_00, 1, null,
                rid(), pw))).isEqualTo("not_a_contact");
        Chat other = chat(10_00, 1);
        assertThat(refused.apply(new RedPackets.Send(RedPacketKind.LUCKY, other.group().id(), null, 1_00, 1, null, rid(),
                pw))).isEqualTo("not_found");
        assertThat(code(() -> packets.send(other.sender().id(), SocialFixtures.DEVICE, new RedPackets.Send(
                RedPacketKind.LUCKY, other.group().id(), null, 10_01, 2, null, rid(), pw)))).isEqualTo("insufficient_balance");
        assertThat(people.balance(sender)).isEqualTo(500_00);
        assertThat(packets.sent(sender)).isEmpty();

        String id = rid();
        RedPackets.Send send = new RedPackets.Send(RedPacketKind.LUCKY, group, null, 10_00, 3, null, id, pw);
        RedPacket first = packets.send(sender, SocialFixtures.DEVICE, send);
        assertThat(packets.send(sender, SocialFixtures.DEVICE, send).id()).isEqualTo(first.id());
        assertThat(refused.apply(new RedPackets.Send(RedPacketKind.LUCKY, group, null, 10_01, 3, null, id, pw)))
                .isEqualTo("idempotency_key_reused");
        assertThat(people.balance(sender)).isEqualTo(490_00);
    }

    @Test
    void specialDaysRaiseTheShareCap() {
        SocialProperties.RedPacket rules = new SocialProperties.RedPacket(20_000, 100, Duration.ofHours(24),
                List.of("2017-02-14:52000"));
        assertThat(rules.shareCapOn(java.time.LocalDate.of(2017, 2, 14))).isEqualTo(52_000);
        assertThat(rules.shareCapOn(java.time.LocalDate.of(2017, 2, 15))).isEqualTo(20_000);
    }
}
