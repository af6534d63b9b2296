/**
 * Notifications to merchants (WeChat Pay §4): {@link io.lingqian.notification.MerchantNotifications}
 * records a notification in the caller's transaction, beside the state change it reports, and a job
 * delivers it to the merchant's {@code notify_url}: encrypted with the merchant's APIv3 key
 * ({@code AEAD_AES_256_GCM}), signed with the platform key like a v3 response, retried on WeChat's
 * schedule ({@link io.lingqian.notification.RetrySchedule}) until the merchant answers 200 or 204, with
 * every attempt recorded. The tables {@code merchant_notification*} are reached only through
 * {@code internal}. See docs/payments.md.
 */
package io.lingqian.notification;
