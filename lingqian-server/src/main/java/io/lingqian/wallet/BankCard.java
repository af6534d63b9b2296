package io.lingqian.wallet;

import java.time.Instant;

import io.lingqian.accounting.PartnerBank;
import io.lingqian.bank.CardNumbers;
import io.lingqian.bank.CardType;

/** A card bound to a wallet, as shown: bank, type and last four digits only. */
public record BankCard(long id, PartnerBank bank, CardType type, String lastFour, String maskedPhone,
                       boolean isDefault, Instant boundAt) {

    public String bankName() {
        return bank.displayName();
    }

    public String masked() {
        return CardNumbers.mask(lastFour);
    }

    /** "China Merchants Bank debit •••• 1234". */
    public String label() {
        return bank.displayName() + " " + type.name().toLowerCase() + " " + masked();
    }
}
