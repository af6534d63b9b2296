/**
 * Enterprise red packets (企业红包 / 现金红包): a merchant sends money to a wallet user as a red packet
 * through the v2 {@code sendredpack} and {@code sendgroupredpack} calls and queries it with
 * {@code gethbinfo} (reference §5.3; the HTTP side is {@code io.lingqian.api.v2}). The money goes
 * from the merchant's settlement balance into {@code platform:merchant_red_packet_escrow} when sent,
 * from there to the user's wallet when the user opens it in the wallet, and back to the merchant when
 * it expires unopened. Limits (domain-rules §7.4) are configuration: {@link RedpackProperties}.
 * {@link MerchantRedpacks} is the service; {@code internal} holds the SQL. See docs/marketing.md.
 */
package io.lingqian.redpack;
