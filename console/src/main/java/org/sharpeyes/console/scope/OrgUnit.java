package org.sharpeyes.console.scope;

import org.sharpeyes.common.Tier;

/** One node of the administrative tree (city → district → street → community). */
public record OrgUnit(long id, Long parentId, Tier tier, String code, String name) {
}
