package org.sharpeyes.console.auth;

/**
 * A console user as the API sees it (never with the password hash).
 *
 * @param scopeOrgId the org unit whose subtree the user may see, null for the whole tree
 */
public record User(long id, String username, Role role, Long scopeOrgId, boolean enabled) {
}
