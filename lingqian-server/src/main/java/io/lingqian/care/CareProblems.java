package io.lingqian.care;

import org.springframework.http.HttpStatus;

import io.lingqian.platform.ApiProblemException;

/**
 * Care's refusals, each with a stable problem code. Thrown before anything changed, or inside the
 * transaction that then rolls back, so a refused request has changed nothing.
 */
final class CareProblems {

    private CareProblems() {
    }

    static ApiProblemException invalid(String code, String detail) {
        return new ApiProblemException(HttpStatus.BAD_REQUEST, code, detail);
    }

    static ApiProblemException refused(String code, String detail) {
        return new ApiProblemException(HttpStatus.UNPROCESSABLE_CONTENT, code, detail);
    }

    static ApiProblemException conflict(String code, String detail) {
        return new ApiProblemException(HttpStatus.CONFLICT, code, detail);
    }

    static ApiProblemException notFound(String what) {
        return new ApiProblemException(HttpStatus.NOT_FOUND, "not_found", "No such " + what + ".");
    }
}
