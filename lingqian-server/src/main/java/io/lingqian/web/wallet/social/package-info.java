/**
 * The wallet console's pages and REST API for money between friends: contacts, groups, transfers and
 * red packets. They call the social context's public services only.
 */
package io.lingqian.web.wallet.social;
