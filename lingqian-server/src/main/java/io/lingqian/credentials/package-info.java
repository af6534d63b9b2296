/**
 * API credentials: Lingqian's certificate authorities and platform signing keys
 * ({@link io.lingqian.credentials.PlatformKeys}), and each merchant's APIv3 key and API certificates
 * ({@link io.lingqian.credentials.MerchantCredentials}). Private keys and APIv3 keys are sealed at
 * rest with {@link io.lingqian.platform.crypto.FieldCipher}; the tables {@code credential_authority},
 * {@code platform_key}, {@code merchant_api_key} and {@code merchant_certificate} are reached only
 * through {@code internal}.
 */
package io.lingqian.credentials;
