package io.lingqian.merchant;

/**
 * A refused step of the web authorisation, with the messaging platform's error code and message,
 * answered as {@code {"errcode":40029,"errmsg":"invalid code"}}.
 */
public class AuthorizationError extends RuntimeException {

    public static final int INVALID_APPID = 40013;
    public static final int INVALID_SECRET = 40125;
    public static final int INVALID_CODE = 40029;
    public static final int CODE_USED = 40163;
    public static final int INVALID_GRANT_TYPE = 40002;
    public static final int REDIRECT_URI_MISMATCH = 10003;
    public static final int INVALID_RESPONSE_TYPE = 10004;
    public static final int INVALID_SCOPE = 10005;
    public static final int INVALID_STATE = 10013;
    public static final int APP_UNAVAILABLE = 10015;

    private final int errcode;

    public AuthorizationError(int errcode, String errmsg) {
        super(errmsg);
        this.errcode = errcode;
    }

    public int errcode() {
        return errcode;
    }

    public String errmsg() {
        return getMessage();
    }
}
