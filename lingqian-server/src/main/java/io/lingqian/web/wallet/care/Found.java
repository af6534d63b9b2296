package io.lingqian.web.wallet.care;

import java.util.function.Supplier;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import io.lingqian.platform.ApiProblemException;

/** On a page, "not yours or no such thing" is the 404 page, as for any unknown address. */
final class Found {

    private Found() {
    }

    static <T> T orNotFound(Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (ApiProblemException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            throw e;
        }
    }
}
