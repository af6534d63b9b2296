package io.lingqian.platform.crypto;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldCipherTest {

    static final byte[] K1 = "0123456789abcdef0123456789abcdef".getBytes();
    static final byte[] K2 = "fedcba9876543210fedcba9876543210".getBytes();
    static final byte[] INDEX = "index-key-index-key-index-key-ix".getBytes();

    FieldCipher before = new FieldCipher(Map.of("k1", K1), "k1", INDEX);
    FieldCipher after = new FieldCipher(Map.of("k1", K1, "k2", K2), "k2", INDEX);

    @Test
    void aSealedValueOpensOnlyForItsPurposeAndHidesThePlaintext() {
        String sealed = before.seal("6214830000000001", "wallet.card_number");
        assertThat(sealed).startsWith("v1:k1:").doesNotContain("6214830000000001");
        assertThat(before.open(sealed, "wallet.card_number")).isEqualTo("6214830000000001");
        assertThatThrownBy(() -> before.open(sealed, "merchant.bank_account"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(before.seal("6214830000000001", "wallet.card_number")).isNotEqualTo(sealed);
    }

    @Test
    void anAlteredValueDoesNotOpen() {
        String sealed = before.seal("secret", "p");
        char[] chars = sealed.toCharArray();
        int i = chars.length - 5;
        chars[i] = chars[i] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> before.open(new String(chars), "p")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> before.open("plain text", "p")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void afterARotationOldValuesStillOpenAndNewOnesUseTheNewKey() {
        String old = before.seal("secret", "p");
        assertThat(after.open(old, "p")).isEqualTo("secret");
        assertThat(after.needsResealing(old)).isTrue();
        String fresh = after.seal("secret", "p");
        assertThat(fresh).startsWith("v1:k2:");
        assertThat(after.needsResealing(fresh)).isFalse();
        assertThatThrownBy(() -> before.open(fresh, "p")).hasMessageContaining("unknown key k2");
    }

    @Test
    void theBlindIndexIsStableAcrossRotationAndDependsOnPurpose() {
        assertThat(after.blindIndex("6214830000000001", "card")).isEqualTo(before.blindIndex("6214830000000001", "card"))
                .hasSize(64).doesNotContain("6214830000000001");
        assertThat(before.blindIndex("6214830000000001", "card")).isNotEqualTo(before.blindIndex("6214830000000002", "card"));
        assertThat(before.blindIndex("x", "card")).isNotEqualTo(before.blindIndex("x", "phone"));
    }

    @Test
    void aKeyMadeCurrentSealsResealedValuesAndARetiredKeyOpensNothing() {
        FieldCipher cipher = new FieldCipher(Map.of("k1", K1, "k2", K2), "k1", INDEX);
        String old = cipher.seal("secret", "p");
        cipher.makeCurrent("k2");
        String resealed = cipher.reseal(old, "p");
        assertThat(resealed).startsWith("v1:k2:");
        assertThat(FieldCipher.keyIdOf(old)).contains("k1");
        assertThatThrownBy(() -> cipher.retire("k2")).hasMessageContaining("current key k2");
        cipher.retire("k1");
        assertThat(cipher.keyIds()).containsExactly("k2");
        assertThat(cipher.open(resealed, "p")).isEqualTo("secret");
        assertThatThrownBy(() -> cipher.open(old, "p")).hasMessageContaining("unknown key k1");
        assertThatThrownBy(() -> cipher.makeCurrent("k1")).hasMessageContaining("no key k1");
    }
}
