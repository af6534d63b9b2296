package io.lingqian.bill.internal;

import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.lingqian.bill.BillKind;
import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.merchant.MerchantFees;
import io.lingqian.partner.ProviderReach;
import io.lingqian.payment.BilledPayment;
import io.lingqian.payment.BilledRefund;
import io.lingqian.payment.PaymentRecords;
import io.lingqian.payment.Refund;

/**
 * The trade bill (交易账单) of one merchant and day (a service provider's covers its sub-merchants too): the column sets of {@code bill_type} ALL, SUCCESS and
 * REFUND with WeChat's exact names, one record per row source, and the summary.
 *
 * <p>Each row source is one database cursor: the payments (orders paid that day, in order of
 * payment; ALL and SUCCESS), then the refunds (refunds initiated that day, in the order they were
 * made; ALL and REFUND). A refund record is WeChat's: written for the day the refund was initiated,
 * with its status as it is when the bill is made, the order's amounts 0.00 (the money of the order is
 * on its payment record) and the fee returned as a negative 手续费.
 */
@Component
public class TradeBill {

    static final List<String> ALL = List.of("交易时间", "公众账号ID", "商户号", "特约商户号", "设备号", "微信订单号", "商户订单号",
            "用户标识", "交易类型", "交易状态", "付款银行", "货币种类", "应结订单金额", "代金券金额", "微信退款单号", "商户退款单号", "退款金额",
            "充值券退款金额", "退款类型", "退款状态", "商品名称", "商户数据包", "手续费", "费率", "订单金额", "申请退款金额", "费率备注");
    static final List<String> SUCCESS = List.of("交易时间", "公众账号ID", "商户号", "特约商户号", "设备号", "微信订单号", "商户订单号",
            "用户标识", "交易类型", "交易状态", "付款银行", "货币种类", "应结订单金额", "代金券金额", "商品名称", "商户数据包", "手续费", "费率",
            "订单金额", "费率备注");
    static final List<String> REFUND = List.of("交易时间", "公众账号ID", "商户号", "特约商户号", "设备号", "微信订单号", "商户订单号",
            "用户标识", "交易类型", "交易状态", "付款银行", "货币种类", "应结订单金额", "代金券金额", "退款申请时间", "退款成功时间", "微信退款单号",
            "商户退款单号", "退款金额", "充值券退款金额", "退款类型", "退款状态", "商品名称", "商户数据包", "手续费", "费率", "订单金额", "申请退款金额",
            "费率备注");
    static final List<String> SUMMARY_ALL = List.of("总交易单数", "应结订单总金额", "退款总金额", "充值券退款总金额", "手续费总金额",
            "订单总金额", "申请退款总金额");
    static final List<String> SUMMARY_SUCCESS = List.of("总交易单数", "应结订单总金额", "手续费总金额", "订单总金额");

    /** A direct merchant's record has no sub-merchant: WeChat writes 0. */
    private static final String NO_SUB_MERCHANT = "0";
    /** A payment from the wallet's balance (零钱), as the query API reports it. */
    private static final String BANK_TYPE_BALANCE = "OTHERS";
    /**
     * Every refund is initiated back along the payment's route (原路退回); a later re-application of an
     * ABNORMAL refund does not rewrite the record of the day it was initiated.
     */
    private static final String REFUND_TYPE_ORIGINAL = "ORIGINAL";

    private final PaymentRecords payments;
    private final MerchantFees fees;
    private final MerchantAccounts accounts;
    private final ProviderReach reach;

    TradeBill(PaymentRecords payments, MerchantFees fees, MerchantAccounts accounts, ProviderReach reach) {
        this.payments = payments;
        this.fees = fees;
        this.accounts = accounts;
        this.reach = reach;
    }

    /** Writes the bill; returns how many records it has. Call inside a transaction (the cursors need one). */
    public long write(long merchantId, BillKind kind, Instant from, Instant to, OutputStream out) {
        BillCsv csv = new BillCsv(out);
        csv.header(switch (kind) {
            case TRADE_ALL -> ALL;
            case TRADE_SUCCESS -> SUCCESS;
            case TRADE_REFUND -> REFUND;
            case FUND_BASIC -> throw new IllegalArgumentException("not a trade bill: " + kind);
        });
        List<Source> sources = sources(merchantId);
        Totals totals = new Totals();
        if (kind != BillKind.TRADE_REFUND) {
            for (Source source : sources) {
                payments.forEachPaid(source.merchantId(), from, to, payment -> {
                    paymentRecord(csv, payment, kind, source);
                    totals.add(payment);
                });
            }
        }
        if (kind != BillKind.TRADE_SUCCESS) {
            for (Source source : sources) {
                payments.forEachRefund(source.merchantId(), from, to, refund -> {
                    refundRecord(csv, refund, kind, source);
                    totals.add(refund.refund());
                });
            }
        }
        if (totals.records == 0) {
            return 0;
        }
        if (kind == BillKind.TRADE_SUCCESS) {
            csv.header(SUMMARY_SUCCESS);
            csv.text(Long.toString(totals.records)).yuan(totals.settlementFen).yuan(totals.feeFen)
                    .yuan(totals.totalFen).end();
        } else {
            csv.header(SUMMARY_ALL);
            csv.text(Long.toString(totals.records)).yuan(totals.settlementFen).yuan(totals.refundFen)
                    .yuan(totals.rechargeCouponRefundFen).yuan(totals.feeFen).yuan(totals.totalFen)
                    .yuan(totals.refundFen).end();
        }
        csv.flush();
        return totals.records;
    }

    /**
     * Whose records the merchant's bill has, and how its 商户号 and 特约商户号 read. A direct merchant's
     * bill has its own records, 特约商户号 0. A service provider's has its own records and then every
     * sub-merchant's, each under the provider's mchid with the sub_mchid as 特约商户号 and at the
     * sub-merchant's rate. A sub-merchant's own bill reads the same way as its rows in its provider's.
     */
    private List<Source> sources(long merchantId) {
        Optional<Long> provider = reach.providerOf(merchantId);
        List<Source> sources = new ArrayList<>();
        sources.add(new Source(merchantId, percent(fees.rateOf(merchantId).rateBasisPoints()),
                provider.map(this::mchidOf).orElse(null), provider.isPresent()));
        List<Long> subMerchants = reach.subMerchantIds(merchantId);
        if (!subMerchants.isEmpty()) {
            String spMchid = mchidOf(merchantId);
            for (long sub : subMerchants) {
                sources.add(new Source(sub, percent(fees.rateOf(sub).rateBasisPoints()), spMchid, true));
            }
        }
        return sources;
    }

    private String mchidOf(long merchantId) {
        return accounts.merchant(merchantId).flatMap(m -> m.mchid()).orElseThrow();
    }

    /**
     * One merchant's records in a bill.
     *
     * @param mchidColumn 商户号: null for the record's own mchid (a direct merchant), else the provider's
     * @param subMerchant whether 特约商户号 is the record's own mchid (else 0)
     */
    private record Source(long merchantId, String rate, String mchidColumn, boolean subMerchant) {

        String mchid(String recordMchid) {
            return mchidColumn == null ? recordMchid : mchidColumn;
        }

        String subMchid(String recordMchid) {
            return subMerchant ? recordMchid : NO_SUB_MERCHANT;
        }
    }

    /**
     * A payment's record: 代金券金额 is every discount (the total less what the payer paid); 应结订单金额
     * is the total less the merchant-funded (免充值) discounts, since pre-funded coupons are paid to
     * the merchant from their budget.
     */
    private static void paymentRecord(BillCsv csv, BilledPayment o, BillKind kind, Source source) {
        long discountFen = o.totalFen() - o.payerTotalFen();
        csv.time(o.successTime()).text(o.appid()).text(source.mchid(o.mchid())).text(source.subMchid(o.mchid()))
                .text(o.deviceId()).text(o.transactionId()).text(o.outTradeNo()).text(o.payerOpenid())
                .text(o.tradeType().name()).text("SUCCESS").text(bankType(o.bankType())).text(o.currency())
                .yuan(o.settlementTotalFen()).yuan(discountFen);
        if (kind == BillKind.TRADE_ALL) {
            // A payment row has no refund: WeChat writes 0 for the refund numbers and amounts, nothing for their kinds.
            csv.text("0").text("0").yuan(0).yuan(0).text("").text("");
        }
        csv.text(o.description()).text(o.attach()).yuan(o.feeFen()).text(source.rate()).yuan(o.totalFen());
        if (kind == BillKind.TRADE_ALL) {
            csv.yuan(0);
        }
        csv.text("").end();
    }

    /**
     * A refund's record. 退款金额 is the refund (every discount is a funded recharge coupon, so no
     * part of it is a no-recharge coupon's), 充值券退款金额 the discounts' share of it, 申请退款金额 the
     * amount asked for; 手续费 is the fee returned, negative. The order's amounts are 0.00: the refund
     * record moves no order money, as WeChat writes it.
     */
    private static void refundRecord(BillCsv csv, BilledRefund billed, BillKind kind, Source source) {
        Refund r = billed.refund();
        csv.time(r.createdAt()).text(billed.appid()).text(source.mchid(r.mchid())).text(source.subMchid(r.mchid()))
                .text(billed.deviceId()).text(r.transactionId()).text(r.outTradeNo()).text(billed.payerOpenid())
                .text(billed.tradeType().name()).text("REFUND").text(bankType(billed.bankType())).text("CNY")
                .yuan(0).yuan(0);
        if (kind == BillKind.TRADE_REFUND) {
            csv.time(r.createdAt());
            if (r.successTime() == null) {
                csv.text("");
            } else {
                csv.time(r.successTime());
            }
        }
        csv.text(r.refundId()).text(r.outRefundNo()).yuan(r.refundFen()).yuan(r.discountRefundFen())
                .text(REFUND_TYPE_ORIGINAL).text(refundStatus(r)).text(billed.description()).text(billed.attach())
                .yuan(-r.feeRefundFen()).text(source.rate()).yuan(0).yuan(r.refundFen()).text("").end();
    }

    /**
     * 退款状态 as WeChat's bills write it: SUCCESS, PROCESSING, and FAIL for a refund that did not reach
     * the payer (ABNORMAL, waiting for the merchant to re-apply it, or CLOSED).
     */
    private static String refundStatus(Refund r) {
        return switch (r.status()) {
            case SUCCESS -> "SUCCESS";
            case PROCESSING -> "PROCESSING";
            case ABNORMAL, CLOSED -> "FAIL";
        };
    }

    private static String bankType(String bankType) {
        return bankType == null ? BANK_TYPE_BALANCE : bankType;
    }

    /** "0.60%": basis points with two decimals, as WeChat writes the rate. */
    static String percent(int basisPoints) {
        return String.format("%d.%02d%%", basisPoints / 100, basisPoints % 100);
    }

    private static final class Totals {
        long records;
        long settlementFen;
        long feeFen;
        long totalFen;
        long refundFen;
        long rechargeCouponRefundFen;

        void add(BilledPayment o) {
            records++;
            settlementFen = Math.addExact(settlementFen, o.settlementTotalFen());
            feeFen = Math.addExact(feeFen, o.feeFen());
            totalFen = Math.addExact(totalFen, o.totalFen());
        }

        /** A refund counts as a record, and its fee returned comes off the day's fees (手续费总金额 is net). */
        void add(Refund r) {
            records++;
            refundFen = Math.addExact(refundFen, r.refundFen());
            rechargeCouponRefundFen = Math.addExact(rechargeCouponRefundFen, r.discountRefundFen());
            feeFen = Math.subtractExact(feeFen, r.feeRefundFen());
        }
    }
}
