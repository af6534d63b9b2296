package io.lingqian.demo;

import java.time.Duration;

/**
 * The demo seed that a first start runs in the background once the application is ready. Until it
 * is over, the demo logins fail like unknown ones; this says when it is.
 */
public interface DemoSeeding {

    /**
     * Waits until the seed has committed or was not needed (true), or has failed or is still running
     * after {@code timeout} (false).
     */
    boolean awaitFinished(Duration timeout) throws InterruptedException;
}
