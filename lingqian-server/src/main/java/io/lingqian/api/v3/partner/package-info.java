/**
 * WeChat Pay's partner (服务商) mode on {@code /v3/pay/partner/transactions} (reference §3.9, the SDK's
 * {@code partnerpayments} models): a service provider signs with its own credentials and names the
 * sub-merchant by {@code sub_mchid}. The orders are the sub-merchant's ({@link io.lingqian.payment}),
 * the provider relationship is {@link io.lingqian.partner}'s; this package reads and writes the
 * partner shapes and sends the provider its {@code TRANSACTION.SUCCESS} notifications.
 */
package io.lingqian.api.v3.partner;
