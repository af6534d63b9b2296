package io.lingqian.api.v3;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.lingqian.credentials.AeadAes256Gcm;
import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.credentials.PlatformKey;
import io.lingqian.credentials.PlatformKeys;

/**
 * {@code GET /v3/certificates}: the active platform certificates, each encrypted with the calling
 * merchant's APIv3 key (reference §2.3), which is what the SDK's {@code RSAAutoCertificateConfig}
 * downloads on start and every hour.
 */
@RestController
class PlatformCertificatesController {

    static final String ASSOCIATED_DATA = "certificate";
    /** RFC 3339 in China Standard Time, as WeChat Pay writes every time. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")
            .withZone(ZoneId.of("Asia/Shanghai"));

    record Certificates(List<Certificate> data) {
    }

    record Certificate(@JsonProperty("serial_no") String serialNo,
                       @JsonProperty("effective_time") String effectiveTime,
                       @JsonProperty("expire_time") String expireTime,
                       @JsonProperty("encrypt_certificate") EncryptedCertificate encryptCertificate) {
    }

    record EncryptedCertificate(String algorithm, String nonce,
                                @JsonProperty("associated_data") String associatedData, String ciphertext) {
    }

    private final PlatformKeys platformKeys;
    private final MerchantCredentials credentials;

    PlatformCertificatesController(PlatformKeys platformKeys, MerchantCredentials credentials) {
        this.platformKeys = platformKeys;
        this.credentials = credentials;
    }

    @GetMapping("/v3/certificates")
    Certificates certificates(@AuthenticationPrincipal MerchantApiCaller caller,
            @RequestParam(name = "algorithm_type", required = false) String algorithmType) {
        if (algorithmType != null && !algorithmType.equals("RSA")) {
            throw V3Error.paramError("algorithm_type " + algorithmType + " is not offered; only RSA");
        }
        String apiV3Key = credentials.apiV3Key(caller.merchantId()).orElseThrow(() -> new V3Error(
                HttpStatus.BAD_REQUEST, V3Error.INVALID_REQUEST,
                "Set your APIv3 key in the merchant portal first: the certificates are encrypted with it"));
        return new Certificates(platformKeys.active().stream().map(key -> encrypt(key, apiV3Key)).toList());
    }

    private static Certificate encrypt(PlatformKey key, String apiV3Key) {
        String nonce = AeadAes256Gcm.newNonce();
        return new Certificate(key.serialNo(), format(key.notBefore()), format(key.notAfter()),
                new EncryptedCertificate(AeadAes256Gcm.ALGORITHM, nonce, ASSOCIATED_DATA,
                        AeadAes256Gcm.encrypt(apiV3Key, nonce, ASSOCIATED_DATA, key.certificatePem())));
    }

    private static String format(Instant instant) {
        return TIME.format(instant);
    }
}
