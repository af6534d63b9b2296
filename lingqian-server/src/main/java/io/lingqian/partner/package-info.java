/**
 * Service providers (服务商) and their sub-merchants (特约商户), domain-rules.md §6.1. A provider is
 * a merchant whose application was declared to be for a service provider
 * ({@link io.lingqian.partner.ServiceProviders#declare}); once active its mchid is an {@code sp_mchid}
 * with its own credentials and apps ({@code sp_appid}). A sub-merchant is an ordinary merchant opened
 * by a provider and bound to it for life: the provider fills in and submits its application through
 * the same machinery as everyone's ({@link io.lingqian.merchant.MerchantApplications}), staff review
 * it in the same queue, and approval gives it the mchid that is its {@code sub_mchid}. Orders a
 * provider places for a sub-merchant are the sub-merchant's orders (its money, its fee rate); this
 * context keeps only their partner side ({@link io.lingqian.partner.PartnerOrders}). A provider may
 * also onboard a shop by the v3 applyment API ({@link io.lingqian.partner.Applyments}, states in
 * {@link io.lingqian.partner.ApplymentState}): the same sub-merchant and merchant application, plus the
 * data check, the legal person's sign link and the sensitive fields sealed. Every method a
 * provider calls takes the provider's merchant id, so a provider never reaches another's
 * sub-merchants. Tables {@code partner_*} are reached only through {@code internal}. See
 * docs/service-providers.md.
 */
package io.lingqian.partner;
