/**
 * Benchmark seeding: creates many wallet users and merchants, and a day of paid orders, for
 * {@code lingqian-bench/bench.sh} (docs/performance.md). It exists only when
 * {@code lingqian.bench.seeding=true}, which is off by default and must never be set on an
 * installation with real users: with it on, anyone on the machine itself can create funded wallets.
 *
 * <p>Not a context: it drives the public services of the wallet, merchant and credentials contexts
 * the way their own tests' fixtures do, because making hundreds of verified, funded users and
 * merchants with API keys through the consoles would take longer than the benchmark itself. It lives
 * here rather than in any of those contexts because it needs all of them.
 */
@ApplicationModule(displayName = "Benchmark seeding")
package io.lingqian.bench;

import org.springframework.modulith.ApplicationModule;
