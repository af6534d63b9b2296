package io.lingqian.partner;

/**
 * Why a call on a sub-merchant's behalf is refused; the API layer answers each in WeChat Pay's codes.
 * Nothing has changed when one is thrown.
 */
public class PartnerRefusal extends RuntimeException {

    public enum Reason {
        /** The caller is not a service provider (a direct merchant or a sub-merchant). */
        NOT_A_PROVIDER,
        /** The sub_mchid is unknown, or bound to another provider: the two look the same from outside. */
        NOT_OWN_SUB_MERCHANT,
        /** The sp_appid is not the provider's, or the sub_appid not the sub-merchant's. */
        APPID_MISMATCH
    }

    private final Reason reason;

    public PartnerRefusal(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
