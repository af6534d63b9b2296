package io.lingqian.api.v3;

import java.security.PrivateKey;

import io.lingqian.credentials.MerchantCertificate;
import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.credentials.TestKeys;
import io.lingqian.credentials.TestMerchants;

/** A merchant ready to call the API: an APIv3 key and a generated certificate whose private key it holds. */
record ApiTestMerchant(TestMerchants.ApprovedMerchant merchant, ApiV3Credentials credentials) {

    static ApiTestMerchant create(TestMerchants merchants, MerchantCredentials credentials) {
        TestMerchants.ApprovedMerchant merchant = merchants.approved();
        return new ApiTestMerchant(merchant, ApiV3Credentials.issue(credentials, merchant.id(), merchant.mchid()));
    }

    String mchid() {
        return merchant.mchid();
    }

    String apiV3Key() {
        return credentials.apiV3Key();
    }

    MerchantCertificate certificate() {
        return credentials.certificate();
    }

    String serialNo() {
        return credentials.serialNo();
    }

    String privateKeyPem() {
        return credentials.privateKeyPem();
    }

    PrivateKey privateKey() {
        return TestKeys.privateKey(credentials.privateKeyPem());
    }
}
