package io.lingqian.social.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import io.lingqian.social.RedPacketKind;
import io.lingqian.social.RedPacketState;

/** The SQL for {@code social_red_packet} and {@code social_red_packet_share}. */
@Repository
public class RedPacketStore {

    public record Row(long id, long senderId, String kind, Long groupId, Long receiverId, long totalFen, int shares,
                      long shareCapFen, String greeting, boolean passwordFree, String clientRequestId,
                      String seedSealed, String seedHash, String state, int openedCount, long openedFen,
                      long refundedFen, OffsetDateTime createdAt, OffsetDateTime expiresAt,
                      OffsetDateTime finishedAt) {

        public RedPacketKind packetKind() {
            return RedPacketKind.valueOf(kind);
        }

        public RedPacketState packetState() {
            return RedPacketState.valueOf(state);
        }

        public Instant created() {
            return Sql.instant(createdAt);
        }

        public Instant expires() {
            return Sql.instant(expiresAt);
        }

        public Instant finished() {
            return Sql.instant(finishedAt);
        }
    }

    public record ShareRow(long packetId, long userId, int position, long amountFen, OffsetDateTime openedAt,
                           OffsetDateTime creditedAt) {
        public Instant opened() {
            return Sql.instant(openedAt);
        }
    }

    /** A new packet's fields. */
    public record NewPacket(long senderId, RedPacketKind kind, Long groupId, Long receiverId, long totalFen, int shares,
                            long shareCapFen, String greeting, boolean passwordFree, String clientRequestId,
                            String seedSealed, String seedHash, Instant createdAt, Instant expiresAt) {
    }

    private static final String SELECT = """
            SELECT id, sender_id, kind, group_id, receiver_id, total_fen, shares, share_cap_fen, greeting, password_free,
                   client_request_id, seed_sealed, seed_hash, state, opened_count, opened_fen, refunded_fen,
                   created_at, expires_at, finished_at FROM social_red_packet""";
    private static final String SHARES = """
            SELECT packet_id, user_id, position, amount_fen, opened_at, credited_at FROM social_red_packet_share""";

    /*
     * Mapped by hand: the generic record mapper first looks each component up by its Java name, and
     * the PostgreSQL driver answers a missing column with an exception (a formatted message and a
     * stack trace) per camelCase component, which a grab storm paid on every packet and share row.
     */
    private static final RowMapper<Row> ROW = (rs, n) -> new Row(rs.getLong("id"), rs.getLong("sender_id"),
            rs.getString("kind"), rs.getObject("group_id", Long.class), rs.getObject("receiver_id", Long.class),
            rs.getLong("total_fen"), rs.getInt("shares"), rs.getLong("share_cap_fen"), rs.getString("greeting"),
            rs.getBoolean("password_free"), rs.getString("client_request_id"), rs.getString("seed_sealed"),
            rs.getString("seed_hash"), rs.getString("state"), rs.getInt("opened_count"), rs.getLong("opened_fen"),
            rs.getLong("refunded_fen"), rs.getObject("created_at", OffsetDateTime.class),
            rs.getObject("expires_at", OffsetDateTime.class), rs.getObject("finished_at", OffsetDateTime.class));
    private static final RowMapper<ShareRow> SHARE = (rs, n) -> new ShareRow(rs.getLong("packet_id"),
            rs.getLong("user_id"), rs.getInt("position"), rs.getLong("amount_fen"),
            rs.getObject("opened_at", OffsetDateTime.class), rs.getObject("credited_at", OffsetDateTime.class));

    private final JdbcClient jdbc;

    RedPacketStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(NewPacket p) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO social_red_packet (sender_id, kind, group_id, receiver_id, total_fen, shares, share_cap_fen,
                    greeting, password_free, client_request_id, seed_sealed, seed_hash, state, opened_count, opened_fen,
                    refunded_fen, created_at, expires_at)
                VALUES (:s, :k, :g, :r, :t, :n, :cap, :greeting, :pf, :req, :seed, :hash, 'OPEN', 0, 0, 0, :now, :exp)""")
                .param("s", p.senderId()).param("k", p.kind().name()).param("g", p.groupId())
                .param("r", p.receiverId()).param("t", p.totalFen()).param("n", p.shares())
                .param("cap", p.shareCapFen()).param("greeting", p.greeting()).param("pf", p.passwordFree())
                .param("req", p.clientRequestId()).param("seed", p.seedSealed()).param("hash", p.seedHash())
                .param("now", Sql.utc(p.createdAt())).param("exp", Sql.utc(p.expiresAt()))
                .update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    public Optional<Row> byRequest(long senderId, String clientRequestId) {
        return jdbc.sql(SELECT + " WHERE sender_id = :s AND client_request_id = :r").param("s", senderId)
                .param("r", clientRequestId).query(ROW).optional();
    }

    public Optional<Row> get(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(ROW).optional();
    }

    /** The per-packet lock: every open of this packet, and its expiry, takes it. */
    public Row lock(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id FOR UPDATE").param("id", id).query(ROW).single();
    }

    public Optional<Row> lockIfFree(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id FOR UPDATE SKIP LOCKED").param("id", id).query(ROW).optional();
    }

    public void insertShare(long packetId, long userId, int position, long amountFen, Instant now) {
        jdbc.sql("""
                INSERT INTO social_red_packet_share (packet_id, user_id, position, amount_fen, opened_at)
                VALUES (:p, :u, :pos, :a, :now)""")
                .param("p", packetId).param("u", userId).param("pos", position).param("a", amountFen)
                .param("now", Sql.utc(now)).update();
    }

    public void opened(long id, int openedCount, long openedFen, RedPacketState state, Instant finishedAt) {
        jdbc.sql("""
                UPDATE social_red_packet SET opened_count = :c, opened_fen = :f, state = :st, finished_at = :fin
                WHERE id = :id""")
                .param("c", openedCount).param("f", openedFen).param("st", state.name())
                .param("fin", Sql.utc(finishedAt)).param("id", id).update();
    }

    public void expired(long id, long refundedFen, Instant now) {
        jdbc.sql("UPDATE social_red_packet SET state = 'EXPIRED', refunded_fen = :r, finished_at = :now WHERE id = :id")
                .param("r", refundedFen).param("now", Sql.utc(now)).param("id", id).update();
    }

    public Optional<ShareRow> share(long packetId, long userId) {
        return jdbc.sql(SHARES + " WHERE packet_id = :p AND user_id = :u").param("p", packetId).param("u", userId)
                .query(SHARE).optional();
    }

    public List<ShareRow> shares(long packetId) {
        return jdbc.sql(SHARES + " WHERE packet_id = :p ORDER BY position").param("p", packetId)
                .query(SHARE).list();
    }

    /** Claims this packet's shares not yet credited; rows another crediting transaction holds are skipped. */
    public List<ShareRow> claimUncredited(long packetId, int limit) {
        return jdbc.sql(SHARES + " WHERE packet_id = :p AND credited_at IS NULL ORDER BY position LIMIT :n "
                + "FOR UPDATE SKIP LOCKED").param("p", packetId).param("n", limit).query(SHARE).list();
    }

    public void credited(long packetId, List<Integer> positions, Instant now) {
        jdbc.sql("UPDATE social_red_packet_share SET credited_at = :now WHERE packet_id = :p AND position IN (:pos)")
                .param("now", Sql.utc(now)).param("p", packetId).param("pos", positions).update();
    }

    /** Packets with opened shares not yet credited: what a crash between open and credit leaves behind. */
    public List<Long> packetsWithUncreditedShares(int limit) {
        return jdbc.sql("SELECT DISTINCT packet_id FROM social_red_packet_share WHERE credited_at IS NULL "
                + "ORDER BY packet_id LIMIT :n").param("n", limit).query(Long.class).list();
    }

    public List<Long> expiredIds(Instant now, int limit) {
        return jdbc.sql("SELECT id FROM social_red_packet WHERE state = 'OPEN' AND expires_at <= :now ORDER BY id LIMIT :n")
                .param("now", Sql.utc(now)).param("n", limit).query(Long.class).list();
    }

    public List<Row> sentBy(long userId) {
        return jdbc.sql(SELECT + " WHERE sender_id = :u ORDER BY id DESC").param("u", userId).query(ROW).list();
    }

    public List<Row> receivedBy(long userId) {
        return jdbc.sql(SELECT + " WHERE id IN (SELECT packet_id FROM social_red_packet_share WHERE user_id = :u) "
                + "ORDER BY id DESC").param("u", userId).query(ROW).list();
    }

    /** Packets a user can open or look at: to their groups or to them, newest first. */
    public List<Row> visibleTo(long userId, int limit) {
        return jdbc.sql(SELECT + """
                \sWHERE receiver_id = :u OR group_id IN (SELECT group_id FROM social_group_member WHERE user_id = :u)
                ORDER BY id DESC LIMIT :n""").param("u", userId).param("n", limit).query(ROW).list();
    }
}
