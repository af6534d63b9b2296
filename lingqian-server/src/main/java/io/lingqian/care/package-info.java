/**
 * Customer care: compensation claims for stolen funds ({@link io.lingqian.care.Claims}, paid from the
 * compensation fund through the ledger, {@link io.lingqian.care.CompensationFund}), complaints about
 * a merchant payment ({@link io.lingqian.care.Complaints}, with the merchant's deadlines enforced by
 * the clock and staff escalation that refunds from the merchant's funds through
 * {@link io.lingqian.payment.Refunds}), and general support tickets with a first-answer SLA
 * ({@link io.lingqian.care.Tickets}). Each long-lived object is an explicit state machine with its own
 * event history. Tables {@code care_*} are reached only through {@code internal}. See docs/care.md.
 */
package io.lingqian.care;
