package io.lingqian.platform;

import org.springframework.http.HttpStatus;

/** Refuses an API request with a problem+json answer; nothing has been changed when it is thrown. */
public class ApiProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String code;

    public ApiProblemException(HttpStatus status, String code, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }
}
