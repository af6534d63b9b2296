package io.lingqian.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.PartnerBank;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.accounting.TransferCode;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.testing.ServerTest;

/**
 * The deterministic simulation ({@link Simulation}) in CI: a few fixed seeds of
 * {@value #CI_STEPS} steps each. {@code -Dsimulation.seed=N} replays one seed (printed by a
 * failure), {@code -Dsimulation.seeds=K} runs K seeds from {@code N} on, and
 * {@code -Dsimulation.steps=S} sets the steps per seed (the long mode for a nightly run).
 */
@ServerTest
@Import(CommitFaults.Config.class)
class SimulationTests {

    static final int CI_STEPS = 150;
    static final long[] CI_SEEDS = {1, 2, 3};

    private static final Logger log = LoggerFactory.getLogger(SimulationTests.class);

    @Autowired
    ApplicationContext context;
    @Autowired
    Ledger ledger;
    @Autowired
    CustomerAccounts accounts;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    static Stream<Long> seeds() {
        String seed = System.getProperty("simulation.seed");
        if (seed == null || seed.isBlank()) {
            return java.util.Arrays.stream(CI_SEEDS).boxed();
        }
        long first = Long.parseLong(seed.strip());
        int count = Integer.getInteger("simulation.seeds", 1);
        List<Long> seeds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            seeds.add(first + i);
        }
        return seeds.stream();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void moneyIsNeverLostCreatedOrMovedTwice(long seed) {
        int steps = Integer.getInteger("simulation.steps", CI_STEPS);
        Simulation.Report report = new Simulation(seed, context).run(steps);
        log.info("Simulation seed {}: {} steps, {} commit faults armed, {} fired; outcomes {}", report.seed(),
                report.steps(), report.faultsInjected(), report.faultsFired(), report.outcomes());
        assertThat(report.outcomes().keySet()).as("the workload reached the money paths, not only refusals")
                .anyMatch(k -> k.startsWith("pay-balance → ok"))
                .anyMatch(k -> k.startsWith("transfer-send → ok"));
    }

    @Test
    void theChecksSeeMoneyNoBusinessObjectExplains() {
        Simulation sim = new Simulation(42, context);
        sim.run(0);
        Simulation.User user = sim.users().get(0);
        long topUp = jdbc.sql("SELECT MAX(id) FROM wallet_topup WHERE user_id = ?").param(user.id()).query(Long.class)
                .single();
        assertThat(new SimulationChecks(context).afterStep(sim)).isEmpty();

        // One fen more under the top-up's reference: as if it had been applied twice.
        ledger.createTransfer(TransferRequest.single("topup:" + topUp + ":again",
                PlatformAccount.bankReserve(PartnerBank.CMB).id(), accounts.openWallet(user.id()), 1, Ledger.CNY,
                TransferCode.TOPUP.code(), "topup:" + topUp)).orThrow();

        assertThat(new SimulationChecks(context).afterStep(sim))
                .anyMatch(v -> v.startsWith("top-up SUCCEEDED (topup:" + topUp + ")"));
    }
}
