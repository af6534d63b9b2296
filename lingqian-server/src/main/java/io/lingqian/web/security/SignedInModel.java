package io.lingqian.web.security;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import io.lingqian.platform.security.SignedInUser;

/** Puts the console's signed-in user into every page model, for the header of each layout. */
@ControllerAdvice(basePackages = "io.lingqian.web")
class SignedInModel {

    @ModelAttribute("signedIn")
    @Nullable
    SignedInUser signedIn(@AuthenticationPrincipal SignedInUser user) {
        return user;
    }
}
