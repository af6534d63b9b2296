package io.lingqian.platform;

import org.springframework.http.HttpStatus;

/** Refuses an API request with a problem+json answer; nothing has been changed when it is thrown. */
public class ApiProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final java.util.Map<String, Object> properties;

    public ApiProblemException(HttpStatus status, String code, String detail) {
        this(status, code, detail, java.util.Map.of());
    }

    /** With further members of the problem object, e.g. the id of a challenge to pass. */
    public ApiProblemException(HttpStatus status, String code, String detail, java.util.Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.code = code;
        this.properties = java.util.Map.copyOf(properties);
    }

    public java.util.Map<String, Object> properties() {
        return properties;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }
}
