package io.lingqian.api.v3;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Errors of the v3 controllers as {@code {"code","message"}} (reference §1.4), ahead of the platform's
 * problem+json handler, which must never answer on {@code /v3}.
 */
@RestControllerAdvice(basePackageClasses = V3ExceptionHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class V3ExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(V3ExceptionHandler.class);

    @ExceptionHandler(V3Error.class)
    ResponseEntity<Map<String, Object>> refused(V3Error e) {
        return error(e.status(), e.code(), e.getMessage());
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MethodArgumentNotValidException.class,
            MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<Map<String, Object>> badParameters(Exception e) {
        String message = "The request has invalid fields";
        if (e instanceof HttpMessageNotReadableException) {
            message = "The body is not valid JSON of the expected shape";
        } else if (e instanceof MissingServletRequestParameterException missing) {
            message = "Missing query parameter " + missing.getParameterName();
        } else if (e instanceof MethodArgumentTypeMismatchException mismatch) {
            message = "Invalid value for " + mismatch.getName();
        }
        return error(HttpStatus.BAD_REQUEST, V3Error.PARAM_ERROR, message);
    }

    @ExceptionHandler(HttpMediaTypeException.class)
    ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeException e) {
        return error(HttpStatus.BAD_REQUEST, V3Error.INVALID_REQUEST, "Send and accept application/json");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e) {
        log.error("Unexpected failure in a v3 API request", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, V3Error.SYSTEM_ERROR,
                "Something went wrong on our side; retry with the same parameters, and quote the Request-ID");
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(V3ErrorWriter.body(code, message));
    }
}
