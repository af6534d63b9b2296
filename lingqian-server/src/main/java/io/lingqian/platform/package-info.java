/**
 * The shared kernel every context builds on: the one clock, request ids, problem+json errors for
 * the JSON APIs, password hashing, the signed-in principal, and the {@code lingqian.*} settings.
 *
 * <p>An open module: any context may use any of its types, because these are the rules all of them
 * must follow the same way (one time source, one error shape).
 */
@ApplicationModule(displayName = "Platform", type = ApplicationModule.Type.OPEN)
package io.lingqian.platform;

import org.springframework.modulith.ApplicationModule;
