package org.sharpeyes.console.auth;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;

/** Creates the first administrator of an empty user table. */
public final class FirstAdmin {
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private FirstAdmin() {
    }

    /**
     * @param password the configured first password, or null to generate one
     * @return the password when an admin was created now (to be shown once), empty when users exist
     */
    public static Optional<String> ensure(DataSource dataSource, PasswordHasher hasher, String username, String password)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                // Two nodes starting together must not both create an admin.
                s.execute("LOCK TABLE app_user IN EXCLUSIVE MODE");
                try (ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM app_user)")) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        c.rollback();
                        return Optional.empty();
                    }
                }
            }
            String chosen = password != null ? password : generate(20);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO app_user (username, password_hash, role) VALUES (?, ?, 'ADMIN')")) {
                ps.setString(1, username);
                ps.setString(2, hasher.hash(chosen.toCharArray()));
                ps.executeUpdate();
            }
            c.commit();
            return Optional.of(chosen);
        }
    }

    static String generate(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
