package io.lingqian.platform.crypto.internal;

import java.util.List;

/**
 * Every column that holds values sealed with the field cipher, with the purpose they were sealed
 * for (the associated data: a value only opens for its own purpose). Resealing and retiring a key
 * walk this list; {@code SealedColumnsTests} fails when a migration adds a sealed column that is
 * missing here.
 */
public final class SealedColumns {

    /** A sealed column, the primary key that finds its rows, and the purpose its values are sealed for. */
    public record Column(String table, String primaryKey, String column, String purpose) {

        public String name() {
            return table + "." + column;
        }
    }

    public static final List<Column> ALL = List.of(
            new Column("bank_sim_challenge", "id", "sms_code_sealed", "bank.sim.sms_code"),
            new Column("wallet_identity", "id", "id_number_sealed", "wallet.id_number"),
            new Column("wallet_identity", "id", "name_sealed", "wallet.real_name"),
            new Column("wallet_card", "id", "card_sealed", "wallet.card_number"),
            new Column("wallet_card", "id", "phone_sealed", "wallet.reserved_phone"),
            new Column("wallet_verification", "id", "card_sealed", "wallet.card_number"),
            new Column("wallet_verification", "id", "name_sealed", "wallet.real_name"),
            new Column("wallet_verification", "id", "id_number_sealed", "wallet.id_number"),
            new Column("wallet_verification", "id", "phone_sealed", "wallet.reserved_phone"),
            new Column("wallet_card_credit", "id", "card_sealed", "wallet.card_number"),
            new Column("merchant_application", "id", "bank_account_sealed", "merchant.settlement_account"),
            new Column("credential_authority", "name", "private_key_sealed", "credentials.authority_key"),
            new Column("platform_key", "id", "private_key_sealed", "credentials.platform_key"),
            new Column("merchant_api_key", "merchant_id", "key_sealed", "credentials.apiv3_key"),
            new Column("merchant_api_v2_key", "merchant_id", "key_sealed", "credentials.apiv2_key"),
            new Column("merchant_certificate", "id", "pending_private_key_sealed", "credentials.merchant_private_key"),
            new Column("social_red_packet", "id", "seed_sealed", "social.red_packet.seed"),
            new Column("sandbox_merchant", "merchant_id", "payer_password", "sandbox_merchant.payer_password"),
            new Column("payout", "id", "user_name_sealed", "payout.user_name"),
            new Column("partner_applyment", "applyment_id", "sensitive_sealed", "partner.applyment_sensitive"),
            new Column("partner_applyment", "applyment_id", "sign_token_sealed", "partner.applyment_sign_token"));

    private SealedColumns() {
    }
}
