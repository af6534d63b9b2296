package io.lingqian.api.v3;

import java.security.PrivateKey;

import io.lingqian.credentials.MerchantCertificate;
import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.credentials.TestKeys;
import io.lingqian.credentials.TestMerchants;

/** A merchant ready to call the API: an APIv3 key and a generated certificate whose private key it holds. */
record ApiTestMerchant(TestMerchants.ApprovedMerchant merchant, String apiV3Key, MerchantCertificate certificate,
                       String privateKeyPem) {

    static ApiTestMerchant create(TestMerchants merchants, MerchantCredentials credentials) {
        TestMerchants.ApprovedMerchant merchant = merchants.approved();
        String apiV3Key = MerchantCredentials.suggestApiV3Key();
        credentials.setApiV3Key(merchant.id(), apiV3Key);
        MerchantCertificate certificate = credentials.generate(merchant.id());
        String privateKey = credentials.takePrivateKey(merchant.id(), certificate.id()).orElseThrow();
        return new ApiTestMerchant(merchant, apiV3Key, certificate, privateKey);
    }

    String mchid() {
        return merchant.mchid();
    }

    String serialNo() {
        return certificate.serialNo();
    }

    PrivateKey privateKey() {
        return TestKeys.privateKey(privateKeyPem);
    }
}
