package io.lingqian.web.merchant.credentials;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import io.lingqian.credentials.MerchantCertificate;
import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.credentials.PlatformKey;
import io.lingqian.credentials.PlatformKeys;
import io.lingqian.credentials.PlatformVerification;
import io.lingqian.merchant.Merchant;
import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.platform.security.SignedInUser;

/**
 * The merchant portal's API credentials and developer pages. Every request works on the signed-in
 * user's own merchant, found from the session, never from the URL: a certificate id of another
 * merchant is simply not found.
 *
 * <p>Secrets are shown once: a new APIv3 key travels to the next page as a flash attribute (gone
 * after that page), and a generated private key is streamed out by a POST (so no link prefetcher
 * can spend it) and then erased from the database.
 */
@Controller
class CredentialsController {

    static final String PAGE = "/merchant/credentials";
    static final String DEVELOPER = "/merchant/developer";
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));

    /** A row of the certificate table, formatted for display. */
    record CertificateRow(long id, String serialNo, String origin, String validity, String status, boolean active,
                          boolean hasCertificate, boolean privateKeyWaiting) {
    }

    /** A platform key, formatted for display. */
    record PlatformRow(String serialNo, String publicKeyId, String validity, boolean preferred) {
    }

    private final MerchantAccounts accounts;
    private final MerchantCredentials credentials;
    private final PlatformKeys platformKeys;
    private final Clock clock;

    CredentialsController(MerchantAccounts accounts, MerchantCredentials credentials, PlatformKeys platformKeys,
            Clock clock) {
        this.accounts = accounts;
        this.credentials = credentials;
        this.platformKeys = platformKeys;
        this.clock = clock;
    }

    @GetMapping(PAGE)
    String page(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
        Merchant merchant = merchantOf(signedIn);
        model.addAttribute("merchant", merchant);
        model.addAttribute("apiKeySetAt", credentials.apiV3KeySetAt(merchant.id()).map(DATE_TIME::format).orElse(null));
        model.addAttribute("suggestedKey", MerchantCredentials.suggestApiV3Key());
        model.addAttribute("apiV2KeySetAt", credentials.apiV2KeySetAt(merchant.id()).map(DATE_TIME::format)
                .orElse(null));
        model.addAttribute("certificates", certificateRows(merchant));
        model.addAttribute("platformKeys", platformRows());
        model.addAttribute("verification", credentials.platformVerification(merchant.id()));
        model.addAttribute("verificationModes", PlatformVerification.values());
        return "merchant/credentials";
    }

    /** How the merchant's code verifies notifications: decides the platform key they are signed with. */
    @PostMapping(PAGE + "/platform-verification")
    String setPlatformVerification(@AuthenticationPrincipal SignedInUser signedIn,
            @RequestParam("mode") String mode, RedirectAttributes flash) {
        Merchant merchant = merchantOf(signedIn);
        PlatformVerification chosen = Arrays.stream(PlatformVerification.values())
                .filter(v -> v.name().equals(mode)).findFirst().orElse(null);
        if (chosen == null) {
            flash.addFlashAttribute("error", "Choose the platform public key or the platform certificate.");
            return "redirect:" + PAGE;
        }
        try {
            credentials.setPlatformVerification(merchant.id(), chosen);
            flash.addFlashAttribute("notice", "Notifications are now signed for verification with the "
                    + chosen.displayName() + ".");
        } catch (IllegalArgumentException | IllegalStateException refused) {
            flash.addFlashAttribute("error", refused.getMessage());
        }
        return "redirect:" + PAGE;
    }

    @GetMapping(DEVELOPER)
    String developer(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
        Merchant merchant = merchantOf(signedIn);
        model.addAttribute("merchant", merchant);
        model.addAttribute("baseUrl", ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString());
        model.addAttribute("apiKeySetAt", credentials.apiV3KeySetAt(merchant.id()).map(DATE_TIME::format).orElse(null));
        model.addAttribute("activeSerials", certificateRows(merchant).stream().filter(CertificateRow::active)
                .map(CertificateRow::serialNo).toList());
        model.addAttribute("platformKey", platformKeys.preferred());
        return "merchant/credentials-developer";
    }

    @PostMapping(PAGE + "/api-key")
    String setApiKey(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam("apiV3Key") String apiV3Key,
            RedirectAttributes flash) {
        Merchant merchant = merchantOf(signedIn);
        try {
            credentials.setApiV3Key(merchant.id(), apiV3Key.strip());
            flash.addFlashAttribute("newApiV3Key", apiV3Key.strip());
        } catch (IllegalArgumentException | IllegalStateException refused) {
            flash.addFlashAttribute("error", refused.getMessage());
        }
        return "redirect:" + PAGE;
    }

    /** A new random v2 API key, shown on the next page only (like the APIv3 key). */
    @PostMapping(PAGE + "/api-v2-key")
    String resetApiV2Key(@AuthenticationPrincipal SignedInUser signedIn, RedirectAttributes flash) {
        Merchant merchant = merchantOf(signedIn);
        try {
            flash.addFlashAttribute("newApiV2Key", credentials.resetApiV2Key(merchant.id()));
        } catch (IllegalArgumentException | IllegalStateException refused) {
            flash.addFlashAttribute("error", refused.getMessage());
        }
        return "redirect:" + PAGE;
    }

    @PostMapping(PAGE + "/certificates")
    String upload(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam("pem") String pem,
            RedirectAttributes flash) {
        Merchant merchant = merchantOf(signedIn);
        try {
            MerchantCertificate registered = credentials.register(merchant.id(), pem);
            flash.addFlashAttribute("notice", "Registered the key with serial " + registered.serialNo()
                    + ". Put this serial into serial_no when you sign requests.");
        } catch (IllegalArgumentException | IllegalStateException refused) {
            flash.addFlashAttribute("error", refused.getMessage());
        }
        return "redirect:" + PAGE;
    }

    @PostMapping(PAGE + "/certificates/generate")
    String generate(@AuthenticationPrincipal SignedInUser signedIn, RedirectAttributes flash) {
        Merchant merchant = merchantOf(signedIn);
        try {
            MerchantCertificate generated = credentials.generate(merchant.id());
            flash.addFlashAttribute("generatedId", generated.id());
            flash.addFlashAttribute("notice", "Generated a key pair; certificate serial " + generated.serialNo()
                    + ". Download the private key now: it can be downloaded once only.");
        } catch (IllegalArgumentException | IllegalStateException refused) {
            flash.addFlashAttribute("error", refused.getMessage());
        }
        return "redirect:" + PAGE;
    }

    @PostMapping(PAGE + "/certificates/{id}/private-key")
    ResponseEntity<?> downloadPrivateKey(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable long id) {
        Merchant merchant = merchantOf(signedIn);
        Optional<String> privateKey = credentials.takePrivateKey(merchant.id(), id);
        if (privateKey.isEmpty()) {
            return ResponseEntity.status(HttpStatus.SEE_OTHER).location(
                    ServletUriComponentsBuilder.fromCurrentContextPath().path(PAGE).queryParam("gone", id).build().toUri())
                    .build();
        }
        return pem("apiclient_key.pem", privateKey.get());
    }

    @GetMapping(PAGE + "/certificates/{id}/certificate")
    ResponseEntity<String> downloadCertificate(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable long id) {
        Merchant merchant = merchantOf(signedIn);
        MerchantCertificate certificate = credentials.certificate(merchant.id(), id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return pem("apiclient_cert.pem", certificate.certificatePem().orElse(certificate.publicKeyPem()));
    }

    @PostMapping(PAGE + "/certificates/{id}/revoke")
    String revoke(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable long id, RedirectAttributes flash) {
        Merchant merchant = merchantOf(signedIn);
        if (!credentials.revoke(merchant.id(), id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        flash.addFlashAttribute("notice", "Revoked. Requests signed with that key are refused from now on.");
        return "redirect:" + PAGE;
    }

    @GetMapping(PAGE + "/platform/{serialNo}/certificate")
    ResponseEntity<String> platformCertificate(@PathVariable String serialNo) {
        return pem("wechatpay_" + platformKey(serialNo).serialNo() + ".pem", platformKey(serialNo).certificatePem());
    }

    @GetMapping(PAGE + "/platform/{serialNo}/public-key")
    ResponseEntity<String> platformPublicKey(@PathVariable String serialNo) {
        return pem("pub_key.pem", platformKey(serialNo).publicKeyPem());
    }

    private PlatformKey platformKey(String serialNo) {
        return platformKeys.active().stream().filter(key -> key.serialNo().equals(serialNo)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private Merchant merchantOf(SignedInUser signedIn) {
        return accounts.merchantOfPortalUser(signedIn.id())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private List<CertificateRow> certificateRows(Merchant merchant) {
        Instant now = clock.instant();
        return credentials.certificates(merchant.id()).stream().map(c -> new CertificateRow(c.id(), c.serialNo(),
                c.origin().name().toLowerCase(), validity(c.notBefore(), c.notAfter()), status(c, now), c.activeAt(now),
                c.certificatePem().isPresent(), c.privateKeyWaiting())).toList();
    }

    private List<PlatformRow> platformRows() {
        return platformKeys.active().stream().map(k -> new PlatformRow(k.serialNo(), k.publicKeyId(),
                validity(Optional.of(k.notBefore()), Optional.of(k.notAfter())), k.preferred())).toList();
    }

    private static String status(MerchantCertificate certificate, Instant now) {
        if (certificate.revokedAt().isPresent()) {
            return "revoked " + DATE_TIME.format(certificate.revokedAt().get());
        }
        return certificate.activeAt(now) ? "active" : "expired";
    }

    private static String validity(Optional<Instant> from, Optional<Instant> to) {
        if (from.isEmpty() || to.isEmpty()) {
            return "no expiry (public key)";
        }
        return DATE_TIME.format(from.get()) + " – " + DATE_TIME.format(to.get());
    }

    private static ResponseEntity<String> pem(String filename, String pem) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(filename, StandardCharsets.UTF_8).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(new MediaType("application", "x-pem-file", StandardCharsets.UTF_8))
                .body(pem);
    }
}
