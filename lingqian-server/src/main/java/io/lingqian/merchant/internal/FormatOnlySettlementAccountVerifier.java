package io.lingqian.merchant.internal;

import org.springframework.stereotype.Component;

import io.lingqian.merchant.SettlementAccountVerifier;

/**
 * Accepts any well-formed account: the application's field checks have already required 8-30
 * digits and a holder equal to the applicant. Until the bank connector verifies accounts for real,
 * a wrong number shows up as a failed settlement, which staff see.
 */
@Component
class FormatOnlySettlementAccountVerifier implements SettlementAccountVerifier {

    @Override
    public Verification verify(String bankName, String holderName, String accountNumber) {
        if (accountNumber == null || !accountNumber.matches("\\d{8,30}")) {
            return Verification.refused("The bank does not know this account number.");
        }
        return Verification.ok();
    }
}
