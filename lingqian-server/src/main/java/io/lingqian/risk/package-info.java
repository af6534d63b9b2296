/**
 * Risk control: the {@link io.lingqian.risk.RiskEngine} (its in-memory core ships in the
 * lingqian-risk-engine jar), rules as versioned data ({@link io.lingqian.risk.RiskRules}), the gate
 * every money movement passes before money moves ({@link io.lingqian.risk.RiskGate}, which is the
 * wallet's {@link io.lingqian.wallet.RiskCheck} and a {@link io.lingqian.payment.PaymentHook}), SMS
 * challenges, risk cases for staff ({@link io.lingqian.risk.RiskCases}), blacklists, and wallet freezes
 * including the emergency freeze without signing in ({@link io.lingqian.risk.WalletFreezes}).
 * Tables {@code risk_*} are reached only through {@code internal}. See docs/risk.md.
 */
package io.lingqian.risk;
