package io.lingqian.wallet.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The SQL for {@code wallet_card} and {@code wallet_verification}. */
@Repository
public class CardStore {

    public record Card(long id, long userId, String bank, String cardType, String last4, String cardSealed,
                       String cardIndex, String phoneSealed, String maskedPhone, boolean isDefault, String status,
                       OffsetDateTime boundAt) {
    }

    public record Check(String id, long userId, String purpose, String challengeId, String bank, String cardType,
                        String last4, String cardSealed, String cardIndex, String nameSealed, String idNumberSealed,
                        String phoneSealed, String maskedPhone, String deviceId, String status,
                        OffsetDateTime createdAt, OffsetDateTime expiresAt) {
    }

    private static final String CARD = """
            SELECT id, user_id, bank, card_type, last4, card_sealed, card_index, phone_sealed, masked_phone,
                   is_default, status, bound_at FROM wallet_card""";
    private static final String CHECK = """
            SELECT id, user_id, purpose, challenge_id, bank, card_type, last4, card_sealed, card_index, name_sealed,
                   id_number_sealed, phone_sealed, masked_phone, device_id, status, created_at, expires_at
            FROM wallet_verification""";

    private final JdbcClient jdbc;

    CardStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Card> bound(long userId) {
        return jdbc.sql(CARD + " WHERE user_id = :u AND status = 'BOUND' ORDER BY is_default DESC, id")
                .param("u", userId).query(Card.class).list();
    }

    public Optional<Card> boundCard(long userId, long cardId) {
        return jdbc.sql(CARD + " WHERE user_id = :u AND id = :id AND status = 'BOUND'")
                .param("u", userId).param("id", cardId).query(Card.class).optional();
    }

    public Optional<Card> card(long cardId) {
        return jdbc.sql(CARD + " WHERE id = :id").param("id", cardId).query(Card.class).optional();
    }

    /** How many other users have this card bound now. */
    public int otherUsersWith(String cardIndex, long userId) {
        return jdbc.sql("""
                SELECT COUNT(DISTINCT user_id) FROM wallet_card
                WHERE card_index = :c AND status = 'BOUND' AND user_id <> :u""")
                .param("c", cardIndex).param("u", userId).query(Integer.class).single();
    }

    public long insert(long userId, String bank, String cardType, String last4, String cardSealed, String cardIndex,
            String phoneSealed, String maskedPhone, boolean isDefault, Instant now) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO wallet_card (user_id, bank, card_type, last4, card_sealed, card_index, phone_sealed,
                                         masked_phone, is_default, status, bound_at)
                VALUES (:u, :bank, :type, :last4, :sealed, :idx, :phone, :maskedPhone, :def, 'BOUND', :now)""")
                .param("u", userId).param("bank", bank).param("type", cardType).param("last4", last4)
                .param("sealed", cardSealed).param("idx", cardIndex).param("phone", phoneSealed)
                .param("maskedPhone", maskedPhone).param("def", isDefault).param("now", Sql.utc(now))
                .update(key, "id");
        return key.getKeyAs(Long.class);
    }

    public void makeDefault(long userId, long cardId) {
        jdbc.sql("UPDATE wallet_card SET is_default = (id = :id) WHERE user_id = :u AND status = 'BOUND'")
                .param("id", cardId).param("u", userId).update();
    }

    public void unbind(long cardId, Instant now) {
        jdbc.sql("UPDATE wallet_card SET status = 'UNBOUND', is_default = FALSE, unbound_at = :now WHERE id = :id")
                .param("now", Sql.utc(now)).param("id", cardId).update();
    }

    public void insertCheck(Check c) {
        jdbc.sql("""
                INSERT INTO wallet_verification (id, user_id, purpose, challenge_id, bank, card_type, last4,
                    card_sealed, card_index, name_sealed, id_number_sealed, phone_sealed, masked_phone, device_id,
                    status, created_at, expires_at)
                VALUES (:id, :u, :purpose, :challenge, :bank, :type, :last4, :card, :idx, :name, :idNumber, :phone,
                    :maskedPhone, :device, :status, :createdAt, :expiresAt)""")
                .param("id", c.id()).param("u", c.userId()).param("purpose", c.purpose())
                .param("challenge", c.challengeId()).param("bank", c.bank()).param("type", c.cardType())
                .param("last4", c.last4()).param("card", c.cardSealed()).param("idx", c.cardIndex())
                .param("name", c.nameSealed()).param("idNumber", c.idNumberSealed()).param("phone", c.phoneSealed())
                .param("maskedPhone", c.maskedPhone()).param("device", c.deviceId()).param("status", c.status())
                .param("createdAt", c.createdAt()).param("expiresAt", c.expiresAt())
                .update();
    }

    public Optional<Check> lockCheck(String id, long userId) {
        return jdbc.sql(CHECK + " WHERE id = :id AND user_id = :u FOR UPDATE").param("id", id).param("u", userId)
                .query(Check.class).optional();
    }

    public void checkStatus(String id, String status) {
        jdbc.sql("UPDATE wallet_verification SET status = :s WHERE id = :id").param("s", status).param("id", id)
                .update();
    }
}
