/**
 * The wallet's customer-care pages and REST API: compensation claims, complaints about a merchant
 * payment and support tickets, each showing only the signed-in user's own.
 */
package io.lingqian.web.wallet.care;
