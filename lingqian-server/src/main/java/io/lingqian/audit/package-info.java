/**
 * The audit log: every staff action and every security event (password changes and wrong passwords,
 * device trust and the hardware lock, card binding, failed sign-ins, freezes), append-only, for staff
 * to read and filter in the admin console. {@link io.lingqian.audit.AuditLog} is the public service;
 * it records the wallet's {@link io.lingqian.wallet.WalletSecurityEvent}s itself. Table
 * {@code audit_log} is reached only through {@code internal}. Nothing secret is ever written here.
 */
package io.lingqian.audit;
