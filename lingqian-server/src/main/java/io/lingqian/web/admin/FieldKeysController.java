package io.lingqian.web.admin;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.lingqian.audit.AuditLog;
import io.lingqian.platform.crypto.FieldKeys;
import io.lingqian.platform.security.SignedInUser;

/**
 * ADMIN only: rotating the keys that seal card numbers, identities, private keys and API keys at
 * rest (docs/credentials.md#rotating-the-field-encryption-keys). Every change is audited.
 */
@RestController
@RequestMapping("/admin/api/field-keys")
@PreAuthorize("hasRole('ADMIN')")
class FieldKeysController {

    /** One request reseals at most this many batches (100,000 values); the job does the rest. */
    private static final int MAX_BATCHES_PER_REQUEST = 1_000;

    private final FieldKeys keys;
    private final AuditLog audit;

    FieldKeysController(FieldKeys keys, AuditLog audit) {
        this.keys = keys;
        this.audit = audit;
    }

    record MakeCurrent(String keyId) {
    }

    @GetMapping
    FieldKeys.Overview overview() {
        return keys.overview();
    }

    @PostMapping("/current")
    FieldKeys.Overview makeCurrent(@RequestBody MakeCurrent request, @AuthenticationPrincipal SignedInUser staff) {
        String keyId = request == null ? null : request.keyId();
        keys.makeCurrent(keyId, staff.displayName());
        audit.staff(staff.id(), staff.displayName(), "FIELD_KEY_MADE_CURRENT", "field-key:" + keyId, "");
        return keys.overview();
    }

    @PostMapping("/reseal")
    FieldKeys.ResealReport reseal(@AuthenticationPrincipal SignedInUser staff) {
        FieldKeys.ResealReport report = keys.reseal(MAX_BATCHES_PER_REQUEST);
        audit.staff(staff.id(), staff.displayName(), "FIELD_KEYS_RESEALED", "field-keys",
                report.resealed() + " resealed, " + report.unreadable() + " unreadable, " + report.left() + " left");
        return report;
    }

    @PostMapping("/{keyId}/retire")
    FieldKeys.Overview retire(@PathVariable String keyId, @AuthenticationPrincipal SignedInUser staff) {
        FieldKeys.Overview after = keys.retire(keyId, staff.displayName());
        audit.staff(staff.id(), staff.displayName(), "FIELD_KEY_RETIRED", "field-key:" + keyId, "");
        return after;
    }
}
