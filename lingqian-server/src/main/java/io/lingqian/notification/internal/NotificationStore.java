package io.lingqian.notification.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import io.lingqian.notification.Notification;
import io.lingqian.notification.NotificationAttempt;
import io.lingqian.notification.NotificationEvent;
import io.lingqian.notification.NotificationStatus;

/** The {@code merchant_notification} tables. */
@Repository
public class NotificationStore {

    /** A claimed notification with what an attempt needs. */
    public record Due(Notification notification, String resource) {
    }

    private static final String COLUMNS = """
            id, notification_id, merchant_id, notify_url, event_type, subject, status, round_attempts,
            next_attempt_at, created_at, delivered_at""";

    private final JdbcClient jdbc;

    NotificationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(String notificationId, long merchantId, String notifyUrl, NotificationEvent event,
            String subject, String resource, Instant now, Instant firstAttemptAt) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO merchant_notification (notification_id, merchant_id, notify_url, event_type, summary,
                    original_type, associated_data, subject, resource, status, round_attempts, next_attempt_at,
                    created_at)
                VALUES (:nid, :merchant, :url, :event, :summary, :original, :aad, :subject, :resource, 'PENDING', 0,
                    :due, :now)""")
                .param("nid", notificationId).param("merchant", merchantId).param("url", notifyUrl)
                .param("event", event.eventType()).param("summary", event.summary())
                .param("original", event.originalType()).param("aad", event.associatedData())
                .param("subject", subject).param("resource", resource).param("now", utc(now))
                .param("due", utc(firstAttemptAt)).update(keys, "id");
        return keys.getKey().longValue();
    }

    /**
     * Claims up to {@code limit} due notifications, in the order they fell due ({@code SKIP LOCKED}, so
     * two job instances never take the same one) and leases them until {@code leaseUntil}: should the attempt never be
     * recorded (a crash), the job takes the notification again after the lease.
     */
    public List<Due> claimDue(Instant now, Instant leaseUntil, int limit) {
        List<Long> ids = jdbc.sql("""
                SELECT id FROM merchant_notification WHERE status = 'PENDING' AND next_attempt_at <= :now
                ORDER BY next_attempt_at, id LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .param("now", utc(now)).param("limit", limit).query(Long.class).list();
        if (ids.isEmpty()) {
            return List.of();
        }
        jdbc.sql("UPDATE merchant_notification SET next_attempt_at = :lease WHERE id IN (:ids)")
                .param("lease", utc(leaseUntil)).param("ids", ids).update();
        Map<Long, Due> claimed = new HashMap<>();
        jdbc.sql("SELECT " + COLUMNS + ", resource FROM merchant_notification WHERE id IN (:ids)")
                .param("ids", ids).query((rs, n) -> new Due(notification(rs), rs.getString("resource")))
                .list().forEach(due -> claimed.put(due.notification().id(), due));
        // in the order they fell due (the lease now gives them all the same next_attempt_at)
        return ids.stream().map(claimed::get).toList();
    }

    public Optional<Notification> lock(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM merchant_notification WHERE id = :id FOR UPDATE")
                .param("id", id).query((rs, n) -> notification(rs)).optional();
    }

    public void recordAttempt(long id, NotificationAttempt attempt) {
        jdbc.sql("""
                INSERT INTO merchant_notification_attempt (notification_id, attempted_at, http_status, error,
                    response_body, duration_ms, delivered)
                VALUES (:id, :at, :status, :error, :body, :duration, :delivered)""")
                .param("id", id).param("at", utc(attempt.attemptedAt())).param("status", attempt.httpStatus())
                .param("error", attempt.error()).param("body", attempt.responseBody())
                .param("duration", attempt.durationMs()).param("delivered", attempt.delivered()).update();
    }

    /** Moves the notification on; {@code nextAttemptAt} null unless it stays PENDING. */
    public void update(long id, NotificationStatus status, int roundAttempts, Instant nextAttemptAt,
            Instant deliveredAt) {
        jdbc.sql("""
                UPDATE merchant_notification SET status = :status, round_attempts = :attempts,
                    next_attempt_at = :next, delivered_at = COALESCE(:delivered, delivered_at)
                WHERE id = :id""")
                .param("status", status.name()).param("attempts", roundAttempts)
                .param("next", nextAttemptAt == null ? null : utc(nextAttemptAt))
                .param("delivered", deliveredAt == null ? null : utc(deliveredAt)).param("id", id).update();
    }

    public List<Notification> byMerchant(long merchantId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM merchant_notification WHERE merchant_id = :merchant ORDER BY created_at DESC, id DESC
                LIMIT :limit""")
                .param("merchant", merchantId).param("limit", limit).query((rs, n) -> notification(rs)).list();
    }

    public Optional<Notification> byId(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM merchant_notification WHERE id = :id")
                .param("id", id).query((rs, n) -> notification(rs)).optional();
    }

    public List<NotificationAttempt> attempts(long id) {
        return jdbc.sql("""
                SELECT attempted_at, http_status, error, response_body, duration_ms, delivered
                FROM merchant_notification_attempt WHERE notification_id = :id ORDER BY id""")
                .param("id", id).query((rs, n) -> new NotificationAttempt(instant(rs, "attempted_at"),
                        (Integer) rs.getObject("http_status", Integer.class), rs.getString("error"),
                        rs.getString("response_body"), rs.getLong("duration_ms"), rs.getBoolean("delivered")))
                .list();
    }

    private static Notification notification(ResultSet rs) throws SQLException {
        return new Notification(rs.getLong("id"), rs.getString("notification_id"), rs.getLong("merchant_id"),
                rs.getString("notify_url"), NotificationEvent.ofEventType(rs.getString("event_type")),
                rs.getString("subject"), NotificationStatus.valueOf(rs.getString("status")),
                rs.getInt("round_attempts"), instant(rs, "next_attempt_at"), instant(rs, "created_at"),
                instant(rs, "delivered_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
