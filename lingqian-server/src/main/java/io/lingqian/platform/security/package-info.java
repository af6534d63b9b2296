/**
 * What every console's security shares: the signed-in principal, the account record a context hands
 * over for a sign-in, and the problem+json answers for refused API calls.
 */
package io.lingqian.platform.security;
