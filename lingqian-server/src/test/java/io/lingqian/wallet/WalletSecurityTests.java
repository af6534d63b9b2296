package io.lingqian.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.accounting.PartnerBank;
import io.lingqian.bank.TestCard;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.testing.ServerTest;
import tools.jackson.databind.json.JsonMapper;

/** Payment password lockout and reset, limits on outflows, devices with the hardware lock, payment codes. */
@ServerTest
class WalletSecurityTests {

    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;
    @Autowired AdjustableClock clock;
    @Autowired PaymentSecurity security;
    @Autowired WalletLimits limits;
    @Autowired PaymentCodes codes;
    @Autowired TransactionTemplate transactions;

    @Test
    void fiveWrongPasswordsLockItForThreeHoursAndReverificationResetsIt() throws Exception {
        WalletApiClient user = new WalletApiClient(mvc, json);
        long card = user.verifiedWithCard(TestCard.ALWAYS_SUCCEEDS);
        user.topUp(card, 100_00, "r-" + UUID.randomUUID());
        for (int left = 4; left >= 1; left--) {
            WalletApiClient.Answer wrong = user.withdraw(card, 1_00, "r-" + UUID.randomUUID(), "000001");
            assertThat(wrong.code()).isEqualTo("wrong_payment_password");
            assertThat(wrong.text("detail")).contains(left + " attempts left");
        }
        WalletApiClient.Answer locking = user.withdraw(card, 1_00, "r-" + UUID.randomUUID(), "000001");
        assertThat(locking.status()).isEqualTo(423);
        // locked: even the right password is refused, and nothing moved
        assertThat(user.withdraw(card, 1_00, "r-" + UUID.randomUUID(), WalletApiClient.PAY_PASSWORD).status())
                .isEqualTo(423);
        assertThat(user.balance()).isEqualTo(100_00);
        assertThat(user.get("/api/wallet/security").body().get("lockedUntil").isNull()).isFalse();

        clock.advance(Duration.ofHours(3).minusMinutes(1));
        assertThat(user.withdraw(card, 1_00, "r-" + UUID.randomUUID(), WalletApiClient.PAY_PASSWORD).status())
                .isEqualTo(423);
        clock.advance(Duration.ofMinutes(1));
        assertThat(user.withdraw(card, 1_00, "r-" + UUID.randomUUID(), WalletApiClient.PAY_PASSWORD).text("status"))
                .isEqualTo("SUCCEEDED");

        // lock it again, then reset through re-verification: ID number plus the SMS code to the card's phone
        for (int i = 0; i < 5; i++) {
            user.withdraw(card, 1_00, "r-" + UUID.randomUUID(), "000001");
        }
        assertThat(user.post("/api/wallet/verifications/identity", Map.of("purpose", "RESET_PASSWORD", "cardId", card,
                "idNumber", WalletApiClient.randomResidentId())).code()).isEqualTo("identity_mismatch");
        WalletApiClient.Answer started = user.post("/api/wallet/verifications/identity", Map.of(
                "purpose", "RESET_PASSWORD", "cardId", card, "idNumber", user.idNumber.toLowerCase()));
        assertThat(started.status()).isEqualTo(201);
        WalletApiClient.Answer reset = user.post("/api/wallet/verifications/" + started.text("id") + "/confirm",
                Map.of("smsCode", started.text("sandboxSmsCode"), "newPaymentPassword", "975310"));
        assertThat(reset.status()).isEqualTo(200);
        assertThat(user.withdraw(card, 1_00, "r-" + UUID.randomUUID(), "975310").text("status")).isEqualTo("SUCCEEDED");
        assertThat(user.balance()).isEqualTo(98_00);
    }

    @Test
    void classOneMayPayAThousandInTotalAndPasswordFreePaymentsHaveTheirOwnLimits() throws Exception {
        WalletApiClient user = new WalletApiClient(mvc, json);
        user.verifiedWithCard(TestCard.ALWAYS_SUCCEEDS);
        long id = user.userId;
        transactions.executeWithoutResult(s -> limits.authorizeOutflow(id, WalletLimits.OutflowKind.PAYMENT, 999_99,
                false, "test:" + UUID.randomUUID()));
        assertThat(limits.limits(id).classLeftFen()).isEqualTo(1);
        assertThatThrownBy(() -> transactions.executeWithoutResult(s -> limits.authorizeOutflow(id,
                WalletLimits.OutflowKind.PAYMENT, 2, false, "test:" + UUID.randomUUID())))
                .isInstanceOf(ApiProblemException.class).hasMessageContaining("0.01 CNY is left");
        transactions.executeWithoutResult(s -> limits.authorizeOutflow(id, WalletLimits.OutflowKind.TRANSFER, 1,
                false, "test:" + UUID.randomUUID()));
        assertThat(limits.limits(id).classLeftFen()).isZero();
        // withdrawals to one's own card are outside the class limits (PBOC No. 43)
        transactions.executeWithoutResult(s -> limits.authorizeOutflow(id, WalletLimits.OutflowKind.WITHDRAWAL, 500_00,
                false, "test:" + UUID.randomUUID()));

        WalletApiClient rich = new WalletApiClient(mvc, json);
        rich.verifiedWithCard(TestCard.ALWAYS_SUCCEEDS);
        rich.bind(rich.card(TestCard.ALWAYS_SUCCEEDS, PartnerBank.ICBC));
        rich.bind(rich.card(TestCard.ALWAYS_SUCCEEDS, PartnerBank.CCB));
        long richId = rich.userId;
        assertThat(limits.limits(richId).accountClass()).isEqualTo(AccountClass.II);
        assertThat(rich.put("/api/wallet/security/password-free", Map.of("enabled", true, "limitFen", 200_01)).status())
                .isEqualTo(200);
        assertThatThrownBy(() -> transactions.executeWithoutResult(s -> limits.authorizeOutflow(richId,
                WalletLimits.OutflowKind.PAYMENT, 200_02, true, "test:" + UUID.randomUUID())))
                .hasMessageContaining("needs the payment password");
        for (int i = 0; i < 4; i++) {
            transactions.executeWithoutResult(s -> limits.authorizeOutflow(richId, WalletLimits.OutflowKind.PAYMENT,
                    200_00, true, "test:" + UUID.randomUUID()));
        }
        // 800.00 password-free today; 200.01 more would pass the 1,000.00 daily password-free limit
        assertThatThrownBy(() -> transactions.executeWithoutResult(s -> limits.authorizeOutflow(richId,
                WalletLimits.OutflowKind.PAYMENT, 200_01, true, "test:" + UUID.randomUUID())))
                .hasMessageContaining("password-free payments are used up");
        // with the password, up to 5,000.00 a day
        transactions.executeWithoutResult(s -> limits.authorizeOutflow(richId, WalletLimits.OutflowKind.PAYMENT,
                4_200_00, false, "test:" + UUID.randomUUID()));
        assertThatThrownBy(() -> transactions.executeWithoutResult(s -> limits.authorizeOutflow(richId,
                WalletLimits.OutflowKind.PAYMENT, 1, false, "test:" + UUID.randomUUID())))
                .hasMessageContaining("daily limit");
        assertThat(rich.get("/api/wallet/limits").body().get("dailyUsedFen").asLong()).isEqualTo(5_000_00);
    }

    @Test
    void theHardwareLockHoldsPaymentsToOneDeviceUntilAnotherIsTrustedByReverification() throws Exception {
        WalletApiClient phone = new WalletApiClient(mvc, json);
        long card = phone.verifiedWithCard(TestCard.ALWAYS_SUCCEEDS);
        phone.topUp(card, 50_00, "r-" + UUID.randomUUID());
        assertThat(phone.put("/api/wallet/security/hardware-lock", Map.of("enabled", true)).body()
                .get("boundDeviceId").asString()).isEqualTo(phone.deviceId);
        String phoneCode = phone.post("/api/wallet/payment-codes", null).text("code");

        WalletApiClient tablet = phone.onAnotherDevice("tablet-" + UUID.randomUUID().toString().substring(0, 8));
        assertThat(tablet.get("/api/wallet/devices").body()).hasSize(2);

        WalletApiClient.Answer refused = tablet.withdraw(card, 1_00, "r-" + UUID.randomUUID(), WalletApiClient.PAY_PASSWORD);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("device_not_trusted");
        assertThat(tablet.post("/api/wallet/payment-codes", null).code()).isEqualTo("device_not_trusted");
        assertThat(tablet.put("/api/wallet/security/payment-password", Map.of("currentPassword",
                WalletApiClient.PAY_PASSWORD, "newPassword", "975310")).code()).isEqualTo("device_not_trusted");

        WalletApiClient.Answer started = tablet.post("/api/wallet/verifications/identity", Map.of(
                "purpose", "TRUST_DEVICE", "cardId", card, "idNumber", phone.idNumber));
        tablet.post("/api/wallet/verifications/" + started.text("id") + "/confirm",
                Map.of("smsCode", started.text("sandboxSmsCode")));
        assertThat(tablet.withdraw(card, 1_00, "r-" + UUID.randomUUID(), WalletApiClient.PAY_PASSWORD).text("status"))
                .isEqualTo("SUCCEEDED");
        assertThat(phone.withdraw(card, 1_00, "r-" + UUID.randomUUID(), WalletApiClient.PAY_PASSWORD).code())
                .isEqualTo("device_not_trusted");
        // the code shown on the old phone was retired with the move
        assertThatThrownBy(() -> codes.redeem(phoneCode)).hasMessageContaining("replaced");
    }

    @Test
    void aPaymentCodeIsEighteenDigitsUsableOnceForOneMinute() throws Exception {
        WalletApiClient user = new WalletApiClient(mvc, json);
        user.verifiedWithCard(TestCard.ALWAYS_SUCCEEDS);
        String first = user.post("/api/wallet/payment-codes", null).text("code");
        assertThat(first).matches("1[0-5]\\d{16}");
        String second = user.post("/api/wallet/payment-codes", null).text("code");
        assertThatThrownBy(() -> codes.redeem(first)).hasMessageContaining("replaced");

        PaymentCode used = codes.redeem(second);
        assertThat(used.userId()).isEqualTo(user.userId);
        assertThat(used.deviceId()).isEqualTo(user.deviceId);
        assertThatThrownBy(() -> codes.redeem(second)).hasMessageContaining("used already");

        String third = user.post("/api/wallet/payment-codes", null).text("code");
        clock.advance(Duration.ofSeconds(60));
        assertThatThrownBy(() -> codes.redeem(third)).hasMessageContaining("expired");
        assertThatThrownBy(() -> codes.redeem("250000000000000000")).hasMessageContaining("18 digits starting 10 to 15");
        assertThatThrownBy(() -> codes.redeem("100000000000000000")).hasMessageContaining("does not exist");
    }
}
