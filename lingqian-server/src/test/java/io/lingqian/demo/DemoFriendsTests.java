package io.lingqian.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.lingqian.social.Contact;
import io.lingqian.social.Contacts;
import io.lingqian.social.Groups;
import io.lingqian.social.RedPacket;
import io.lingqian.social.RedPacketKind;
import io.lingqian.social.RedPackets;
import io.lingqian.social.Transfer;
import io.lingqian.social.Transfers;
import io.lingqian.testing.DemoEnvironmentTest;
import io.lingqian.wallet.WalletUser;
import io.lingqian.wallet.WalletUsers;

/**
 * The demo's friends: Li Lei and Han Meimei are contacts in a group, with a transfer and a lucky
 * packet from Li Lei, and contributing again moves nothing. (States are not asserted: other tests
 * of this context move the clock, and a shared database keeps the first seed's rows.)
 */
@DemoEnvironmentTest
class DemoFriendsTests {

    @Autowired WalletUsers users;
    @Autowired Contacts contacts;
    @Autowired Groups groups;
    @Autowired Transfers transfers;
    @Autowired RedPackets packets;
    @Autowired List<DemoContributor> contributors;

    @Test
    void liLeiAndHanMeimeiAreFriendsWithATransferAndALuckyPacketAndSeedingAgainMovesNothing() {
        WalletUser li = users.byMobile("13800000001").orElseThrow();
        WalletUser han = users.byMobile("13800000002").orElseThrow();
        assertThat(contacts.contacts(li.id())).extracting(Contact::userId).contains(han.id());
        assertThat(contacts.contacts(han.id())).extracting(Contact::userId).contains(li.id());
        assertThat(groups.groups(han.id())).anySatisfy(g -> {
            assertThat(g.name()).isEqualTo("Lingqian friends");
            assertThat(g.hasMember(li.id())).isTrue();
        });
        List<Transfer> toHan = demoTransfers(han);
        assertThat(toHan).singleElement().satisfies(t -> {
            assertThat(t.senderId()).isEqualTo(li.id());
            assertThat(t.amountFen()).isEqualTo(52_00);
        });
        List<RedPacket> lucky = demoPackets(li);
        assertThat(lucky).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(RedPacketKind.LUCKY);
            assertThat(p.totalFen()).isEqualTo(8_88);
        });
        assertThat(packets.packet(han.id(), lucky.get(0).id()).id()).isEqualTo(lucky.get(0).id());

        DemoContributor friends = contributors.stream()
                .filter(c -> c.getClass().getSimpleName().equals("DemoFriends")).findFirst().orElseThrow();
        friends.contribute(new DemoSeed("unused", Map.of(), List.of(li, han), null, null));

        assertThat(demoTransfers(han)).extracting(Transfer::id).containsExactly(toHan.get(0).id());
        assertThat(demoPackets(li)).extracting(RedPacket::id).containsExactly(lucky.get(0).id());
        assertThat(groups.groups(li.id()).stream().filter(g -> g.name().equals("Lingqian friends"))).hasSize(1);
    }

    private List<Transfer> demoTransfers(WalletUser han) {
        return transfers.transfers(han.id()).stream().filter(t -> "demo:transfer:1".equals(t.clientRequestId()))
                .toList();
    }

    private List<RedPacket> demoPackets(WalletUser li) {
        return packets.sent(li.id()).stream().filter(p -> "demo:red-packet:1".equals(p.clientRequestId())).toList();
    }
}
