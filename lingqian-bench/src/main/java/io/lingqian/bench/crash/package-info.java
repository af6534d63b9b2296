/**
 * The crash test: starts Lingqian as a real process on PostgreSQL, drives a mixed money load through
 * its HTTP APIs while killing it with SIGKILL at random moments, and checks afterwards that nothing
 * acknowledged was lost and nothing was applied twice. Run it with {@code lingqian-bench/crash-test.sh}.
 */
package io.lingqian.bench.crash;
