package io.lingqian.merchant;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;

import io.lingqian.platform.ApiProblem;
import io.lingqian.platform.ApiProblemException;

/** Refuses an application (or a review decision) with a message per field; nothing was saved. */
public class InvalidApplicationException extends ApiProblemException {

    private final Map<String, String> fieldErrors;

    public InvalidApplicationException(Map<String, String> fieldErrors) {
        super(HttpStatus.BAD_REQUEST, ApiProblem.VALIDATION_FAILED, "The application has invalid fields: "
                + String.join(", ", fieldErrors.keySet()));
        this.fieldErrors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fieldErrors));
    }

    /** Field name ({@link ApplicationForm#FIELDS}) → what is wrong with it, in form order. */
    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
