package io.lingqian.social;

import org.assertj.core.api.ThrowableAssert;

import io.lingqian.platform.ApiProblemException;

/** The stable problem code a refused call threw. */
final class Problems {

    private Problems() {
    }

    static String code(ThrowableAssert.ThrowingCallable call) {
        try {
            call.call();
        } catch (ApiProblemException e) {
            return e.code();
        } catch (Throwable other) {
            throw new AssertionError("expected a problem, got " + other, other);
        }
        throw new AssertionError("expected a problem, the call succeeded");
    }
}
