package org.sharpeyes.console.audit;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;

/**
 * The append-only audit trail. Each entry's hash is SHA-256 over its predecessor's hash and its
 * own fields, so editing or deleting any stored entry breaks every hash after it ({@link #verify}).
 * The table itself refuses UPDATE and DELETE (rules in V1). Appends are serialised by a
 * transaction-scoped advisory lock so two nodes cannot fork the chain.
 */
public final class AuditLog {
    /** Chain check result: ok with the entry count, or the first entry whose hash does not hold. */
    public record Verification(boolean ok, long entries, Long brokenAt) {
        public JsonObject toJson() {
            JsonObject o = new JsonObject().put("ok", ok).put("entries", entries);
            return ok ? o : o.put("brokenAt", brokenAt);
        }
    }

    private final DataSource dataSource;
    private final Clock clock;

    public AuditLog(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * Appends one entry; blocking. {@code detail} may be null. One statement: the database takes the
     * chain's lock and hashes the entry onto the last one ({@code audit_append}, migration V9) the
     * way {@link #hash} does, which verification checks.
     */
    public void record(String username, String action, String caseRef, JsonObject detail) throws SQLException {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT audit_append(?, ?, ?, ?, ?)")) {
            ps.setLong(1, micros);
            ps.setString(2, username);
            ps.setString(3, action);
            ps.setString(4, caseRef);
            ps.setString(5, detail == null ? null : detail.encode());
            ps.execute();
        }
    }

    /** Newest first, entries with seq below {@code beforeSeq} (Long.MAX_VALUE for the newest). */
    public List<AuditEntry> page(long beforeSeq, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT seq, ts, username, action, case_ref, detail::text FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?")) {
            ps.setLong(1, beforeSeq);
            ps.setInt(2, limit);
            List<AuditEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(entry(rs));
                }
            }
            return out;
        }
    }

    /** Walks the whole chain in order, recomputing every hash. */
    public Verification verify() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // lets the driver stream the rows instead of loading them all
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT seq, ts, username, action, case_ref, detail::text, prev_hash, hash FROM audit_log ORDER BY seq")) {
                ps.setFetchSize(1000);
                byte[] expectedPrev = null;
                long n = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        AuditEntry e = entry(rs);
                        byte[] prev = rs.getBytes(7);
                        byte[] stored = rs.getBytes(8);
                        if (!Arrays.equals(prev, expectedPrev)
                                || !Arrays.equals(stored, hash(prev, e.time(), e.username(), e.action(), e.caseRef(), e.detail()))) {
                            return new Verification(false, n, e.seq());
                        }
                        expectedPrev = stored;
                        n++;
                    }
                }
                return new Verification(true, n, null);
            } finally {
                c.rollback();
            }
        }
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6));
    }

    /** Fields are length-prefixed so that no two different entries hash the same bytes. */
    static byte[] hash(byte[] prev, Instant ts, String username, String action, String caseRef, String detail) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        update(md, prev);
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, ts);
        update(md, Long.toString(micros).getBytes(StandardCharsets.UTF_8));
        for (String s : new String[] {username, action, caseRef, detail}) {
            update(md, s == null ? null : s.getBytes(StandardCharsets.UTF_8));
        }
        return md.digest();
    }

    private static void update(MessageDigest md, byte[] field) {
        int len = field == null ? -1 : field.length;
        md.update(new byte[] {(byte) (len >>> 24), (byte) (len >>> 16), (byte) (len >>> 8), (byte) len});
        if (field != null) {
            md.update(field);
        }
    }
}
