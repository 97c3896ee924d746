package org.sharpeyes.gateway.registry;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.sharpeyes.common.AnalyticsSettings;
import org.sharpeyes.common.Camera;
import org.sharpeyes.common.CameraKeys;
import org.sharpeyes.common.CameraRepository;
import org.sharpeyes.common.SealedCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers cameras from a CSV file (UTF-8, with or without BOM). The header row names the
 * columns, in any order: {@link #COLUMNS}, of which {@link #REQUIRED} must be present. Every bad
 * row is reported with its line and reasons; the good rows are stored all the same, in a few
 * bulk statements. Duplicates are found within the file (the first row wins) and against the
 * registry, by name, main URL address and GB device id.
 *
 * <p>Cells: {@code org_unit_code} is the administrative code (empty: the grid cell's unit);
 * {@code plates}/{@code faces} take true/false, yes/no, 1/0 or 是/否; {@code roi} is
 * {@code "x y;x y;x y"} in normalised frame coordinates. Blocking: call from a worker thread.
 */
public final class CsvImport {
    public static final List<String> COLUMNS = List.of("name", "org_unit_code", "grid_code", "site_type", "lat", "lon",
            "main_url", "sub_url", "onvif_url", "username", "password", "vendor", "model", "firmware", "gb_device_id",
            "plates", "faces", "fps", "roi");
    public static final Set<String> REQUIRED = Set.of("name", "grid_code", "site_type", "main_url");

    /** The validator's field names as CSV columns. */
    private static final Map<String, String> COLUMN_OF = Map.ofEntries(Map.entry("orgUnitId", "org_unit_code"),
            Map.entry("gridCode", "grid_code"), Map.entry("siteType", "site_type"), Map.entry("mainUrl", "main_url"),
            Map.entry("subUrl", "sub_url"), Map.entry("onvifUrl", "onvif_url"), Map.entry("gbDeviceId", "gb_device_id"));
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final int INSERT_CHUNK = 2_000;
    private static final Logger log = LoggerFactory.getLogger(CsvImport.class);

    /** What an import did: how many cameras it stored, and every refused row (in line order). */
    public record Report(int stored, List<RowError> errors) {
        public Report {
            errors = List.copyOf(errors);
        }
    }

    /** One refused row: the line it starts on (the header is line 1) and every reason. */
    public record RowError(int line, List<FieldError> errors) {
        public RowError {
            errors = List.copyOf(errors);
        }
    }

    private record Candidate(int line, Camera camera, Credentials credentials) {
    }

    private final CameraRepository repository;
    private final CredentialCipher cipher;

    public CsvImport(CameraRepository repository, CredentialCipher cipher) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
    }

    public Report run(byte[] file) {
        long t0 = System.nanoTime();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file)).toString();
        } catch (CharacterCodingException e) {
            return new Report(0, List.of(new RowError(firstBadLine(file),
                    List.of(new FieldError("file", "not valid UTF-8 on this line; save the file as UTF-8")))));
        }
        List<CsvReader.Row> rows = CsvReader.parse(text);
        if (rows.isEmpty()) {
            return new Report(0, List.of(new RowError(1, List.of(new FieldError("file", "empty; expected a header row")))));
        }
        Map<String, Integer> header = new HashMap<>();
        List<FieldError> headerErrors = header(rows.get(0), header);
        if (!headerErrors.isEmpty()) {
            return new Report(0, List.of(new RowError(rows.get(0).line(), headerErrors)));
        }
        List<RowError> errors = new ArrayList<>();
        List<Candidate> candidates = candidates(rows.subList(1, rows.size()), header, errors);
        candidates = unique(candidates, errors);
        int stored = store(candidates, errors);
        errors.sort(Comparator.comparingInt(RowError::line));
        log.info("camera csv import rows={} stored={} refused={} ms={}", rows.size() - 1, stored, errors.size(),
                (System.nanoTime() - t0) / 1_000_000);
        return new Report(stored, errors);
    }

    private static List<FieldError> header(CsvReader.Row row, Map<String, Integer> header) {
        List<FieldError> errors = new ArrayList<>();
        if (row.error() != null) {
            errors.add(new FieldError("header", row.error()));
        }
        for (int i = 0; i < row.fields().size(); i++) {
            String name = row.fields().get(i).strip().toLowerCase(Locale.ROOT);
            if (!COLUMNS.contains(name)) {
                errors.add(new FieldError("header", "unknown column '" + name + "'; known: " + String.join(", ", COLUMNS)));
            } else if (header.put(name, i) != null) {
                errors.add(new FieldError("header", "column '" + name + "' appears twice"));
            }
        }
        REQUIRED.stream().sorted().filter(c -> !header.containsKey(c))
                .forEach(c -> errors.add(new FieldError("header", "required column '" + c + "' is missing")));
        return errors;
    }

    /** Rows that read and validate, each as a camera with a fresh id; the others become errors. */
    private List<Candidate> candidates(List<CsvReader.Row> rows, Map<String, Integer> header, List<RowError> errors) {
        Set<String> gridCodes = new HashSet<>();
        Set<String> orgCodes = new HashSet<>();
        for (CsvReader.Row row : rows) {
            if (row.error() == null && row.fields().size() == header.size()) {
                addCell(gridCodes, row, header, "grid_code");
                addCell(orgCodes, row, header, "org_unit_code");
            }
        }
        var grids = repository.gridCells(gridCodes);
        Map<String, Long> orgUnits = repository.orgUnitIds(orgCodes);
        List<Candidate> candidates = new ArrayList<>(rows.size());
        for (CsvReader.Row row : rows) {
            List<FieldError> rowErrors = new ArrayList<>();
            if (row.error() != null) {
                rowErrors.add(new FieldError("row", row.error()));
            } else if (row.fields().size() != header.size()) {
                rowErrors.add(new FieldError("row", "has " + row.fields().size() + " fields; the header has " + header.size()));
            } else {
                CameraSpec spec = spec(row, header, orgUnits, rowErrors);
                List<FieldError> invalid = new ArrayList<>();
                CameraValidator.Validated valid = CameraValidator.validate(UUID.randomUUID(), spec, grids, invalid);
                // A cell that did not parse was passed on as empty: its "required" or "together" error says nothing new.
                Set<String> unreadable = new HashSet<>(rowErrors.stream().map(FieldError::field).toList());
                invalid.stream().map(CsvImport::asColumn).filter(e -> !unreadable.contains(e.field())).forEach(rowErrors::add);
                if (valid != null && rowErrors.isEmpty()) {
                    candidates.add(new Candidate(row.line(), valid.camera(), valid.credentials()));
                }
            }
            if (!rowErrors.isEmpty()) {
                errors.add(new RowError(row.line(), rowErrors));
            }
        }
        return candidates;
    }

    private static CameraSpec spec(CsvReader.Row row, Map<String, Integer> header, Map<String, Long> orgUnits, List<FieldError> errors) {
        Function<String, String> cell = column -> {
            Integer i = header.get(column);
            String v = i == null ? null : row.fields().get(i).strip();
            return v == null || v.isEmpty() ? null : v;
        };
        Long orgUnitId = null;
        String orgCode = cell.apply("org_unit_code");
        if (orgCode != null) {
            orgUnitId = orgUnits.get(orgCode);
            if (orgUnitId == null) {
                errors.add(new FieldError("org_unit_code", "unknown org unit code '" + orgCode + "'"));
            }
        }
        Double fps = number("fps", cell.apply("fps"), errors);
        Integer i = header.get("password");
        return CameraSpec.builder()
                .name(cell.apply("name"))
                .orgUnitId(orgUnitId)
                .gridCode(cell.apply("grid_code"))
                .siteType(cell.apply("site_type"))
                .position(number("lat", cell.apply("lat"), errors), number("lon", cell.apply("lon"), errors))
                .mainUrl(cell.apply("main_url"))
                .subUrl(cell.apply("sub_url"))
                .onvifUrl(cell.apply("onvif_url"))
                // The password is taken as written: surrounding spaces may be part of it.
                .login(cell.apply("username"), i == null || row.fields().get(i).isEmpty() ? null : row.fields().get(i))
                .vendor(cell.apply("vendor"))
                .model(cell.apply("model"))
                .firmware(cell.apply("firmware"))
                .gbDeviceId(cell.apply("gb_device_id"))
                .plates(bool("plates", cell.apply("plates"), errors))
                .faces(bool("faces", cell.apply("faces"), errors))
                .fps(fps == null ? null : fps.floatValue())
                .roi(roi(cell.apply("roi"), errors))
                .build();
    }

    /** Drops rows whose keys an earlier row of the file or a registered camera already uses. */
    private List<Candidate> unique(List<Candidate> candidates, List<RowError> errors) {
        Map<String, Integer> names = new HashMap<>();
        Map<String, Integer> urls = new HashMap<>();
        Map<String, Integer> gbIds = new HashMap<>();
        List<Candidate> firsts = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            List<FieldError> rowErrors = new ArrayList<>();
            Integer name = names.putIfAbsent(c.camera().name(), c.line());
            if (name != null) {
                rowErrors.add(new FieldError("name", "duplicate name: '" + c.camera().name() + "' is also on line " + name));
            }
            Integer url = urls.putIfAbsent(c.camera().mainUrl(), c.line());
            if (url != null) {
                rowErrors.add(new FieldError("main_url", "duplicate address: " + c.camera().mainUrl() + " is also on line " + url));
            }
            Integer gb = c.camera().gbDeviceId() == null ? null : gbIds.putIfAbsent(c.camera().gbDeviceId(), c.line());
            if (gb != null) {
                rowErrors.add(new FieldError("gb_device_id", "duplicate GB device id: also on line " + gb));
            }
            if (rowErrors.isEmpty()) {
                firsts.add(c);
            } else {
                errors.add(new RowError(c.line(), rowErrors));
            }
        }
        CameraKeys taken = repository.taken(Uniqueness.keys(firsts.stream().map(Candidate::camera).toList()), null);
        List<Candidate> fresh = new ArrayList<>(firsts.size());
        for (Candidate c : firsts) {
            List<FieldError> rowErrors = new ArrayList<>();
            Uniqueness.report(c.camera(), taken, "a registered camera", rowErrors);
            if (rowErrors.isEmpty()) {
                fresh.add(c);
            } else {
                errors.add(new RowError(c.line(), rowErrors.stream().map(CsvImport::asColumn).toList()));
            }
        }
        return fresh;
    }

    /** Seals logins and inserts in chunks; returns how many were stored. */
    private int store(List<Candidate> candidates, List<RowError> errors) {
        Map<UUID, Candidate> sealed = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            SealedCredentials credentials = null;
            if (c.credentials() != null) {
                try {
                    credentials = cipher.seal(c.camera().id(), c.credentials());
                } catch (IllegalStateException e) {
                    errors.add(new RowError(c.line(), List.of(new FieldError("password", e.getMessage()))));
                    continue;
                }
            }
            sealed.put(c.camera().id(), new Candidate(c.line(), c.camera().withCredentials(credentials), null));
        }
        List<Candidate> all = new ArrayList<>(sealed.values());
        int stored = 0;
        for (int from = 0; from < all.size(); from += INSERT_CHUNK) {
            List<Candidate> chunk = all.subList(from, Math.min(all.size(), from + INSERT_CHUNK));
            Set<UUID> ids = repository.insertAll(chunk.stream().map(Candidate::camera).toList());
            stored += ids.size();
            for (Candidate c : chunk) {
                if (!ids.contains(c.camera().id())) {
                    errors.add(new RowError(c.line(), List.of(new FieldError("row",
                            "a camera with the same name, address or GB device id was registered meanwhile"))));
                }
            }
        }
        return stored;
    }

    private static FieldError asColumn(FieldError e) {
        return new FieldError(COLUMN_OF.getOrDefault(e.field(), e.field()), e.reason());
    }

    private static void addCell(Set<String> into, CsvReader.Row row, Map<String, Integer> header, String column) {
        Integer i = header.get(column);
        if (i != null && !row.fields().get(i).isBlank()) {
            into.add(row.fields().get(i).strip());
        }
    }

    private static Double number(String column, String text, List<FieldError> errors) {
        if (text == null) {
            return null;
        }
        if (!NUMBER.matcher(text).matches()) {
            errors.add(new FieldError(column, "not a number: '" + text + "'"));
            return null;
        }
        return Double.parseDouble(text);
    }

    private static Boolean bool(String column, String text, List<FieldError> errors) {
        if (text == null) {
            return null;
        }
        switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1", "on", "是" -> {
                return true;
            }
            case "false", "no", "n", "0", "off", "否" -> {
                return false;
            }
            default -> {
                errors.add(new FieldError(column, "expected true or false, got '" + text + "'"));
                return null;
            }
        }
    }

    private static List<AnalyticsSettings.Point> roi(String text, List<FieldError> errors) {
        if (text == null) {
            return null;
        }
        List<AnalyticsSettings.Point> points = new ArrayList<>();
        for (String point : text.split(";")) {
            String[] xy = point.strip().split("\\s+");
            if (xy.length != 2 || !NUMBER.matcher(xy[0]).matches() || !NUMBER.matcher(xy[1]).matches()) {
                errors.add(new FieldError("roi", "expected 'x y;x y;x y' with numbers from 0 to 1"));
                return null;
            }
            points.add(new AnalyticsSettings.Point(Double.parseDouble(xy[0]), Double.parseDouble(xy[1])));
        }
        return points;
    }

    /** The 1-based line holding the first byte that is not valid UTF-8. */
    private static int firstBadLine(byte[] file) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        int line = 1;
        int start = 0;
        for (int i = 0; i <= file.length; i++) {
            if (i == file.length || file[i] == '\n') {
                try {
                    decoder.reset().decode(ByteBuffer.wrap(file, start, i - start));
                } catch (CharacterCodingException e) {
                    return line;
                }
                line++;
                start = i + 1;
            }
        }
        return line;
    }
}
