/**
 * WeChat Pay APIv3 on {@code /v3/**}: {@code WECHATPAY2-SHA256-RSA2048} request authentication,
 * signed responses with the exact header names the SDKs read, and {@code {"code","message"}} errors.
 * Controllers take the caller as {@code @AuthenticationPrincipal MerchantApiCaller} and throw
 * {@link io.lingqian.api.v3.V3Error} for a refusal.
 */
package io.lingqian.api.v3;
