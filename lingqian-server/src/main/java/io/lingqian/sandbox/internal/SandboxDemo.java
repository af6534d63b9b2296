package io.lingqian.sandbox.internal;

import java.time.Clock;
import java.util.List;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.lingqian.demo.DemoContributor;
import io.lingqian.demo.DemoSeed;

/** Switches the sandbox controls on for the demo merchant (every other merchant starts with them off). */
@Component
@Order(300)
class SandboxDemo implements DemoContributor {

    private final SandboxStore store;
    private final Clock clock;

    SandboxDemo(SandboxStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void contribute(DemoSeed seed) {
        store.setEnabled(seed.merchant().id(), true, clock.instant());
        seed.addSection("Sandbox", List.of(seed.merchant().name() + ": sandbox controls on (merchant portal → Sandbox,"
                + " /v3/sandbox/*; see docs/sandbox.md)"));
    }
}
