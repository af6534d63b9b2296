package io.lingqian.platform;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The error shape of the wallet, merchant-portal and admin JSON APIs: RFC 9457 problem+json with a
 * stable {@code code} property that clients can switch on (titles and details are for people and may
 * change wording).
 */
public final class ApiProblem {

    public static final String CODE = "code";
    public static final String ERRORS = "errors";

    public static final String VALIDATION_FAILED = "validation_failed";
    public static final String BAD_REQUEST = "bad_request";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String FORBIDDEN = "forbidden";
    public static final String NOT_FOUND = "not_found";
    public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
    public static final String CONFLICT = "conflict";
    public static final String INTERNAL_ERROR = "internal_error";

    private ApiProblem() {
    }

    public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty(CODE, code);
        return problem;
    }

    /** The code for a status when nothing more specific is known. */
    public static String codeFor(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        if (known == null) {
            return status.is4xxClientError() ? BAD_REQUEST : INTERNAL_ERROR;
        }
        return switch (known) {
            case UNAUTHORIZED -> UNAUTHORIZED;
            case FORBIDDEN -> FORBIDDEN;
            case NOT_FOUND -> NOT_FOUND;
            case METHOD_NOT_ALLOWED -> METHOD_NOT_ALLOWED;
            case UNSUPPORTED_MEDIA_TYPE -> UNSUPPORTED_MEDIA_TYPE;
            case CONFLICT -> CONFLICT;
            case UNPROCESSABLE_CONTENT -> VALIDATION_FAILED;
            default -> status.is4xxClientError() ? BAD_REQUEST : INTERNAL_ERROR;
        };
    }
}
