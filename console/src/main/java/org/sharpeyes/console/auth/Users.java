package org.sharpeyes.console.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code app_user} table. Password hashes go in and are compared here; they never leave. */
public final class Users {
    /** A stored user with what login needs. */
    record Account(User user, String passwordHash, int failedLogins, Instant lockedUntil) {
    }

    private static final String COLUMNS = "id, username, role, scope_org_id, enabled";

    private final DataSource dataSource;

    public Users(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Optional<Account> account(String username) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + ", password_hash, failed_logins, locked_until FROM app_user WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp locked = rs.getTimestamp(8);
                return Optional.of(new Account(user(rs), rs.getString(6), rs.getInt(7), locked == null ? null : locked.toInstant()));
            }
        }
    }

    /** Counts a failure; locks the account until {@code lockUntil} (and restarts the count) when it is not null. */
    void recordFailure(long id, Instant lockUntil) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(lockUntil == null
                ? "UPDATE app_user SET failed_logins = failed_logins + 1 WHERE id = ?"
                : "UPDATE app_user SET failed_logins = 0, locked_until = ? WHERE id = ?")) {
            if (lockUntil == null) {
                ps.setLong(1, id);
            } else {
                ps.setTimestamp(1, Timestamp.from(lockUntil));
                ps.setLong(2, id);
            }
            ps.executeUpdate();
        }
    }

    void recordSuccess(long id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = ? AND (failed_logins <> 0 OR locked_until IS NOT NULL)")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    public Optional<User> get(long id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM app_user WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(user(rs)) : Optional.empty();
            }
        }
    }

    /** Users by id after {@code afterId}, at most {@code limit}. */
    public List<User> list(long afterId, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM app_user WHERE id > ? ORDER BY id LIMIT ?")) {
            ps.setLong(1, afterId);
            ps.setInt(2, limit);
            List<User> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(user(rs));
                }
            }
            return out;
        }
    }

    /** @return the new user, or empty when the username is taken */
    public Optional<User> create(String username, String passwordHash, Role role, Long scopeOrgId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO app_user (username, password_hash, role, scope_org_id) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (username) DO NOTHING RETURNING " + COLUMNS)) {
            ps.setString(1, username);
            ps.setString(2, passwordHash);
            ps.setString(3, role.name());
            ps.setObject(4, scopeOrgId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(user(rs)) : Optional.empty();
            }
        }
    }

    /** Changes role, scope and enabled, and the password when a new hash is given. */
    public Optional<User> update(long id, Role role, Long scopeOrgId, boolean enabled, String passwordHash) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE app_user SET role = ?, scope_org_id = ?, enabled = ?, password_hash = COALESCE(?, password_hash)"
                        + " WHERE id = ? RETURNING " + COLUMNS)) {
            ps.setString(1, role.name());
            ps.setObject(2, scopeOrgId);
            ps.setBoolean(3, enabled);
            ps.setString(4, passwordHash);
            ps.setLong(5, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(user(rs)) : Optional.empty();
            }
        }
    }

    public boolean delete(long id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM app_user WHERE id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    private static User user(ResultSet rs) throws SQLException {
        long scope = rs.getLong(4);
        Long scopeId = rs.wasNull() ? null : scope;
        return new User(rs.getLong(1), rs.getString(2), Role.valueOf(rs.getString(3)), scopeId, rs.getBoolean(5));
    }
}
