package io.lingqian.merchant;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.lingqian.merchant.internal.ApplicationStore;
import io.lingqian.merchant.internal.FeeStore;
import io.lingqian.merchant.internal.MerchantStore;
import io.lingqian.platform.ApiProblem;
import io.lingqian.platform.ApiProblemException;

/**
 * Each merchant's fee rate and settlement cycle: its category's defaults (domain-rules.md §6.3), or
 * what staff set for it. Payments call {@link #feeOfPayment} at payment time; refunds use
 * {@link Fees#refundFeeOf}.
 */
@Service
public class MerchantFees {

    /** The standard rule when a merchant has no category yet: 0.6 %, T+1. */
    static final MerchantCategory STANDARD = MerchantCategory.RETAIL;
    static final int MAX_SETTLEMENT_DAYS = 30;

    private final FeeStore fees;
    private final ApplicationStore applications;
    private final MerchantStore merchants;
    private final Clock clock;

    MerchantFees(FeeStore fees, ApplicationStore applications, MerchantStore merchants, Clock clock) {
        this.fees = fees;
        this.applications = applications;
        this.merchants = merchants;
        this.clock = clock;
    }

    public FeeRate rateOf(long merchantId) {
        Optional<MerchantCategory> category = applications.findByMerchant(merchantId)
                .flatMap(MerchantApplication::category);
        return fees.find(merchantId)
                .map(o -> new FeeRate(o.rateBp(), o.settlementDays(), category, true, o.reason()))
                .orElseGet(() -> {
                    MerchantCategory c = category.orElse(STANDARD);
                    return new FeeRate(c.rateBasisPoints(), c.settlementDays(), category, false, "");
                });
    }

    /** The fee the merchant pays on a payment of {@code amountFen}, rounded as {@link Fees} says. */
    public long feeOfPayment(long merchantId, long amountFen) {
        return Fees.feeOf(amountFen, rateOf(merchantId).rateBasisPoints());
    }

    /**
     * Staff (FINANCE or ADMIN; the admin console checks) set a merchant's rate and cycle. Applies to
     * payments from now on; fees already charged stay as they were.
     *
     * @throws InvalidApplicationException with errors on {@code rateBasisPoints}, {@code settlementDays} or {@code reason}
     */
    @Transactional
    public FeeRate override(long merchantId, int rateBasisPoints, int settlementDays, String reason, Actor staff) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (rateBasisPoints < 0 || rateBasisPoints > Fees.BASIS_POINTS) {
            errors.put("rateBasisPoints", "0 to 10,000 basis points (60 is 0.6 %).");
        }
        if (settlementDays < 0 || settlementDays > MAX_SETTLEMENT_DAYS) {
            errors.put("settlementDays", "0 to " + MAX_SETTLEMENT_DAYS + " days.");
        }
        if (reason == null || reason.isBlank() || reason.strip().length() > 500) {
            errors.put("reason", "Say why (1 to 500 characters).");
        }
        if (!errors.isEmpty()) {
            throw new InvalidApplicationException(errors);
        }
        if (merchants.findMerchant(merchantId).isEmpty()) {
            throw new ApiProblemException(HttpStatus.NOT_FOUND, ApiProblem.NOT_FOUND, "No such merchant.");
        }
        fees.upsert(merchantId, rateBasisPoints, settlementDays, reason.strip(), staff.id(), clock.instant());
        return rateOf(merchantId);
    }
}
