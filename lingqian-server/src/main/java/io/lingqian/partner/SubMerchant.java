package io.lingqian.partner;

import java.time.Instant;
import java.util.Optional;

import io.lingqian.merchant.ApplicationState;

/**
 * A sub-merchant as its provider sees it.
 *
 * @param subMchid     the mchid assigned at approval; empty before
 * @param businessCode the provider's own number for the application
 */
public record SubMerchant(long merchantId, long providerId, String name, Optional<String> subMchid,
                          String businessCode, ApplicationState applicationState, Instant createdAt) {
}
