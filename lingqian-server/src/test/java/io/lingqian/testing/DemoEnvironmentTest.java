package io.lingqian.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;

/**
 * The server on a random port with the demo environment seeded and a known demo password, as a
 * visitor of a fresh install finds it. One Spring context for all such tests. The seed runs in the
 * background once the server is ready, so every test waits for it first ({@link AwaitDemoSeed}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lingqian.demo.seed=true",
        "lingqian.demo.password=" + DemoEnvironmentTest.PASSWORD,
        "lingqian.demo.directory=target/demo-environment"})
@ActiveProfiles("test")
@TestExecutionListeners(listeners = AwaitDemoSeed.class, mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public @interface DemoEnvironmentTest {

    /** The one demo password, so that a shared database seeded by an earlier run still matches. */
    String PASSWORD = "demo-journey-pw";
}
