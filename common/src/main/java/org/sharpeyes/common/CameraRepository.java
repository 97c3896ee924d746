package org.sharpeyes.common;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Where the camera registry keeps cameras, and the org tree and grid cells it checks them
 * against. Implemented by storage; every method blocks (JDBC), so call it off event loops.
 */
public interface CameraRepository {
    enum Order { NAME, ID }

    /**
     * Stores new cameras, few statements for many rows. A camera whose id, name, main URL or GB
     * device id is already taken (by a stored camera or an earlier one in the list) is skipped.
     *
     * @return the ids of the cameras stored
     */
    Set<UUID> insertAll(List<Camera> cameras);

    /**
     * Replaces every stored field of the camera with the same id.
     *
     * @return false when there is no such camera
     * @throws Conflict when the new name, main URL or GB device id belongs to another camera
     */
    boolean update(Camera camera);

    boolean setEnabled(UUID id, boolean enabled);

    boolean delete(UUID id);

    Optional<Camera> find(UUID id);

    /**
     * One page of cameras in name or id order, starting after {@code afterKey} (the last name, or
     * the last id as a string; null for the first page).
     *
     * @param underOrgUnits cameras in these org units or their descendants; empty means all
     */
    List<Camera> list(Collection<Long> underOrgUnits, Order order, String afterKey, int limit);

    /** Those of the candidate keys that stored cameras other than {@code except} (may be null) already use. */
    CameraKeys taken(CameraKeys candidates, UUID except);

    /** The grid cells with these codes; unknown codes are absent from the map. */
    Map<String, GridCell> gridCells(Collection<String> codes);

    /** Org unit ids by administrative code; unknown codes are absent from the map. */
    Map<String, Long> orgUnitIds(Collection<String> codes);

    /**
     * Where the camera stands now, as its events must carry it: the codes of its org unit and that
     * unit's ancestors by tier (null for tiers below its unit), its grid cell and site type.
     */
    Optional<Placement> placement(UUID cameraId);

    /** Up to {@code limit} cameras' credentials sealed under a key other than {@code keyId}. */
    Map<UUID, SealedCredentials> credentialsNotUnder(String keyId, int limit);

    /** Compare-and-set of one camera's credentials, so a rotation never overwrites a concurrent edit. */
    boolean replaceCredentials(UUID id, SealedCredentials expected, SealedCredentials replacement);

    /** A unique key of the registry is already taken; {@link #field()} names it as the registry's input does. */
    final class Conflict extends RuntimeException {
        private final String field;

        public Conflict(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
