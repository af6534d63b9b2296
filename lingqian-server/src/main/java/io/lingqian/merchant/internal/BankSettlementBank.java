package io.lingqian.merchant.internal;

import org.springframework.stereotype.Component;

import io.lingqian.accounting.PartnerBank;
import io.lingqian.bank.BankConnector;
import io.lingqian.bank.BankOperation;
import io.lingqian.bank.CorporateAccount;
import io.lingqian.merchant.SettlementBank;

/**
 * Pays settlements through the bank connector, the instruction id being the bank's operation id: a
 * repeated instruction gets the bank's current answer for the first one and never pays twice.
 */
@Component
class BankSettlementBank implements SettlementBank {

    private final BankConnector bank;

    BankSettlementBank(BankConnector bank) {
        this.bank = bank;
    }

    @Override
    public Result pay(Payout payout) {
        BankOperation answer = bank.payToAccount(payout.instructionId(), PartnerBank.valueOf(payout.payingBank()),
                new CorporateAccount(PartnerBank.valueOf(payout.bankName()), payout.accountNumber(),
                        payout.holderName()), payout.amountFen());
        return switch (answer.status()) {
            case SUCCEEDED -> new Result(Outcome.SUCCEEDED, "paid by " + answer.bank().displayName());
            case FAILED -> new Result(Outcome.FAILED, answer.failureCode() + ": " + answer.failureMessage());
            case PROCESSING -> new Result(Outcome.UNKNOWN, "the bank is still processing the payout");
            case UNKNOWN -> new Result(Outcome.UNKNOWN, "the bank did not answer in time");
        };
    }
}
