package io.lingqian.platform;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure in a JSON API controller into problem+json with a {@code code}. Console pages
 * ({@code @Controller}) are left to the HTML error page. A client never sees a stack trace: an
 * unexpected failure is logged with the request id and answered with that id only.
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiProblemException.class)
    ResponseEntity<Object> refused(ApiProblemException e) {
        ProblemDetail problem = ApiProblem.of(e.status(), e.code(), e.getMessage());
        e.properties().forEach(problem::setProperty);
        return problem(problem);
    }

    /** Method security ({@code @PreAuthorize}) refuses inside the controller, past the security filters. */
    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> denied(AccessDeniedException e) {
        return problem(ApiProblem.of(HttpStatus.FORBIDDEN, ApiProblem.FORBIDDEN,
                "Your role does not allow this request."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("Unexpected failure in an API request", e);
        return problem(ApiProblem.of(HttpStatus.INTERNAL_SERVER_ERROR, ApiProblem.INTERNAL_ERROR,
                "Something went wrong on our side. Quote the Request-ID header when you report it."));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ApiProblem.of(HttpStatus.BAD_REQUEST, ApiProblem.VALIDATION_FAILED,
                "The request has invalid fields.");
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of(
                        "field", error.getField(),
                        "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        problem.setProperty(ApiProblem.ERRORS, errors);
        return problem(problem);
    }

    /** Spring's own problem for a framework exception (bad JSON, wrong media type …), plus our code. */
    @Override
    protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception e, @Nullable Object body,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail problem && (problem.getProperties() == null
                || !problem.getProperties().containsKey(ApiProblem.CODE))) {
            problem.setProperty(ApiProblem.CODE, ApiProblem.codeFor(status));
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }

    private static ResponseEntity<Object> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
