package io.lingqian.bill.internal;

import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.TransferCode;
import io.lingqian.ledger.Account;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.Statement;
import io.lingqian.ledger.TransferKind;

/**
 * The fund-flow bill (资金账单) of the basic account: every posted movement of the merchant's
 * settlement account in the day, from the ledger's statement, with the balance after it. Holds and
 * released holds move no posted money and are left out, as a bank statement leaves out authorisations.
 */
@Component
public class FundFlowBill {

    static final List<String> HEADER = List.of("记账时间", "微信支付业务单号", "资金流水单号", "业务名称", "业务类型", "收支类型",
            "收支金额(元)", "账户结余(元)", "资金变更提交申请人", "备注", "业务凭证号");
    static final List<String> SUMMARY = List.of("资金流水总笔数", "收入笔数", "收入金额", "支出笔数", "支出金额");

    /** Every movement of a settlement account is made by Lingqian itself, never typed in by a person. */
    private static final String SUBMITTED_BY = "system";

    private final Ledger ledger;

    FundFlowBill(Ledger ledger) {
        this.ledger = ledger;
    }

    /** Writes the bill; returns how many records it has. Call inside a transaction (the cursor needs one). */
    public long write(long merchantId, Instant from, Instant to, OutputStream out) {
        Optional<Account> account = ledger.accountByReference(CustomerAccounts.merchantSettlementReference(merchantId));
        if (account.isEmpty()) {
            return 0;
        }
        BillCsv csv = new BillCsv(out);
        csv.header(HEADER);
        long[] income = {0, 0};
        long[] expense = {0, 0};
        ledger.statement(account.get().id(), from, to, line -> {
            if (line.kind() != TransferKind.SINGLE && line.kind() != TransferKind.POST_PENDING) {
                return;
            }
            boolean in = line.side() == Statement.Side.CREDIT;
            long[] sum = in ? income : expense;
            sum[0]++;
            sum[1] = Math.addExact(sum[1], line.amount());
            String[] business = business(line.code(), in);
            long balance = line.after().creditsPosted() - line.after().debitsPosted();
            csv.time(line.at()).text(businessNumber(line)).text(Long.toString(line.seq())).text(business[0])
                    .text(business[1]).text(in ? "收入" : "支出").yuan(line.amount()).yuan(balance).text(SUBMITTED_BY)
                    .text("").text(line.transferId()).end();
        });
        long records = income[0] + expense[0];
        if (records == 0) {
            return 0;
        }
        csv.header(SUMMARY);
        // Counts written as WeChat's documented sample writes them: "20.0".
        csv.text(records + ".0").text(income[0] + ".0").yuan(income[1]).text(expense[0] + ".0").yuan(expense[1]).end();
        csv.flush();
        return records;
    }

    /** 业务名称 and 业务类型 of a movement, in WeChat's words. */
    static String[] business(int code, boolean in) {
        TransferCode transferCode;
        try {
            transferCode = TransferCode.ofCode(code);
        } catch (IllegalArgumentException unknown) {
            return new String[] {"其他", "其他"};
        }
        return switch (transferCode) {
            case PAYMENT -> new String[] {"交易", "交易"};
            case COUPON_REDEMPTION -> new String[] {"交易", "代金券"};
            case PAYMENT_FEE -> new String[] {"交易", "扣除交易手续费"};
            case REFUND -> new String[] {"退款", "退款"};
            case FEE_REFUND -> new String[] {"退款", "退还交易手续费"};
            case SETTLEMENT -> in ? new String[] {"提现", "提现退回"} : new String[] {"提现", "提现"};
            case PAYOUT -> new String[] {"企业付款", "企业付款"};
            case MERCHANT_DEPOSIT -> new String[] {"保证金", "保证金"};
            case ADJUSTMENT -> new String[] {"调账", "调账"};
            default -> new String[] {"其他", "其他"};
        };
    }

    /**
     * 微信支付业务单号: the business object the movement belongs to, from its ledger reference
     * ({@code payment:<transaction_id>} gives the transaction id, {@code settlement:<id>} the settlement).
     */
    static String businessNumber(Statement.Line line) {
        String reference = line.reference();
        if (reference == null || reference.isEmpty()) {
            return line.transferId();
        }
        int colon = reference.indexOf(':');
        if (colon < 0) {
            return reference;
        }
        int next = reference.indexOf(':', colon + 1);
        return next < 0 ? reference.substring(colon + 1) : reference.substring(colon + 1, next);
    }
}
