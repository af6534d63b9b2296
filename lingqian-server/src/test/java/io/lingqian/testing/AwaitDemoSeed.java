package io.lingqian.testing;

import java.time.Duration;

import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

import io.lingqian.demo.DemoSeeding;

/**
 * Holds a {@link DemoEnvironmentTest} back until the demo seed, which the server runs in the
 * background after start-up, is over, as a visitor reading the credentials file would wait for it.
 */
public class AwaitDemoSeed implements TestExecutionListener {

    private static final Duration LIMIT = Duration.ofMinutes(3);

    @Override
    public void prepareTestInstance(TestContext testContext) throws Exception {
        DemoSeeding seeding = testContext.getApplicationContext().getBean(DemoSeeding.class);
        if (!seeding.awaitFinished(LIMIT)) {
            throw new IllegalStateException("the demo seed failed or did not finish within " + LIMIT);
        }
    }
}
