package io.lingqian.api.v3;

import org.springframework.http.HttpStatus;

/**
 * A refusal in the WeChat Pay error format: answered with {@code status} and the JSON body
 * {@code {"code": code, "message": message}} (reference §1.4). The message is for people; the SDKs
 * hand {@code code} and {@code message} to the merchant's code.
 */
public final class V3Error extends RuntimeException {

    public static final String SIGN_ERROR = "SIGN_ERROR";
    public static final String PARAM_ERROR = "PARAM_ERROR";
    public static final String INVALID_REQUEST = "INVALID_REQUEST";
    public static final String MCH_NOT_EXISTS = "MCH_NOT_EXISTS";
    public static final String NO_AUTH = "NO_AUTH";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String FREQUENCY_LIMITED = "FREQUENCY_LIMITED";
    public static final String SYSTEM_ERROR = "SYSTEM_ERROR";

    private final HttpStatus status;
    private final String code;

    public V3Error(HttpStatus status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static V3Error signError(String message) {
        return new V3Error(HttpStatus.UNAUTHORIZED, SIGN_ERROR, message);
    }

    public static V3Error paramError(String message) {
        return new V3Error(HttpStatus.BAD_REQUEST, PARAM_ERROR, message);
    }

    public static V3Error invalidRequest(String message) {
        return new V3Error(HttpStatus.BAD_REQUEST, INVALID_REQUEST, message);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The code for a status set by the framework (an unknown path, a wrong method) rather than by us. */
    static String codeFor(int status) {
        return switch (status) {
            case 400 -> PARAM_ERROR;
            case 401 -> SIGN_ERROR;
            case 403 -> NO_AUTH;
            case 404 -> NOT_FOUND;
            case 429 -> FREQUENCY_LIMITED;
            default -> status >= 500 ? SYSTEM_ERROR : INVALID_REQUEST;
        };
    }
}
