/**
 * The three consoles people sign in to: the wallet (phone-sized), the merchant portal and the admin
 * console, plus the public landing page. Each console has its own security filter chain, login page,
 * user store and session slot ({@code security}); its pages live in a sub-package of its own.
 *
 * <p>Pages call the contexts' public services only; nothing here touches a table.
 */
package io.lingqian.web;
