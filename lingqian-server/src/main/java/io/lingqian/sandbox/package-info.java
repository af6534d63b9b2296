/**
 * The sandbox controls (docs/sandbox.md): per merchant, off unless switched on (on for the demo
 * merchant). A merchant with them on can force outcomes of its own payments ({@code USERPAYING},
 * {@code PAYERROR}, immediate {@code SUCCESS}) and refunds (held {@code PROCESSING}, {@code ABNORMAL}) by
 * rules ({@link io.lingqian.sandbox.Sandbox}), inject faults into its notifications (duplicates,
 * delay, out-of-order), pay an order as the test payer the platform keeps for it
 * ({@link io.lingqian.sandbox.SandboxPayers}), and, only on an installation started with
 * {@code lingqian.sandbox.global-clock=true}, move the platform clock.
 *
 * <p>The controls reach the payment and notification contexts only through their extension points
 * ({@link io.lingqian.payment.PaymentHook}, {@link io.lingqian.payment.RefundHook},
 * {@link io.lingqian.payment.OrderPlaced}, {@link io.lingqian.notification.NotificationFaults}) and
 * their public services. Tables {@code sandbox_*} are reached only through {@code internal}.
 */
package io.lingqian.sandbox;
