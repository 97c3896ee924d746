package org.sharpeyes.gateway.registry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.sharpeyes.common.Camera;
import org.sharpeyes.common.CameraRepository;
import org.sharpeyes.common.Placement;
import org.sharpeyes.common.SealedCredentials;
import org.sharpeyes.common.Urls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers, edits, switches and removes cameras. Every method blocks on the repository (JDBC):
 * call it from a worker thread, never from an event loop.
 */
public final class CameraRegistry {
    public enum StreamKind { MAIN, SUB }

    public static final int MAX_PAGE = 1000;
    private static final int ROTATION_BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(CameraRegistry.class);

    private final CameraRepository repository;
    private final CredentialCipher cipher;

    public CameraRegistry(CameraRepository repository, CredentialCipher cipher) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
    }

    /** @throws CameraValidationException listing every bad field, duplicates included */
    public Camera create(CameraSpec spec) {
        UUID id = UUID.randomUUID();
        Camera camera = checked(id, spec, null);
        if (repository.insertAll(List.of(camera)).isEmpty()) {
            // Another writer took one of its keys between our check and the insert.
            List<FieldError> errors = new ArrayList<>();
            Uniqueness.report(camera, repository.taken(Uniqueness.keys(List.of(camera)), null), "another camera", errors);
            throw new CameraValidationException(errors.isEmpty()
                    ? List.of(new FieldError("name", "a camera with the same name or address was stored meanwhile")) : errors);
        }
        log.info("camera created id={} name={} mainUrl={} credentials={}", id, camera.name(), Urls.mask(camera.mainUrl()),
                camera.credentials() != null);
        return camera;
    }

    /**
     * Replaces the camera's settings with the spec. Credentials the spec does not give are kept;
     * whether the camera is enabled is kept too.
     *
     * @return empty when there is no camera with this id
     * @throws CameraValidationException listing every bad field, duplicates included
     */
    public Optional<Camera> update(UUID id, CameraSpec spec) {
        Optional<Camera> existing = repository.find(id);
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        Camera camera = checked(id, spec, existing.get().credentials()).withEnabled(existing.get().enabled());
        try {
            if (!repository.update(camera)) {
                return Optional.empty();
            }
        } catch (CameraRepository.Conflict e) {
            throw new CameraValidationException(List.of(new FieldError(e.field(), e.getMessage())));
        }
        log.info("camera updated id={} name={} mainUrl={}", id, camera.name(), Urls.mask(camera.mainUrl()));
        return Optional.of(camera);
    }

    /** @return false when there is no camera with this id */
    public boolean disable(UUID id) {
        return setEnabled(id, false);
    }

    /** @return false when there is no camera with this id */
    public boolean enable(UUID id) {
        return setEnabled(id, true);
    }

    /** @return false when there is no camera with this id */
    public boolean delete(UUID id) {
        boolean deleted = repository.delete(id);
        if (deleted) {
            log.info("camera deleted id={}", id);
        }
        return deleted;
    }

    public Optional<Camera> get(UUID id) {
        return repository.find(id);
    }

    /** The tier codes, grid and site type a camera's events carry; empty when there is no such camera. */
    public Optional<Placement> placement(UUID id) {
        return repository.placement(id);
    }

    /**
     * One page of cameras in name or id order.
     *
     * @param underOrgUnits only cameras in these org units or below them; empty for all
     * @param cursor        the {@code next} of the previous page, or null for the first
     * @throws CameraValidationException for a bad limit or cursor
     */
    public CameraPage list(Collection<Long> underOrgUnits, CameraRepository.Order order, String cursor, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new CameraValidationException(List.of(new FieldError("limit", "must be from 1 to " + MAX_PAGE)));
        }
        String after = cursor == null ? null : decodeCursor(order, cursor);
        List<Camera> rows = repository.list(underOrgUnits, order, after, limit + 1);
        if (rows.size() <= limit) {
            return new CameraPage(rows, null);
        }
        Camera last = rows.get(limit - 1);
        return new CameraPage(rows.subList(0, limit), encodeCursor(order, order == CameraRepository.Order.NAME ? last.name() : last.id().toString()));
    }

    /**
     * The stream URL with the camera's login put back as userinfo, for the gateway's RTSP puller
     * only: never log it (use {@link Urls#mask}) and never return it through an API.
     *
     * @return empty when there is no such camera or it has no URL for that stream
     * @throws IllegalStateException when the credentials cannot be opened (unknown key id)
     */
    public Optional<String> streamUrl(UUID cameraId, StreamKind kind) {
        return repository.find(cameraId).flatMap(camera -> {
            String address = kind == StreamKind.MAIN ? camera.mainUrl() : camera.subUrl();
            if (address == null) {
                return Optional.empty();
            }
            SealedCredentials sealed = camera.credentials();
            return Optional.of(CameraUrl.withCredentials(address, sealed == null ? null : cipher.open(cameraId, sealed)));
        });
    }

    /**
     * The camera's login in clear, for ONVIF control only: never log it and never return it
     * through an API.
     *
     * @return empty when there is no such camera or it has no login
     */
    public Optional<Credentials> login(UUID cameraId) {
        return repository.find(cameraId).filter(c -> c.credentials() != null).map(c -> cipher.open(cameraId, c.credentials()));
    }

    /**
     * Re-seals every camera login that is not under the active key with the active key.
     *
     * @return how many were re-sealed
     * @throws IllegalStateException when a login is sealed under a key that is no longer configured
     */
    public int rotateCredentials() {
        String active = cipher.activeKeyId();
        if (active == null) {
            throw new IllegalStateException("cannot rotate camera credentials: no credential key is configured");
        }
        int rotated = 0;
        for (Map<UUID, SealedCredentials> batch = repository.credentialsNotUnder(active, ROTATION_BATCH); !batch.isEmpty();
             batch = repository.credentialsNotUnder(active, ROTATION_BATCH)) {
            for (Map.Entry<UUID, SealedCredentials> e : batch.entrySet()) {
                SealedCredentials resealed = cipher.seal(e.getKey(), cipher.open(e.getKey(), e.getValue()));
                if (repository.replaceCredentials(e.getKey(), e.getValue(), resealed)) {
                    rotated++;
                }
            }
        }
        log.info("camera credentials rotated count={} keyId={}", rotated, active);
        return rotated;
    }

    private boolean setEnabled(UUID id, boolean enabled) {
        boolean found = repository.setEnabled(id, enabled);
        if (found) {
            log.info("camera {} id={}", enabled ? "enabled" : "disabled", id);
        }
        return found;
    }

    /** Validates, checks uniqueness and seals the login; {@code keep} stands in when the spec gives none. */
    private Camera checked(UUID id, CameraSpec spec, SealedCredentials keep) {
        List<FieldError> errors = new ArrayList<>();
        String grid = spec.gridCode() == null ? null : spec.gridCode().strip();
        CameraValidator.Validated valid = CameraValidator.validate(id, spec,
                repository.gridCells(Stream.ofNullable(grid).toList()), errors);
        if (valid == null) {
            throw new CameraValidationException(errors);
        }
        Uniqueness.report(valid.camera(), repository.taken(Uniqueness.keys(List.of(valid.camera())), id), "another camera", errors);
        SealedCredentials sealed = keep;
        if (valid.credentials() != null) {
            try {
                sealed = cipher.seal(id, valid.credentials());
            } catch (IllegalStateException e) {
                errors.add(new FieldError("password", e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new CameraValidationException(errors);
        }
        return valid.camera().withCredentials(sealed);
    }

    private static String encodeCursor(CameraRepository.Order order, String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((order.name() + ":" + key).getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeCursor(CameraRepository.Order order, String cursor) {
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            raw = "";
        }
        String prefix = order.name() + ":";
        if (!raw.startsWith(prefix)) {
            throw new CameraValidationException(List.of(new FieldError("cursor",
                    "malformed or from a listing in another order; pass the 'next' value of the previous page unchanged")));
        }
        return raw.substring(prefix.length());
    }
}
