package io.lingqian.partner;

import java.util.List;
import java.util.Optional;

/**
 * A sub-merchant application submitted through the v3 applyment API, as its provider queries it.
 *
 * @param subMchid     the shop's mchid, once the application is FINISH
 * @param signToken    the token of the sign link while the legal person has something to do there
 *                     (ACCOUNT_NEED_VERIFY, NEED_SIGN)
 * @param auditDetails why it was rejected, field by field; empty unless REJECTED
 */
public record Applyment(long applymentId, String businessCode, long providerId, long subMerchantId,
                        ApplymentState state, Optional<String> subMchid, Optional<String> signToken,
                        List<AuditDetail> auditDetails) {

    public Applyment {
        auditDetails = List.copyOf(auditDetails);
    }

    /**
     * @param field     the request field, as the applyment API names it ({@code account_number})
     * @param fieldName its name for people
     */
    public record AuditDetail(String field, String fieldName, String rejectReason) {
    }
}
