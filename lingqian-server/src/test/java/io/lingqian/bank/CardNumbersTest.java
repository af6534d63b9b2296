package io.lingqian.bank;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

import io.lingqian.accounting.PartnerBank;

/** Luhn, the BIN table and the test-card markers, without a server. */
class CardNumbersTest {

    @Test
    void theLuhnCheckAcceptsKnownGoodNumbersAndCatchesOneWrongDigit() {
        assertThat(CardNumbers.luhnValid("79927398713")).isTrue();
        assertThat(CardNumbers.luhnValid("4111111111111111")).isTrue();
        assertThat(CardNumbers.luhnValid("4111111111111112")).isFalse();
        assertThat(CardNumbers.luhnValid("79927398710")).isFalse();
        assertThat(CardNumbers.luhnValid("7992739871a")).isFalse();
        assertThat(CardNumbers.luhnValid("")).isFalse();
        assertThat(CardNumbers.luhnCheckDigit("7992739871")).isEqualTo('3');
    }

    @Test
    void everySingleDigitTypoIsCaught() {
        String good = TestCard.ALWAYS_SUCCEEDS.example();
        for (int i = 0; i < good.length(); i++) {
            for (char d = '0'; d <= '9'; d++) {
                if (d != good.charAt(i)) {
                    String typo = good.substring(0, i) + d + good.substring(i + 1);
                    assertThat(CardNumbers.luhnValid(typo)).as(typo).isFalse();
                }
            }
        }
    }

    @Test
    void theBinNamesBankTypeAndLength() {
        Random random = new Random(7);
        for (CardBin bin : CardNumbers.bins()) {
            String card = TestCard.ALWAYS_SUCCEEDS.number(bin.bank(), bin.type(), random);
            assertThat(card).hasSize(bin.length()).startsWith(bin.prefix());
            assertThat(CardNumbers.lookup(card)).contains(bin);
        }
        assertThat(CardNumbers.bins()).extracting(CardBin::bank).containsAll(java.util.List.of(PartnerBank.values()));
        String cmbDebit = TestCard.ALWAYS_SUCCEEDS.example();
        assertThat(CardNumbers.lookup(cmbDebit).orElseThrow().bank()).isEqualTo(PartnerBank.CMB);
        assertThat(CardNumbers.lookup(cmbDebit).orElseThrow().type()).isEqualTo(CardType.DEBIT);
    }

    @Test
    void aNumberIsRefusedWithTheReason() {
        String good = TestCard.ALWAYS_SUCCEEDS.example();
        assertThat(CardNumbers.problem(good)).isEmpty();
        assertThat(CardNumbers.problem("6225 8800 " + good.substring(8))).isEmpty();
        assertThat(CardNumbers.problem("12345")).get().asString().contains("12 to 19 digits");
        String badCheck = good.substring(0, good.length() - 1) + (char) ('0' + (good.charAt(good.length() - 1) - '0' + 1) % 10);
        assertThat(CardNumbers.problem(badCheck)).get().asString().contains("Luhn");
        // Luhn-valid, but a Visa test number no partner bank issues
        assertThat(CardNumbers.problem("4111111111111111")).get().asString().contains("not issued by a partner bank");
        // a partner BIN with the wrong length
        String payload = "62258800000000000";
        assertThat(CardNumbers.problem(payload + CardNumbers.luhnCheckDigit(payload))).get().asString()
                .contains("not issued");
    }

    @Test
    void theMarkerBeforeTheCheckDigitSelectsTheBehaviour() {
        Random random = new Random(11);
        for (TestCard behaviour : TestCard.values()) {
            String card = behaviour.number(PartnerBank.ICBC, CardType.DEBIT, random);
            assertThat(CardNumbers.luhnValid(card)).isTrue();
            assertThat(TestCard.of(card)).isEqualTo(behaviour);
            assertThat(TestCard.of(behaviour.example())).isEqualTo(behaviour);
            assertThat(CardNumbers.problem(behaviour.example())).isEmpty();
        }
        assertThat(TestCard.of("6225880000012345")).isEqualTo(TestCard.ALWAYS_SUCCEEDS);
    }

    @Test
    void aCardIsShownByItsLastFourOnly() {
        assertThat(CardNumbers.lastFour("6225 8800 0000 1234")).isEqualTo("1234");
        assertThat(CardNumbers.mask("1234")).isEqualTo("•••• 1234");
        assertThat(new FourElements("Li Lei", "110101199003074514", "6225880000001234", "13800000001").toString())
                .doesNotContain("62258800").doesNotContain("110101").doesNotContain("13800000001").contains("1234");
    }
}
