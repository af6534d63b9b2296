package io.lingqian.wallet.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The SQL for {@code wallet_identity}, its channels, and a user's link to it. */
@Repository
public class IdentityStore {

    public record Row(long id, String idNumberIndex, String idNumberSealed, String nameSealed, String maskedName,
                      String maskedIdNumber, long withdrawalFreeUsedFen, OffsetDateTime createdAt) {
    }

    private static final String SELECT = """
            SELECT id, id_number_index, id_number_sealed, name_sealed, masked_name, masked_id_number,
                   withdrawal_free_used_fen, created_at FROM wallet_identity""";

    private final JdbcClient jdbc;

    IdentityStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Row> byIndex(String idNumberIndex) {
        return jdbc.sql(SELECT + " WHERE id_number_index = :i").param("i", idNumberIndex).query(Row.class).optional();
    }

    public Optional<Row> byId(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(Row.class).optional();
    }

    /** The identity row, locked until the transaction ends: quotas of one person change one at a time. */
    public Row lock(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id FOR UPDATE").param("id", id).query(Row.class).single();
    }

    public long insert(String idNumberIndex, String idNumberSealed, String nameSealed, String maskedName,
            String maskedIdNumber, Instant now) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO wallet_identity (id_number_index, id_number_sealed, name_sealed, masked_name,
                                             masked_id_number, created_at)
                VALUES (:idx, :idSealed, :nameSealed, :maskedName, :maskedId, :now)""")
                .param("idx", idNumberIndex).param("idSealed", idNumberSealed).param("nameSealed", nameSealed)
                .param("maskedName", maskedName).param("maskedId", maskedIdNumber).param("now", Sql.utc(now))
                .update(key, "id");
        return key.getKeyAs(Long.class);
    }

    public int channels(long identityId) {
        return jdbc.sql("SELECT COUNT(*) FROM wallet_identity_channel WHERE identity_id = :id")
                .param("id", identityId).query(Integer.class).single();
    }

    public void addChannel(long identityId, String bank, Instant now) {
        jdbc.sql("""
                INSERT INTO wallet_identity_channel (identity_id, bank, verified_at)
                SELECT :id, :bank, :now
                WHERE NOT EXISTS (SELECT 1 FROM wallet_identity_channel WHERE identity_id = :id AND bank = :bank)""")
                .param("id", identityId).param("bank", bank).param("now", Sql.utc(now)).update();
    }

    public void addFreeUsed(long identityId, long deltaFen) {
        jdbc.sql("UPDATE wallet_identity SET withdrawal_free_used_fen = withdrawal_free_used_fen + :d WHERE id = :id")
                .param("d", deltaFen).param("id", identityId).update();
    }

    public int usersOf(long identityId) {
        return jdbc.sql("SELECT COUNT(*) FROM wallet_user WHERE identity_id = :id").param("id", identityId)
                .query(Integer.class).single();
    }

    public Optional<Long> identityOf(long userId) {
        return jdbc.sql("SELECT identity_id FROM wallet_user WHERE id = :id").param("id", userId)
                .query((rs, n) -> (Long) rs.getObject(1, Long.class)).optional()
                .flatMap(Optional::ofNullable);
    }

    /** Locks the user row: one verification or money request of a user at a time. */
    public void lockUser(long userId) {
        jdbc.sql("SELECT id FROM wallet_user WHERE id = :id FOR UPDATE").param("id", userId).query(Long.class).single();
    }

    public void linkUser(long userId, long identityId, Instant now) {
        jdbc.sql("UPDATE wallet_user SET identity_id = :identity, verified_at = :now WHERE id = :id AND identity_id IS NULL")
                .param("identity", identityId).param("now", Sql.utc(now)).param("id", userId).update();
    }
}
