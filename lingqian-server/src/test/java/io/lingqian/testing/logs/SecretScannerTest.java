package io.lingqian.testing.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.lingqian.accounting.PartnerBank;
import io.lingqian.bank.CardType;
import io.lingqian.bank.TestCard;

/** The scanner finds what it must and leaves ordinary log lines alone, so the log check can fail. */
class SecretScannerTest {

    private final SecretScanner scanner = new SecretScanner(List.of("dGVzdC1rZXk"), List.of("284619"));

    @Test
    void findsCardNumbersKeysAndPasswords() {
        String card = TestCard.ALWAYS_SUCCEEDS.number(PartnerBank.ICBC, CardType.DEBIT, new Random(7));
        List<SecretScanner.Finding> found = scanner.scan("x", List.of(
                "binding card " + card + " for user 7",
                "-----BEGIN PRIVATE KEY-----",
                "key=dGVzdC1rZXk",
                "paymentPassword=284619"));
        assertThat(found).extracting(SecretScanner.Finding::kind)
                .containsExactly("card number", "private key", "encryption key", "password");
        assertThat(found.get(0).masked()).isEqualTo(card.substring(card.length() - 4));
    }

    @Test
    void leavesIdsMaskedCardsAndOtherNumbersAlone() {
        assertThat(scanner.scan("x", List.of(
                "order 4200000001202611270123456789 paid",
                "refund 50300202611283357088306092466 SUCCESS",
                "card ****8006 bound",
                "amount 284619 fen",
                "-----BEGIN PUBLIC KEY-----",
                "1234567890123456 is not a card of a partner bank"))).isEmpty();
    }
}
