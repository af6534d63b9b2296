package io.lingqian.api.v3;

import java.util.Objects;

/**
 * The merchant whose signature on a v3 request was verified; controllers take it as
 * {@code @AuthenticationPrincipal MerchantApiCaller}.
 *
 * @param serialNo the serial of the merchant key that signed the request, as the merchant wrote it
 */
public record MerchantApiCaller(long merchantId, String mchid, String serialNo) {

    /**
     * Refuses a request whose body or path names another merchant than the one that signed it.
     *
     * @throws V3Error 400 {@code INVALID_REQUEST}
     */
    public void requireMchid(String mchidInRequest) {
        if (!Objects.equals(mchid, mchidInRequest)) {
            throw V3Error.invalidRequest("mchid " + mchidInRequest + " does not match the merchant that signed the request");
        }
    }
}
