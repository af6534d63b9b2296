/**
 * Money between friends: contacts, groups (chats of up to 500 members), transfers (转账) that wait in
 * escrow until the receiver accepts, and red packets (红包) one-to-one or to a group, with equal or
 * lucky (拼手气) shares. See docs/red-packets.md.
 *
 * <p>Public services sit at the top ({@link io.lingqian.social.Contacts}, {@link io.lingqian.social.Groups},
 * {@link io.lingqian.social.Transfers}, {@link io.lingqian.social.RedPackets},
 * {@link io.lingqian.social.SocialJobs}) with the pure {@link io.lingqian.social.LuckySplit}; the
 * tables are reached only through {@code internal}. Every fen moves as a ledger transfer whose id is
 * derived from the business row, so retries move nothing twice.
 */
package io.lingqian.social;
