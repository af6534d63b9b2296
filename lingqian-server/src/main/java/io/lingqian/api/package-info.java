/**
 * The merchant API, wire-compatible with WeChat Pay so that the official SDKs work unchanged.
 * {@code v3} holds the APIv3 security (request signatures, response signing, the error format) and
 * its endpoints; the table {@code api_nonce} belongs here.
 */
package io.lingqian.api;
