package io.lingqian.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.accounting.LedgerJobs;
import io.lingqian.accounting.TransferCode;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.Transfer;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.platform.security.Audience;
import io.lingqian.platform.security.SignInAccount;
import io.lingqian.platform.security.SignedInUser;
import io.lingqian.testing.ServerTest;
import io.lingqian.wallet.WalletUser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hundreds of members open one packet at the same moment, through the service and through the HTTP
 * API: exactly min(members, shares) shares are opened, no member twice, no position twice, the money
 * is conserved to the fen and the ledger's invariants hold.
 */
@ServerTest
@Import(GrabStormTests.CheapPasswords.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrabStormTests {

    static final int MEMBERS = 250;
    static final int SHARES = 100;

    /** Registering 250 members with production-strength hashing would take minutes; the storm does not need it. */
    @TestConfiguration
    static class CheapPasswords {
        @Bean
        @Primary
        PasswordEncoder cheapPasswordEncoder() {
            return new Pbkdf2PasswordEncoder("", 16, 1, Pbkdf2PasswordEncoder.SecretKeyFactoryAlgorithm.PBKDF2WithHmacSHA256);
        }
    }

    @Autowired SocialFixtures people;
    @Autowired Groups groups;
    @Autowired RedPackets packets;
    @Autowired LedgerJobs ledgerJobs;
    @Autowired Ledger ledger;
    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;

    WalletUser sender;
    Group group;
    List<WalletUser> members = new ArrayList<>();

    @BeforeAll
    void aGroupOf250() {
        sender = people.payer(900_00);
        for (int i = 0; i < MEMBERS; i++) {
            WalletUser m = people.user();
            people.befriend(sender, m);
            members.add(m);
        }
        group = groups.create(sender.id(), "Storm", members.stream().map(WalletUser::id).toList());
    }

    private RedPacket lucky(long totalFen) {
        return packets.send(sender.id(), SocialFixtures.DEVICE, new RedPackets.Send(RedPacketKind.LUCKY, group.id(), null,
                totalFen, SHARES, null, "storm-" + UUID.randomUUID(), SocialFixtures.PAY_PASSWORD));
    }

    /** Runs one call per member, all released at once; returns each member's outcome. */
    private Map<Long, Object> storm(Callable1 call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(MEMBERS);
        CountDownLatch start = new CountDownLatch(1);
        Map<Long, Object> outcomes = new ConcurrentHashMap<>();
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (WalletUser m : members) {
                futures.add(pool.submit((Callable<Void>) () -> {
                    start.await();
                    outcomes.put(m.id(), call.open(m));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return outcomes;
    }

    @FunctionalInterface
    interface Callable1 {
        Object open(WalletUser member) throws Exception;
    }

    @Test
    void throughTheService() throws Exception {
        RedPacket p = lucky(300_00);
        Map<Long, Long> before = balances();
        Map<Long, Object> outcomes = storm(m -> {
            try {
                return packets.open(m.id(), p.id());
            } catch (ApiProblemException e) {
                return e.code();
            }
        });
        List<Share> won = outcomes.values().stream().filter(Share.class::isInstance).map(Share.class::cast).toList();
        assertThat(won).hasSize(SHARES);
        assertThat(outcomes.values().stream().filter(String.class::isInstance)).hasSize(MEMBERS - SHARES)
                .allMatch("all_taken"::equals);
        assertConserved(p, before);
    }

    @Test
    void everyMemberAsksTwiceAtOnce() throws Exception {
        RedPacket p = lucky(200_00);
        Map<Long, Long> before = balances();
        ExecutorService pool = Executors.newFixedThreadPool(2 * MEMBERS);
        CountDownLatch start = new CountDownLatch(1);
        Map<Long, List<Object>> outcomes = new ConcurrentHashMap<>();
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (WalletUser m : members) {
                for (int twice = 0; twice < 2; twice++) {
                    futures.add(pool.submit((Callable<Void>) () -> {
                        start.await();
                        Object outcome;
                        try {
                            outcome = packets.open(m.id(), p.id());
                        } catch (ApiProblemException e) {
                            outcome = e.code();
                        }
                        outcomes.computeIfAbsent(m.id(), id -> java.util.Collections.synchronizedList(new ArrayList<>()))
                                .add(outcome);
                        return null;
                    }));
                }
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        long winners = outcomes.values().stream().filter(o -> o.stream().anyMatch(Share.class::isInstance)).count();
        assertThat(winners).isEqualTo(SHARES);
        for (List<Object> o : outcomes.values()) {
            assertThat(o).hasSize(2);
            assertThat(o.stream().filter(Share.class::isInstance)).as("shares of one member").hasSizeLessThanOrEqualTo(1);
            assertThat(o.stream().filter(String.class::isInstance))
                    .allMatch(c -> c.equals("all_taken") || c.equals("already_opened"));
        }
        assertConserved(p, before);
    }

    @Test
    void throughTheHttpApi() throws Exception {
        RedPacket p = lucky(250_00);
        Map<Long, Long> before = balances();
        Map<Long, Object> outcomes = storm(m -> {
            SignedInUser principal = new SignedInUser(Audience.WALLET,
                    new SignInAccount(m.id(), m.mobile(), m.displayName(), "", Set.of()));
            principal.eraseCredentials();
            MockHttpServletResponse r = mvc.perform(post("/api/wallet/red-packets/" + p.id() + "/open")
                    .with(authentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
                            principal.getAuthorities()))).with(csrf())).andReturn().getResponse();
            JsonNode body = json.readTree(r.getContentAsString());
            return r.getStatus() == 200 ? (Object) body.get("amountFen").asLong()
                    : r.getStatus() + " " + body.get("code").asString();
        });
        assertThat(outcomes.values().stream().filter(Long.class::isInstance)).hasSize(SHARES);
        assertThat(outcomes.values().stream().filter(String.class::isInstance)).hasSize(MEMBERS - SHARES)
                .allMatch("422 all_taken"::equals);
        assertThat(outcomes.values().stream().filter(Long.class::isInstance).mapToLong(o -> (Long) o).sum())
                .isEqualTo(250_00);
        assertConserved(p, before);
    }

    private Map<Long, Long> balances() {
        Map<Long, Long> b = new ConcurrentHashMap<>();
        members.forEach(m -> b.put(m.id(), people.balance(m.id())));
        return b;
    }

    private void assertConserved(RedPacket sent, Map<Long, Long> before) {
        RedPacket p = packets.packet(sender.id(), sent.id());
        assertThat(p.state()).isEqualTo(RedPacketState.FINISHED);
        assertThat(p.openedCount()).isEqualTo(SHARES);
        assertThat(p.openedFen()).isEqualTo(p.totalFen());
        assertThat(p.opened()).hasSize(SHARES);
        Set<Long> openers = new HashSet<>();
        Set<Integer> positions = new HashSet<>();
        long sum = 0;
        for (Share s : p.opened()) {
            assertThat(openers.add(s.userId())).as("member %d opened twice", s.userId()).isTrue();
            assertThat(positions.add(s.position())).isTrue();
            assertThat(s.credited()).isTrue();
            assertThat(s.amountFen()).isBetween(1L, p.shareCapFen());
            assertThat(people.balance(s.userId()) - before.get(s.userId())).isEqualTo(s.amountFen());
            sum += s.amountFen();
        }
        assertThat(sum).isEqualTo(p.totalFen());
        assertThat(members.stream().filter(m -> !openers.contains(m.id()))
                .allMatch(m -> people.balance(m.id()) == before.get(m.id()))).isTrue();
        long credited = 0;
        long funded = 0;
        for (Transfer t : ledger.transfersByReference(p.reference())) {
            if (t.code() == TransferCode.RED_PACKET.code() && t.id().contains(":share:")) {
                credited += t.amount();
            } else if (t.id().endsWith(":fund")) {
                funded += t.amount();
            }
        }
        assertThat(credited).isEqualTo(funded).isEqualTo(p.totalFen());
        assertThat(LuckySplit.shares(java.util.HexFormat.of().parseHex(p.seed()), p.totalFen(), SHARES, p.shareCapFen()))
                .containsExactly(p.opened().stream().mapToLong(Share::amountFen).toArray());
        assertThat(ledgerJobs.checkInvariants().ok()).isTrue();
    }
}
