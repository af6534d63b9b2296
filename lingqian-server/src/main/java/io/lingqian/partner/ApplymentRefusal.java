package io.lingqian.partner;

/**
 * Why an applyment call is refused; the API layer answers each in WeChat Pay's codes. Nothing has
 * changed when one is thrown.
 */
public class ApplymentRefusal extends RuntimeException {

    public enum Reason {
        /** The caller is not an active service provider. */
        NOT_A_PROVIDER,
        /** No such application of this provider (another provider's looks the same). */
        NOT_FOUND,
        /** The business_code names an application with other content that cannot be resubmitted now. */
        BUSINESS_CODE_USED,
        /** A field breaks a rule of the application; {@link #field()} names it as the API does. */
        INVALID_FIELD
    }

    private final Reason reason;
    private final String field;

    ApplymentRefusal(Reason reason, String field, String message) {
        super(message, null, false, false);
        this.reason = reason;
        this.field = field;
    }

    public Reason reason() {
        return reason;
    }

    /** The request field at fault for {@code INVALID_FIELD}; null otherwise. */
    public String field() {
        return field;
    }
}
