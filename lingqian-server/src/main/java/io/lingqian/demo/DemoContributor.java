package io.lingqian.demo;

/**
 * Adds a context's part to the demo environment (opening balances, API keys …). Implement it as a
 * bean; contributors run once per database, in {@link org.springframework.core.annotation.Order}
 * order, after the demo users and merchant exist and inside the same transaction: a contributor that
 * throws undoes the whole seed, which is then tried again on the next start.
 */
public interface DemoContributor {

    void contribute(DemoSeed seed);
}
