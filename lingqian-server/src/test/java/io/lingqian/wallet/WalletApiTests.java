package io.lingqian.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.YearMonth;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.PartnerBank;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.bank.TestCard;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.ledger.Balances;
import io.lingqian.ledger.Ledger;
import io.lingqian.testing.ServerTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wallet through its REST API on the real server and database: register, verify, bind, top up,
 * withdraw with the fee, and every failure mode of the simulated bank, with the ledger checked to the
 * fen after each.
 */
@ServerTest
class WalletApiTests {

    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;
    @Autowired Ledger ledger;
    @Autowired CustomerAccounts accounts;
    @Autowired AdjustableClock clock;
    @Autowired WalletJobs jobs;

    private WalletApiClient client() {
        return new WalletApiClient(mvc, json);
    }

    private static String requestId() {
        return "r-" + UUID.randomUUID();
    }

    private Balances balances(long accountId) {
        return ledger.account(accountId).orElseThrow().balances();
    }

    private long feeIncome() {
        return balances(PlatformAccount.FEE_INCOME.id()).creditBalance();
    }

    private long reserve(PartnerBank bank) {
        return balances(PlatformAccount.bankReserve(bank).id()).debitBalance();
    }

    /** Withdrawals to this bank not yet confirmed: held against its reserve. */
    private long reserveHeld(PartnerBank bank) {
        return balances(PlatformAccount.bankReserve(bank).id()).creditsPending();
    }

    private long inTransit() {
        Balances b = balances(PlatformAccount.WITHDRAWAL_IN_TRANSIT.id());
        return b.creditsPending() + b.creditsPosted() - b.debitsPosted();
    }

    @Test
    void registerVerifyBindTopUpAndWithdrawBeyondTheFreeQuota() throws Exception {
        WalletApiClient user = client().registerAndSignIn();
        long wallet = accounts.openWallet(user.userId);
        assertThat(ledger.account(wallet)).isPresent();
        assertThat(user.get("/api/wallet/me").body().get("verified").asBoolean()).isFalse();

        long card = user.bind(user.card(TestCard.ALWAYS_SUCCEEDS, PartnerBank.CMB));
        JsonNode me = user.get("/api/wallet/me").body();
        assertThat(me.get("verified").asBoolean()).isTrue();
        assertThat(me.get("identity").get("accountClass").asString()).isEqualTo("I");
        assertThat(me.get("identity").get("maskedIdNumber").asString()).startsWith("1101").endsWith(user.idNumber.substring(14));
        JsonNode cards = user.get("/api/wallet/cards").body();
        assertThat(cards).hasSize(1);
        assertThat(cards.get(0).get("masked").asString()).startsWith("•••• ").hasSize(9);
        assertThat(cards.get(0).get("isDefault").asBoolean()).isTrue();
        assertThat(user.put("/api/wallet/security/payment-password", Map.of("newPassword", WalletApiClient.PAY_PASSWORD))
                .status()).isEqualTo(200);

        long fee0 = feeIncome();
        long reserve0 = reserve(PartnerBank.CMB);
        WalletApiClient.Answer topUp = user.topUp(card, 2_000_00, requestId());
        assertThat(topUp.status()).isEqualTo(201);
        assertThat(topUp.text("status")).isEqualTo("SUCCEEDED");
        assertThat(user.balance()).isEqualTo(2_000_00);
        assertThat(reserve(PartnerBank.CMB) - reserve0).isEqualTo(2_000_00);

        // 1,500.00 with 1,000.00 free: 0.1 % of 500.00 = 0.50 on top
        JsonNode preview = user.get("/api/wallet/withdrawals/preview?amountFen=150000").body();
        assertThat(preview.get("feeFen").asLong()).isEqualTo(50);
        assertThat(preview.get("freeQuotaUsedFen").asLong()).isEqualTo(1_000_00);
        assertThat(preview.get("freeQuotaLeftAfterFen").asLong()).isZero();
        assertThat(preview.get("totalFen").asLong()).isEqualTo(1_500_50);

        WalletApiClient.Answer w = user.withdraw(card, 1_500_00, requestId(), WalletApiClient.PAY_PASSWORD);
        assertThat(w.status()).isEqualTo(201);
        assertThat(w.text("status")).isEqualTo("SUCCEEDED");
        assertThat(w.fen("feeFen")).isEqualTo(50);
        assertThat(user.balance()).isEqualTo(2_000_00 - 1_500_00 - 50);
        assertThat(balances(wallet).debitsPending()).isZero();
        assertThat(feeIncome() - fee0).isEqualTo(50);
        assertThat(reserve(PartnerBank.CMB) - reserve0).isEqualTo(2_000_00 - 1_500_00);

        // the quota is spent: 100.00 more costs 0.10 (0.1 % is 0.10 exactly), and 50.00 the 0.10 minimum
        assertThat(user.get("/api/wallet/withdrawals/preview?amountFen=10000").body().get("feeFen").asLong()).isEqualTo(10);
        assertThat(user.get("/api/wallet/withdrawals/preview?amountFen=5000").body().get("feeFen").asLong()).isEqualTo(10);
        JsonNode limits = user.get("/api/wallet/limits").body();
        assertThat(limits.get("withdrawalFreeLeftFen").asLong()).isZero();
        assertThat(limits.get("accountClass").asString()).isEqualTo("I");

        JsonNode bills = user.get("/api/wallet/bills?month=" + YearMonth.now(clock)).body();
        assertThat(bills).hasSize(2);
        assertThat(bills.get(0).get("kind").asString()).isEqualTo("WITHDRAWAL");
        assertThat(bills.get(0).get("amountFen").asLong()).isEqualTo(-1_500_00);
        assertThat(bills.get(0).get("feeFen").asLong()).isEqualTo(50);
        assertThat(user.get("/api/wallet/bills?kind=TOPUP").body()).hasSize(1);
        JsonNode detail = user.get("/api/wallet/bills/withdrawal:" + w.fen("id")).body();
        assertThat(detail.get("movements")).extracting(m -> m.get("transferId").asString()).containsExactly(
                "withdrawal:" + w.fen("id") + ":out", "withdrawal:" + w.fen("id") + ":fee",
                "withdrawal:" + w.fen("id") + ":hold", "withdrawal:" + w.fen("id") + ":post");
    }

    @Test
    void theFreeQuotaBelongsToThePersonNotTheAccount() throws Exception {
        WalletApiClient first = client();
        long card = first.verifiedWithCard(TestCard.ALWAYS_SUCCEEDS);
        first.topUp(card, 800_00, requestId());
        assertThat(first.withdraw(card, 700_00, requestId(), WalletApiClient.PAY_PASSWORD).fen("feeFen")).isZero();

        // a second wallet of the same person (same ID number) has 300.00 free left, not 1,000.00
        WalletApiClient second = new WalletApiClient(mvc, json, first.idNumber);
        long card2 = second.verifiedWithCard(TestCard.ALWAYS_SUCCEEDS);
        assertThat(second.get("/api/wallet/me").body().get("identity").get("id").asLong())
                .isEqualTo(first.get("/api/wallet/me").body().get("identity").get("id").asLong());
        second.topUp(card2, 500_00, requestId());
        // 400.00 with 300.00 free: 0.1 % of 100.00 = 0.10
        WalletApiClient.Answer w = second.withdraw(card2, 400_00, requestId(), WalletApiClient.PAY_PASSWORD);
        assertThat(w.fen("feeFen")).isEqualTo(10);
        assertThat(w.fen("freeQuotaUsedFen")).isEqualTo(300_00);
        assertThat(first.get("/api/wallet/limits").body().get("withdrawalFreeLeftFen").asLong()).isZero();
    }

    @Test
    void aRepeatedRequestMovesMoneyOnceAndAReusedIdForAnotherAmountIsRefused() throws Exception {
        WalletApiClient user = client();
        long card = user.verifiedWithCard(TestCard.ALWAYS_SUCCEEDS);
        String id = requestId();
        WalletApiClient.Answer first = user.topUp(card, 300_00, id);
        WalletApiClient.Answer again = user.topUp(card, 300_00, id);
        assertThat(again.fen("id")).isEqualTo(first.fen("id"));
        assertThat(user.balance()).isEqualTo(300_00);
        WalletApiClient.Answer other = user.topUp(card, 301_00, id);
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.code()).isEqualTo("idempotency_key_reused");

        String wid = requestId();
        long fee0 = feeIncome();
        assertThat(user.withdraw(card, 100_00, wid, WalletApiClient.PAY_PASSWORD).text("status")).isEqualTo("SUCCEEDED");
        assertThat(user.withdraw(card, 100_00, wid, WalletApiClient.PAY_PASSWORD).text("status")).isEqualTo("SUCCEEDED");
        assertThat(user.balance()).isEqualTo(200_00);
        assertThat(feeIncome()).isEqualTo(fee0);
        assertThat(user.withdraw(card, 100_01, wid, WalletApiClient.PAY_PASSWORD).code()).isEqualTo("idempotency_key_reused");
    }

    @Test
    void aTopUpFromACardWithoutFundsFailsAndMovesNothing() throws Exception {
        WalletApiClient user = client();
        long card = user.verifiedWithCard(TestCard.INSUFFICIENT_FUNDS);
        long reserve0 = reserve(PartnerBank.CMB);
        WalletApiClient.Answer t = user.topUp(card, 100_00, requestId());
        assertThat(t.text("status")).isEqualTo("FAILED");
        assertThat(t.text("failureCode")).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(user.balance()).isZero();
        assertThat(reserve(PartnerBank.CMB)).isEqualTo(reserve0);
        assertThat(user.get("/api/wallet/bills").body().get(0).get("status").asString()).isEqualTo("FAILED");
    }

    @Test
    void aWithdrawalToAFrozenCardFailsAndEverythingComesBack() throws Exception {
        WalletApiClient user = client();
        long good = user.verifiedWithCard(TestCard.ALWAYS_SUCCEEDS);
        long frozen = user.bind(user.card(TestCard.CARD_FROZEN, PartnerBank.CMB));
        user.topUp(good, 1_500_00, requestId());
        long fee0 = feeIncome();
        long reserve0 = reserve(PartnerBank.CMB);

        WalletApiClient.Answer w = user.withdraw(frozen, 1_200_00, requestId(), WalletApiClient.PAY_PASSWORD);
        assertThat(w.text("status")).isEqualTo("FAILED");
        assertThat(w.text("failureCode")).isEqualTo("CARD_FROZEN");
        assertThat(w.fen("feeFen")).isEqualTo(20);
        assertThat(user.balance()).isEqualTo(1_500_00);
        assertThat(feeIncome()).isEqualTo(fee0);
        assertThat(reserve(PartnerBank.CMB)).isEqualTo(reserve0);
        assertThat(user.get("/api/wallet/limits").body().get("withdrawalFreeLeftFen").asLong()).isEqualTo(1_000_00);
    }

    @Test
    void aWithdrawalThatTimesOutHoldsTheMoneyUntilTheRepairJobLearnsItSucceeded() throws Exception {
        WalletApiClient user = client();
        long good = user.verifiedWithCard(TestCard.ALWAYS_SUCCEEDS);
        long slowBank = user.bind(user.card(TestCard.TIMEOUT_THEN_SUCCEEDS, PartnerBank.CMB));
        user.topUp(good, 2_000_00, requestId());
        long wallet = accounts.openWallet(user.userId);
        long fee0 = feeIncome();
        long transit0 = inTransit();
        long reserveHeld0 = reserveHeld(PartnerBank.CMB);

        WalletApiClient.Answer w = user.withdraw(slowBank, 1_100_00, requestId(), WalletApiClient.PAY_PASSWORD);
        assertThat(w.text("status")).isEqualTo("PROCESSING");
        assertThat(reserveHeld(PartnerBank.CMB) - reserveHeld0).as("the bank's reserve covers it").isEqualTo(1_100_00);
        assertThat(user.balance()).isEqualTo(2_000_00 - 1_100_00 - 10);
        assertThat(inTransit() - transit0).isEqualTo(1_100_00);
        assertThat(feeIncome() - fee0).isEqualTo(10);

        clock.advance(Duration.ofSeconds(61));
        jobs.settleUnknownOutcomes();
        assertThat(user.get("/api/wallet/withdrawals/" + w.fen("id")).text("status")).isEqualTo("SUCCEEDED");
        assertThat(reserveHeld(PartnerBank.CMB)).isEqualTo(reserveHeld0);
        assertThat(balances(wallet).creditBalance()).isEqualTo(2_000_00 - 1_100_00 - 10);
        assertThat(inTransit()).isEqualTo(transit0);
        assertThat(feeIncome() - fee0).isEqualTo(10);
    }

    /**
     * The platform can only pay out at a bank what it holds there. The ledger holds each withdrawal
     * against the bank's reserve, so a withdrawal the reserve cannot cover (counting those still in
     * flight) is refused before anything moves, however many arrive at once.
     */
    @Test
    void aWithdrawalTheBanksReserveCannotCoverIsRefusedAndMovesNothing() throws Exception {
        WalletApiClient user = client();
        long good = user.verifiedWithCard(TestCard.ALWAYS_SUCCEEDS);
        long ningbo = user.bind(user.card(TestCard.ALWAYS_SUCCEEDS, PartnerBank.NBCB));
        long covered = balances(PlatformAccount.bankReserve(PartnerBank.NBCB).id()).availableDebit();
        user.topUp(good, covered + 300_00, requestId());
        long balance0 = user.balance();
        long fee0 = feeIncome();
        long transit0 = inTransit();

        WalletApiClient.Answer refused = user.withdraw(ningbo, covered + 100_00, requestId(),
                WalletApiClient.PAY_PASSWORD);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("bank_channel_unavailable");
        assertThat(user.balance()).isEqualTo(balance0);
        assertThat(feeIncome()).isEqualTo(fee0);
        assertThat(inTransit()).isEqualTo(transit0);
        assertThat(user.get("/api/wallet/bills?kind=WITHDRAWAL").body()).isEmpty();

        // once money has come in through that bank, the same withdrawal goes through
        user.topUp(ningbo, 200_00, requestId());
        WalletApiClient.Answer paid = user.withdraw(ningbo, covered + 100_00, requestId(),
                WalletApiClient.PAY_PASSWORD);
        assertThat(paid.text("status")).isEqualTo("SUCCEEDED");
    }

    @Test
    void aWithdrawalThatTimesOutAndFailedIsReturnedByTheRepairJob() throws Exception {
        WalletApiClient user = client();
        long good = user.verifiedWithCard(TestCard.ALWAYS_SUCCEEDS);
        long bad = user.bind(user.card(TestCard.TIMEOUT_THEN_FAILS, PartnerBank.CMB));
        user.topUp(good, 2_000_00, requestId());
        long fee0 = feeIncome();
        long transit0 = inTransit();

        WalletApiClient.Answer w = user.withdraw(bad, 1_500_00, requestId(), WalletApiClient.PAY_PASSWORD);
        assertThat(w.text("status")).isEqualTo("PROCESSING");
        assertThat(user.balance()).isEqualTo(2_000_00 - 1_500_00 - 50);

        // asked too early, the bank is still working on it: nothing changes
        jobs.settleUnknownOutcomes();
        assertThat(user.get("/api/wallet/withdrawals/" + w.fen("id")).text("status")).isEqualTo("PROCESSING");

        clock.advance(Duration.ofSeconds(61));
        jobs.settleUnknownOutcomes();
        WalletApiClient.Answer done = user.get("/api/wallet/withdrawals/" + w.fen("id"));
        assertThat(done.text("status")).isEqualTo("FAILED");
        assertThat(done.text("failureCode")).isEqualTo("BANK_SYSTEM_ERROR");
        assertThat(user.balance()).isEqualTo(2_000_00);
        assertThat(feeIncome()).isEqualTo(fee0);
        assertThat(inTransit()).isEqualTo(transit0);
        assertThat(user.get("/api/wallet/limits").body().get("withdrawalFreeLeftFen").asLong()).isEqualTo(1_000_00);
    }

    @Test
    void slowAndTimedOutTopUpsAreSettledByTheRepairJob() throws Exception {
        WalletApiClient user = client();
        long slow = user.verifiedWithCard(TestCard.SLOW);
        long lost = user.bind(user.card(TestCard.TIMEOUT_THEN_FAILS, PartnerBank.CMB));
        long late = user.bind(user.card(TestCard.TIMEOUT_THEN_SUCCEEDS, PartnerBank.CMB));
        long reserve0 = reserve(PartnerBank.CMB);

        WalletApiClient.Answer a = user.topUp(slow, 100_00, requestId());
        WalletApiClient.Answer b = user.topUp(lost, 200_00, requestId());
        WalletApiClient.Answer c = user.topUp(late, 400_00, requestId());
        assertThat(a.text("status")).isEqualTo("PROCESSING");
        assertThat(b.text("status")).isEqualTo("PROCESSING");
        assertThat(c.text("status")).isEqualTo("PROCESSING");
        assertThat(user.balance()).isZero();

        clock.advance(Duration.ofSeconds(30));
        jobs.settleUnknownOutcomes();
        assertThat(user.get("/api/wallet/topups/" + a.fen("id")).text("status")).isEqualTo("SUCCEEDED");
        assertThat(user.balance()).isEqualTo(100_00);

        clock.advance(Duration.ofSeconds(31));
        jobs.settleUnknownOutcomes();
        assertThat(user.get("/api/wallet/topups/" + b.fen("id")).text("status")).isEqualTo("FAILED");
        assertThat(user.get("/api/wallet/topups/" + c.fen("id")).text("status")).isEqualTo("SUCCEEDED");
        assertThat(user.balance()).isEqualTo(500_00);
        assertThat(reserve(PartnerBank.CMB) - reserve0).isEqualTo(500_00);
    }

    /** The fee is charged on top: a balance that covers the amount but not the fee is refused, and nothing moves. */
    @Test
    void aBalanceThatCoversTheAmountButNotTheFeeIsRefused() throws Exception {
        WalletApiClient user = client();
        long card = user.verifiedWithCard(TestCard.ALWAYS_SUCCEEDS);
        user.topUp(card, 1_500_00, requestId());
        long fee0 = feeIncome();
        long transit0 = inTransit();

        WalletApiClient.Answer w = user.withdraw(card, 1_500_00, requestId(), WalletApiClient.PAY_PASSWORD);
        assertThat(w.status()).isEqualTo(422);
        assertThat(w.code()).isEqualTo("insufficient_balance");
        assertThat(user.balance()).isEqualTo(1_500_00);
        assertThat(feeIncome()).isEqualTo(fee0);
        assertThat(inTransit()).isEqualTo(transit0);
        assertThat(user.get("/api/wallet/limits").body().get("withdrawalFreeLeftFen").asLong()).isEqualTo(1_000_00);
    }

    @Test
    void badInputIsRefusedWithTheProblemNamedAndNothingMoves() throws Exception {
        WalletApiClient user = client().registerAndSignIn();
        String goodCard = user.card(TestCard.ALWAYS_SUCCEEDS, PartnerBank.CMB);
        String badCheck = user.idNumber.substring(0, 17) + (user.idNumber.charAt(17) == '1' ? '2' : '1');
        WalletApiClient.Answer id = user.post("/api/wallet/verifications/cards", Map.of("name", user.name,
                "idNumber", badCheck, "cardNumber", goodCard, "phone", "13900001111"));
        assertThat(id.status()).isEqualTo(400);
        assertThat(id.code()).isEqualTo("invalid_id_number");
        assertThat(id.text("detail")).contains("ISO 7064");

        String luhn = goodCard.substring(0, goodCard.length() - 1) + (char) ('0' + (goodCard.charAt(goodCard.length() - 1) - '0' + 1) % 10);
        WalletApiClient.Answer card = user.startBinding(luhn);
        assertThat(card.status()).isEqualTo(400);
        assertThat(card.code()).isEqualTo("invalid_card");

        WalletApiClient.Answer phone = user.startBinding(user.card(TestCard.WRONG_PHONE, PartnerBank.ICBC));
        assertThat(phone.status()).isEqualTo(422);
        assertThat(phone.code()).isEqualTo("bank_refused");

        WalletApiClient.Answer started = user.startBinding(goodCard);
        String wrong = started.text("sandboxSmsCode").equals("000000") ? "111111" : "000000";
        WalletApiClient.Answer sms = user.post("/api/wallet/verifications/" + started.text("id") + "/confirm",
                Map.of("smsCode", wrong));
        assertThat(sms.code()).isEqualTo("wrong_sms_code");
        assertThat(sms.text("detail")).contains("4 attempts left");
        assertThat(user.get("/api/wallet/me").body().get("verified").asBoolean()).isFalse();

        long bound = user.bind(goodCard);
        assertThat(user.startBinding(goodCard).code()).isEqualTo("card_already_bound");
        assertThat(user.topUp(bound, 0, requestId()).code()).isEqualTo("invalid_amount");
        assertThat(user.topUp(bound, -5, requestId()).code()).isEqualTo("invalid_amount");
        assertThat(user.topUp(bound, 100, "bad id with spaces").code()).isEqualTo("invalid_request_id");
        assertThat(user.withdraw(bound, 100, requestId(), "123456").code()).isEqualTo("payment_password_not_set");
        user.put("/api/wallet/security/payment-password", Map.of("newPassword", WalletApiClient.PAY_PASSWORD));
        WalletApiClient.Answer broke = user.withdraw(bound, 100, requestId(), WalletApiClient.PAY_PASSWORD);
        assertThat(broke.status()).isEqualTo(422);
        assertThat(broke.code()).isEqualTo("insufficient_balance");
        assertThat(user.get("/api/wallet/limits").body().get("withdrawalFreeLeftFen").asLong()).isEqualTo(1_000_00);
        assertThat(user.get("/api/wallet/bills").body()).isEmpty();
    }

    @Test
    void oneUserCannotSeeOrUseAnothersCardsOrRecords() throws Exception {
        WalletApiClient alice = client();
        long aliceCard = alice.verifiedWithCard(TestCard.ALWAYS_SUCCEEDS);
        long topUp = alice.topUp(aliceCard, 100_00, requestId()).fen("id");
        WalletApiClient bob = client();
        bob.verifiedWithCard(TestCard.ALWAYS_SUCCEEDS);

        assertThat(bob.get("/api/wallet/topups/" + topUp).status()).isEqualTo(404);
        assertThat(bob.get("/api/wallet/bills/topup:" + topUp).status()).isEqualTo(404);
        assertThat(bob.topUp(aliceCard, 100_00, requestId()).status()).isEqualTo(404);
        assertThat(bob.delete("/api/wallet/cards/" + aliceCard).status()).isEqualTo(404);
        assertThat(alice.get("/api/wallet/cards").body()).hasSize(1);

        WalletApiClient anonymous = client();
        WalletApiClient.Answer refused = anonymous.get("/api/wallet/me");
        assertThat(refused.status()).isEqualTo(401);
        anonymous.token = "not-a-token";
        assertThat(anonymous.get("/api/wallet/me").status()).isEqualTo(401);
    }

    @Test
    void aCardIsBoundToAtMostThreeWallets() throws Exception {
        WalletApiClient first = client();
        first.registerAndSignIn();
        String shared = first.card(TestCard.ALWAYS_SUCCEEDS, PartnerBank.ABC);
        first.bind(shared);
        for (int i = 0; i < 2; i++) {
            WalletApiClient other = new WalletApiClient(mvc, json, first.idNumber).registerAndSignIn();
            other.bind(shared);
        }
        WalletApiClient fourth = new WalletApiClient(mvc, json, first.idNumber).registerAndSignIn();
        WalletApiClient.Answer refused = fourth.startBinding(shared);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("card_user_limit");

        // unbinding frees a place
        long firstCard = first.get("/api/wallet/cards").body().get(0).get("id").asLong();
        assertThat(first.delete("/api/wallet/cards/" + firstCard).status()).isEqualTo(204);
        assertThat(first.get("/api/wallet/cards").body()).isEmpty();
        fourth.bind(shared);
    }

    @Test
    void cardsCanBeManyWithOneDefault() throws Exception {
        WalletApiClient user = client();
        long a = user.verifiedWithCard(TestCard.ALWAYS_SUCCEEDS);
        long b = user.bind(user.card(TestCard.ALWAYS_SUCCEEDS, PartnerBank.ICBC));
        long c = user.bind(user.card(TestCard.ALWAYS_SUCCEEDS, PartnerBank.CCB));
        assertThat(user.get("/api/wallet/cards").body()).hasSize(3);
        assertThat(user.get("/api/wallet/cards").body().get(0).get("id").asLong()).isEqualTo(a);
        user.post("/api/wallet/cards/" + c + "/default", null);
        JsonNode cards = user.get("/api/wallet/cards").body();
        assertThat(cards.get(0).get("id").asLong()).isEqualTo(c);
        assertThat(cards).filteredOn(n -> n.get("isDefault").asBoolean()).hasSize(1);
        user.delete("/api/wallet/cards/" + c);
        assertThat(user.get("/api/wallet/cards").body()).extracting(n -> n.get("id").asLong()).containsExactly(a, b);
        assertThat(user.get("/api/wallet/cards").body().get(0).get("isDefault").asBoolean()).isTrue();
        // three banks confirmed the identity: Class II
        assertThat(user.get("/api/wallet/limits").body().get("accountClass").asString()).isEqualTo("II");
    }

    @Test
    void theApiIsDocumentedOutsideTheWeChatNamespace() throws Exception {
        WalletApiClient.Answer docs = client().get("/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().get("paths").has("/api/wallet/withdrawals")).isTrue();
        assertThat(docs.body().get("paths").has("/api/wallet/withdrawals/preview")).isTrue();
        assertThat(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .get("/swagger-ui/index.html")).andReturn().getResponse().getStatus()).isEqualTo(200);
    }
}
