package io.lingqian.api.v3;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import io.lingqian.credentials.PlatformKeys;
import io.lingqian.credentials.V3Signature;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * The outermost v3 filter. It holds the response back until it is complete, then:
 *
 * <ul>
 * <li>a 2xx is signed (reference §2.1, §9.1): {@code Wechatpay-Timestamp}, {@code Wechatpay-Nonce},
 * {@code Wechatpay-Signature} over {@code TIMESTAMP\nNONCE\nBODY\n}, and {@code Wechatpay-Serial}
 * naming the platform key used, the one the request's {@code Wechatpay-Serial} asked for if it is
 * ours. A response without a type (a 204, C5) is marked {@code application/json}. Header names are
 * written in exactly this case: the SDKs look them up case-sensitively (C2).
 * <li>an error the framework raised with {@code sendError} (unknown path, wrong method) and any
 * unexpected exception become {@code {"code","message"}} JSON, never an HTML page or problem+json.
 * </ul>
 *
 * Bill files ({@code /v3/billdownload/**}) are the exception: they can be large, so they are passed
 * through as they are written, never held, and not signed (no SDK verifies them, C11). Errors there
 * become JSON as long as nothing was sent yet.
 */
final class ResponseSigner extends OncePerRequestFilter {

    static final String TIMESTAMP = V3Signature.TIMESTAMP_HEADER;
    static final String NONCE = V3Signature.NONCE_HEADER;
    static final String SIGNATURE = V3Signature.SIGNATURE_HEADER;
    static final String SERIAL = V3Signature.SERIAL_HEADER;

    private static final Logger log = LoggerFactory.getLogger(ResponseSigner.class);
    private static final String JSON_UTF8 = "application/json; charset=utf-8";
    static final String STREAMED_PATHS = "/v3/billdownload/";

    private final PlatformKeys platformKeys;
    private final SignatureTime time;
    private final V3ErrorWriter errors;

    ResponseSigner(PlatformKeys platformKeys, SignatureTime time, V3ErrorWriter errors) {
        this.platformKeys = platformKeys;
        this.time = time;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getRequestURI().startsWith(STREAMED_PATHS)) {
            stream(request, response, chain);
            return;
        }
        HeldResponse held = new HeldResponse(response);
        try {
            chain.doFilter(request, held);
        } catch (IOException | ServletException | RuntimeException e) {
            log.error("Unexpected failure in a v3 API request", e);
            held.resetBuffer();
            errors.write(response, 500, V3Error.SYSTEM_ERROR,
                    "Something went wrong on our side; retry with the same parameters, and quote the Request-ID");
            return;
        }
        if (held.errorStatus != 0) {
            held.resetBuffer();
            errors.write(response, held.errorStatus, V3Error.codeFor(held.errorStatus), held.errorMessage());
            return;
        }
        int status = held.getStatus();
        if (status >= 200 && status < 300) {
            sign(request, response, held);
        }
        held.copyBodyToResponse();
    }

    private void stream(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException {
        PassedResponse passed = new PassedResponse(response);
        try {
            chain.doFilter(request, passed);
        } catch (IOException | ServletException | RuntimeException e) {
            log.error("Unexpected failure in a v3 download", e);
            if (!response.isCommitted()) {
                response.resetBuffer();
                errors.write(response, 500, V3Error.SYSTEM_ERROR,
                        "Something went wrong on our side; retry with the same parameters, and quote the Request-ID");
            }
            return;
        }
        if (passed.errorStatus != 0 && !response.isCommitted()) {
            response.resetBuffer();
            errors.write(response, passed.errorStatus, V3Error.codeFor(passed.errorStatus),
                    errorMessage(passed.errorStatus, passed.errorMessage));
        }
    }

    private void sign(HttpServletRequest request, HttpServletResponse response, HeldResponse held) {
        byte[] body = held.getContentAsByteArray();
        if (held.getContentType() == null) {
            response.setContentType(body.length == 0 ? "application/json" : JSON_UTF8);
        }
        V3Signature signature = platformKeys.signV3(request.getHeader(SERIAL), time.now(), body);
        response.setHeader(TIMESTAMP, signature.timestamp());
        response.setHeader(NONCE, signature.nonce());
        response.setHeader(SIGNATURE, signature.signature());
        response.setHeader(SERIAL, signature.serial());
    }

    /** Buffers the body, and keeps a framework's {@code sendError} from reaching the HTML error page. */
    private static final class HeldResponse extends ContentCachingResponseWrapper {

        private int errorStatus;
        private String errorMessage;

        HeldResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendError(int status) {
            sendError(status, null);
        }

        @Override
        public void sendError(int status, String message) {
            errorStatus = status;
            errorMessage = message;
            setStatus(status);
        }

        String errorMessage() {
            return ResponseSigner.errorMessage(errorStatus, errorMessage);
        }
    }

    /** Passes the body straight through; only keeps a framework's {@code sendError} from the HTML error page. */
    private static final class PassedResponse extends HttpServletResponseWrapper {

        private int errorStatus;
        private String errorMessage;

        PassedResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendError(int status) {
            sendError(status, null);
        }

        @Override
        public void sendError(int status, String message) {
            errorStatus = status;
            errorMessage = message;
            setStatus(status);
        }
    }

    private static String errorMessage(int status, String message) {
        if (message != null && !message.isBlank()) {
            return message;
        }
        return switch (status) {
            case 404 -> "No API resource at this path";
            case 405 -> "This path does not accept this HTTP method";
            case 406, 415 -> "Send and accept application/json";
            default -> "The request could not be processed (HTTP " + status + ")";
        };
    }
}
