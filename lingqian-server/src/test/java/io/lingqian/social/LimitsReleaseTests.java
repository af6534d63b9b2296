package io.lingqian.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.accounting.LedgerJobs;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.platform.security.Audience;
import io.lingqian.platform.security.SignInAccount;
import io.lingqian.platform.security.SignedInUser;
import io.lingqian.testing.ServerTest;
import io.lingqian.wallet.WalletLimits;
import io.lingqian.wallet.WalletUser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Money that comes back gives its room back: a returned, withdrawn or expired transfer and a red
 * packet's refunded rest no longer count against the sender's limits, as {@code /api/wallet/limits}
 * shows. (Class I's limit counts since opening, so it is not reset when the clock moves a day.)
 */
@ServerTest
class LimitsReleaseTests {

    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;
    @Autowired SocialFixtures people;
    @Autowired Groups groups;
    @Autowired Transfers transfers;
    @Autowired RedPackets packets;
    @Autowired WalletLimits limits;
    @Autowired SocialJobs jobs;
    @Autowired LedgerJobs ledgerJobs;
    @Autowired AdjustableClock clock;

    private JsonNode shown(WalletUser u) throws Exception {
        SignedInUser principal = new SignedInUser(Audience.WALLET,
                new SignInAccount(u.id(), u.mobile(), u.displayName(), "", Set.of()));
        principal.eraseCredentials();
        return json.readTree(mvc.perform(get("/api/wallet/limits").with(authentication(
                UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()))))
                .andReturn().getResponse().getContentAsString());
    }

    private long classUsed(WalletUser u) throws Exception {
        return shown(u).get("classUsedFen").asLong();
    }

    private Transfer send(WalletUser from, WalletUser to, long fen, Arrival arrival) {
        return transfers.send(from.id(), SocialFixtures.DEVICE, new Transfers.Send(to.id(), fen, arrival, null,
                "r-" + UUID.randomUUID(), SocialFixtures.PAY_PASSWORD));
    }

    @Test
    void returnedWithdrawnAndExpiredTransfersNoLongerCount() throws Exception {
        WalletUser a = people.payer(1_000_00);
        WalletUser b = people.user();
        people.befriend(a, b);
        long dailyUsed = shown(a).get("dailyUsedFen").asLong();

        Transfer returned = send(a, b, 100_00, Arrival.REAL_TIME);
        assertThat(classUsed(a)).isEqualTo(100_00);
        assertThat(shown(a).get("dailyUsedFen").asLong()).isEqualTo(dailyUsed + 100_00);
        transfers.giveBack(b.id(), returned.id());
        assertThat(classUsed(a)).isZero();
        assertThat(shown(a).get("dailyUsedFen").asLong()).isEqualTo(dailyUsed);

        Transfer withdrawn = send(a, b, 30_00, Arrival.TWO_HOURS);
        Transfer accepted = send(a, b, 20_00, Arrival.REAL_TIME);
        transfers.withdraw(a.id(), withdrawn.id());
        transfers.accept(b.id(), accepted.id());
        assertThat(classUsed(a)).isEqualTo(20_00);

        send(a, b, 40_00, Arrival.REAL_TIME);
        assertThat(classUsed(a)).isEqualTo(60_00);
        clock.advance(Duration.ofHours(24).plusMinutes(1));
        ledgerJobs.voidExpiredHolds();
        jobs.run();
        assertThat(classUsed(a)).isEqualTo(20_00);
        assertThat(people.balance(a.id())).isEqualTo(1_000_00 - 20_00);
    }

    @Test
    void aPacketsRefundedRestNoLongerCountsAndARetriedReleaseChangesNothing() throws Exception {
        WalletUser a = people.payer(1_000_00);
        WalletUser b = people.user();
        WalletUser c = people.user();
        people.befriend(a, b);
        people.befriend(a, c);
        long group = groups.create(a.id(), "Three", List.of(b.id(), c.id())).id();
        RedPacket p = packets.send(a.id(), SocialFixtures.DEVICE, new RedPackets.Send(RedPacketKind.LUCKY, group, null,
                50_00, 3, null, "r-" + UUID.randomUUID(), SocialFixtures.PAY_PASSWORD));
        assertThat(classUsed(a)).isEqualTo(50_00);
        long share = packets.open(b.id(), p.id()).amountFen();

        clock.advance(Duration.ofHours(24).plusMinutes(1));
        jobs.run();
        RedPacket expired = packets.packet(a.id(), p.id());
        assertThat(expired.refundedFen()).isEqualTo(50_00 - share);
        assertThat(classUsed(a)).isEqualTo(share);

        limits.releaseOutflow(p.reference(), 50_00 - share);
        jobs.run();
        assertThat(classUsed(a)).isEqualTo(share);
    }
}
