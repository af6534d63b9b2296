package io.lingqian.bank;

import java.util.Random;

import io.lingqian.accounting.PartnerBank;

/**
 * How the simulated bank treats a card, read from the four digits just before the check digit. Any
 * Luhn-valid number with a partner bank's BIN is a card; most behave like {@link #ALWAYS_SUCCEEDS},
 * and these markers select the others. {@link #number} makes such a card for tests and demos.
 */
public enum TestCard {
    /** Marker 8800 (and any number without another marker): every check and operation succeeds at once. */
    ALWAYS_SUCCEEDS("8800", "Verification, top-up and withdrawal succeed at once."),
    /** Marker 8801: debits fail with INSUFFICIENT_FUNDS; verification and credits succeed. */
    INSUFFICIENT_FUNDS("8801", "Top-ups fail: insufficient funds. Verification and withdrawals succeed."),
    /** Marker 8802: verification succeeds (the card was frozen after binding); debits and credits fail with CARD_FROZEN. */
    CARD_FROZEN("8802", "Binds, but every top-up and withdrawal fails: card frozen."),
    /** Marker 8803: the four-element check fails, the reserved phone does not match. */
    WRONG_PHONE("8803", "Cannot be bound: the bank's reserved phone number does not match."),
    /** Marker 8804: debits and credits time out (UNKNOWN) and turn out to have succeeded. */
    TIMEOUT_THEN_SUCCEEDS("8804", "Operations time out (unknown); asked again later, they succeeded."),
    /** Marker 8805: debits and credits time out (UNKNOWN) and turn out to have failed. */
    TIMEOUT_THEN_FAILS("8805", "Operations time out (unknown); asked again later, they failed."),
    /** Marker 8806: debits and credits are accepted (PROCESSING) and succeed a little later. */
    SLOW("8806", "Operations are accepted as processing and succeed a little later."),
    /** Marker 8807: debits succeed; credits fail with CARD_CANCELLED, as for a card closed after it paid. */
    CANCELLED_AFTER_PAYING("8807", "Pays at once, but money back to it fails: the card was cancelled."),
    /** Marker 8808: debits succeed at once; credits are accepted (PROCESSING) and succeed a little later. */
    SLOW_CREDITS("8808", "Pays at once; money back to it arrives a little later.");

    private final String marker;
    private final String description;

    TestCard(String marker, String description) {
        this.marker = marker;
        this.description = description;
    }

    public String marker() {
        return marker;
    }

    public String description() {
        return description;
    }

    /** The behaviour of a card number: the marker before its check digit, or {@link #ALWAYS_SUCCEEDS}. */
    public static TestCard of(String cardNumber) {
        String digits = CardNumbers.normalize(cardNumber);
        if (digits.length() >= 5) {
            String found = digits.substring(digits.length() - 5, digits.length() - 1);
            for (TestCard card : values()) {
                if (card.marker.equals(found)) {
                    return card;
                }
            }
        }
        return ALWAYS_SUCCEEDS;
    }

    /** A valid card of this behaviour from {@code bank}, with random digits between BIN and marker. */
    public String number(PartnerBank bank, CardType type, Random random) {
        CardBin bin = CardNumbers.bin(bank, type);
        StringBuilder payload = new StringBuilder(bin.prefix());
        while (payload.length() < bin.length() - 5) {
            payload.append(random.nextInt(10));
        }
        payload.append(marker);
        return payload.toString() + CardNumbers.luhnCheckDigit(payload.toString());
    }

    /** The example of this behaviour printed in the documentation: a China Merchants Bank debit card. */
    public String example() {
        String payload = "622588" + "00000" + marker;
        return payload + CardNumbers.luhnCheckDigit(payload);
    }
}
