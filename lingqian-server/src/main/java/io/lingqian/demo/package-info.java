/**
 * The demo environment: on the first start of the embedded database (or when
 * {@code lingqian.demo.seed=true}) it creates demo staff, wallet users and a merchant, writes their
 * credentials to a file, and announces the console URLs at the end of start-up.
 *
 * <p>Other contexts add to the seed by implementing {@link io.lingqian.demo.DemoContributor}.
 */
package io.lingqian.demo;
