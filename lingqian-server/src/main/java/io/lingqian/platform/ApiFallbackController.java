package io.lingqian.platform;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Claims every API path no other controller claims (the least specific mapping loses to all others),
 * so an unknown API URL answers 404 problem+json instead of the HTML error page.
 */
@RestController
class ApiFallbackController {

    @RequestMapping({ApiPaths.WALLET, ApiPaths.MERCHANT, ApiPaths.ADMIN})
    void unknown(HttpServletRequest request) {
        throw new ApiProblemException(HttpStatus.NOT_FOUND, ApiProblem.NOT_FOUND,
                "No API resource at " + request.getRequestURI());
    }
}
