/**
 * Merchants' bills (WeChat Pay §3.8): the trade bill of a day's payments and the fund-flow bill of a
 * day's movements of the merchant's settlement account, as CSV in WeChat's exact layout
 * ({@link io.lingqian.bill.Bills}). A bill is generated once per merchant, day and kind by streaming
 * the rows from a database cursor into chunks stored with the file's SHA-1, and served from those
 * chunks; a past day does not change, so every download is the same bytes. Download links are
 * short-lived tokens tied to the merchant that applied. The WeChat Pay protocol is the API layer's
 * business ({@code io.lingqian.api.v3.bill}); the tables {@code bill_*} are reached only through
 * {@code internal}. See docs/bills.md.
 */
package io.lingqian.bill;
