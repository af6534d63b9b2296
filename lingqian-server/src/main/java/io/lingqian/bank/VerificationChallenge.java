package io.lingqian.bank;

import java.time.Instant;

import io.lingqian.accounting.PartnerBank;

/**
 * A four-element check in progress: the bank has sent an SMS code to the card's reserved phone.
 *
 * @param maskedPhone the reserved phone as the bank shows it ("138****0001")
 */
public record VerificationChallenge(String challengeId, PartnerBank bank, CardType cardType, String maskedPhone,
                                    Instant expiresAt) {
}
