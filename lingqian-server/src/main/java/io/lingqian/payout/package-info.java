/**
 * Payouts: a merchant pays users' balances from its settlement account — the v2 enterprise payment
 * (企业付款到零钱) one at a time, and v3 transfer batches (商家转账) of up to a thousand details.
 *
 * <p>Public service: {@link io.lingqian.payout.Payouts} (pay, submit a batch, queries, the portal's
 * list). Every payout is checked against {@link io.lingqian.payout.PayoutProperties} (real-name users,
 * minimum amount, per-user and per-merchant daily limits, the verified name when the merchant asks)
 * and the risk gate ({@link io.lingqian.wallet.RiskCheck}, action PAYOUT); a successful one is one
 * ledger transfer (code PAYOUT) from the merchant's settlement account to the user's wallet, with the
 * payout's number as transfer id. States are {@link io.lingqian.payout.PayoutState} and
 * {@link io.lingqian.payout.BatchState}. Tables {@code payout*} are reached only through
 * {@code internal}. The WeChat Pay protocol is the API layer's business ({@code io.lingqian.api.v2},
 * {@code io.lingqian.api.v3.transfer}). See docs/marketing.md, "Payouts".
 */
package io.lingqian.payout;
