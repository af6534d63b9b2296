package io.lingqian.merchant;

/**
 * An app with its secret, returned once when the app is registered or its secret replaced. Only a
 * keyed hash of the secret is kept, so it cannot be shown again.
 */
public record AppSecret(MerchantApp app, String secret) {

    @Override
    public String toString() {
        return "AppSecret[" + app.appid() + ", secret hidden]";
    }
}
