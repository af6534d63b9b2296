package io.lingqian.social;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Arrays;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** The lucky split's promises, for random totals, share counts, caps and seeds. */
class LuckySplitProperties {

    record Packet(long totalFen, int shares, long capFen) {
    }

    @Provide
    Arbitrary<Packet> packets() {
        return Combinators.combine(Arbitraries.integers().between(1, 100), Arbitraries.of(20_000L, 52_000L, 100L, 1L))
                .flatAs((shares, cap) -> Arbitraries.longs().between(shares, cap * shares)
                        .map(total -> new Packet(total, shares, cap)));
    }

    @Property(tries = 2000)
    void sharesSumExactlyAndStayWithinOneFenAndTheCap(@ForAll("packets") Packet p, @ForAll @Size(32) byte[] seed) {
        long[] shares = LuckySplit.shares(seed, p.totalFen(), p.shares(), p.capFen());
        assertThat(shares).hasSize(p.shares());
        assertThat(Arrays.stream(shares).sum()).isEqualTo(p.totalFen());
        assertThat(Arrays.stream(shares).min().orElseThrow()).isGreaterThanOrEqualTo(1);
        assertThat(Arrays.stream(shares).max().orElseThrow()).isLessThanOrEqualTo(p.capFen());
    }

    @Property(tries = 500)
    void openingShareByShareGivesWhatTheRevealedSeedRecomputes(@ForAll("packets") Packet p,
            @ForAll @Size(32) byte[] seed) {
        long remaining = p.totalFen();
        long[] opened = new long[p.shares()];
        for (int i = 0; i < p.shares(); i++) {
            opened[i] = LuckySplit.draw(seed, i, remaining, p.shares() - i, p.capFen());
            remaining -= opened[i];
        }
        assertThat(LuckySplit.shares(seed.clone(), p.totalFen(), p.shares(), p.capFen())).containsExactly(opened);
    }

    @Property(tries = 200)
    void anotherSeedGivesAnotherSplit(@ForAll @Size(32) byte[] seed) {
        byte[] other = seed.clone();
        other[0] ^= 1;
        assertThat(LuckySplit.shares(other, 100_00, 10, 20_000)).isNotEqualTo(LuckySplit.shares(seed, 100_00, 10, 20_000));
        assertThat(LuckySplit.commitment(other)).isNotEqualTo(LuckySplit.commitment(seed)).hasSize(64);
    }

    /**
     * Every position expects total/n: over many packets the mean share of each position is within 2 %
     * of it. A split that favoured early (or late) grabbers, like "random of the remaining amount",
     * fails this by far.
     */
    @net.jqwik.api.Example
    void everyPositionExpectsTheSameAmount() {
        SecureRandom random = new SecureRandom(new byte[] {42});
        int trials = 20_000;
        int n = 10;
        long total = 100_00;
        double[] sums = new double[n];
        byte[] seed = new byte[32];
        for (int t = 0; t < trials; t++) {
            random.nextBytes(seed);
            long[] shares = LuckySplit.shares(seed, total, n, 20_000);
            for (int i = 0; i < n; i++) {
                sums[i] += shares[i];
            }
        }
        for (int i = 0; i < n; i++) {
            assertThat(sums[i] / trials).as("mean share at position %d", i).isCloseTo(total / (double) n,
                    org.assertj.core.data.Percentage.withPercentage(2));
        }
    }

    @net.jqwik.api.Example
    void theLastShareTakesTheRemainderAndTheCapBindsNearTheAverage() {
        byte[] seed = new byte[32];
        assertThat(LuckySplit.shares(seed, 3, 3, 20_000)).containsExactly(1, 1, 1);
        assertThat(LuckySplit.shares(seed, 2_000_000, 100, 20_000)).containsOnly(20_000L);
        assertThat(LuckySplit.splittable(2, 3, 20_000)).isFalse();
        assertThat(LuckySplit.splittable(20_001, 1, 20_000)).isFalse();
    }
}
