package io.lingqian.merchant.internal;

import java.util.Arrays;

import org.springframework.stereotype.Component;

import io.lingqian.accounting.PartnerBank;
import io.lingqian.bank.AccountEnquiry;
import io.lingqian.bank.BankConnector;
import io.lingqian.bank.BankException;
import io.lingqian.bank.CorporateAccount;
import io.lingqian.merchant.SettlementAccountVerifier;

/** Verifies a settlement account by an account-name enquiry at its bank. */
@Component
class BankSettlementAccountVerifier implements SettlementAccountVerifier {

    private final BankConnector bank;

    BankSettlementAccountVerifier(BankConnector bank) {
        this.bank = bank;
    }

    @Override
    public Verification verify(String bankName, String holderName, String accountNumber) {
        if (Arrays.stream(PartnerBank.values()).noneMatch(b -> b.name().equals(bankName))) {
            return Verification.refused("Lingqian cannot pay to this bank; choose a partner bank.");
        }
        AccountEnquiry answer;
        try {
            answer = bank.enquireAccount(new CorporateAccount(PartnerBank.valueOf(bankName), accountNumber, holderName));
        } catch (BankException malformed) {
            return Verification.refused(malformed.getMessage());
        }
        return switch (answer.status()) {
            case MATCHES -> Verification.ok();
            case NAME_MISMATCH -> Verification.refused(
                    "The bank says this account is not held by the applicant: its holder name differs from the legal name.");
            case CLOSED -> Verification.refused("The bank says this account has been closed.");
        };
    }
}
