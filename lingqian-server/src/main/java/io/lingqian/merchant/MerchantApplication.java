package io.lingqian.merchant;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A merchant's application as stored. The settlement account number is kept sealed and shown only
 * by its last four digits.
 *
 * @param rejectionReasons the reviewer's reason per field at the latest rejection (empty otherwise)
 * @param depositFen       the deposit the merchant owes before activation, fixed at approval
 */
public record MerchantApplication(long id, long merchantId, ApplicationState state, ApplicationForm form,
                                  Optional<String> bankAccountLast4, boolean bankAccountVerified,
                                  Map<String, String> rejectionReasons, long depositFen,
                                  Optional<Instant> depositReceivedAt, Instant createdAt, Instant updatedAt) {

    public MerchantApplication {
        rejectionReasons = Map.copyOf(rejectionReasons);
    }

    public Optional<MerchantCategory> category() {
        try {
            return Optional.ofNullable(form.category()).map(MerchantCategory::valueOf);
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
