package org.sharpeyes.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Typed configuration. Keys, defaults and documentation live in {@code defaults.yaml} beside this
 * class; a value's type is its default's type. Layers, later wins: defaults, the --config file,
 * SHARPEYES_* environment variables, --set key=value. All problems are reported together.
 */
public final class Config {
    /** Environment variables with the prefix that are not keys but are ours all the same. */
    private static final Set<String> OTHER_ENV = Set.of("SHARPEYES_CACHE", "SHARPEYES_HOME", "SHARPEYES_JAVA_OPTS", "SHARPEYES_LOG_LEVEL");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Set<String> SECRET = Set.of("db.password", "console.adminPassword");

    enum Type { TEXT, INT, NUMBER, BOOL, LIST, DURATION }

    private final Map<String, Type> types;
    private final Map<String, Object> values;

    private Config(Map<String, Type> types, Map<String, Object> values) {
        this.types = types;
        this.values = values;
    }

    public static Config load(Path file, Map<String, String> env, List<String> sets) {
        Map<String, Object> defaults = flatten(readDefaults());
        Map<String, Type> types = new LinkedHashMap<>();
        Map<String, Object> values = new LinkedHashMap<>();
        defaults.forEach((k, v) -> {
            types.put(k, typeOf(v));
            values.put(k, v instanceof String s && typeOf(v) == Type.DURATION ? parseDuration(s) : v);
        });
        List<String> problems = new ArrayList<>();
        Config config = new Config(types, values);
        if (file != null) {
            config.applyFile(file, problems);
        }
        env.forEach((name, raw) -> {
            if (name.startsWith("SHARPEYES_") && !OTHER_ENV.contains(name)) {
                String key = types.keySet().stream()
                        .filter(k -> ("SHARPEYES_" + k.replace('.', '_')).toUpperCase(Locale.ROOT).equals(name))
                        .findFirst().orElse(null);
                config.set(key == null ? name : key, raw, "environment variable " + name, problems);
            }
        });
        for (String set : sets) {
            int eq = set.indexOf('=');
            if (eq <= 0) {
                problems.add("--set " + set + ": expected key=value");
            } else {
                config.set(set.substring(0, eq), set.substring(eq + 1), "--set", problems);
            }
        }
        config.validate(problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    public String text(String key) {
        return (String) get(key, Type.TEXT);
    }

    public int integer(String key) {
        return (Integer) get(key, Type.INT);
    }

    public double number(String key) {
        return (Double) get(key, Type.NUMBER);
    }

    public boolean bool(String key) {
        return (Boolean) get(key, Type.BOOL);
    }

    public Duration duration(String key) {
        return (Duration) get(key, Type.DURATION);
    }

    @SuppressWarnings("unchecked")
    public List<String> list(String key) {
        return (List<String>) get(key, Type.LIST);
    }

    /** Every key and value, secrets masked: safe to log. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, SECRET.contains(k) && v != null ? "***" : v));
        return out;
    }

    private Object get(String key, Type type) {
        if (types.get(key) != type) {
            throw new IllegalArgumentException("no " + type + " key " + key);
        }
        return values.get(key);
    }

    private void applyFile(Path file, List<String> problems) {
        Object root;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = yaml().load(r);
        } catch (IOException e) {
            problems.add("--config " + file + ": cannot read: " + e.getMessage());
            return;
        } catch (YAMLException e) {
            problems.add("--config " + file + ": not valid YAML: " + e.getMessage().replace('\n', ' '));
            return;
        }
        if (root == null) {
            return;
        }
        if (!(root instanceof Map<?, ?> map)) {
            problems.add("--config " + file + ": must be a mapping of keys");
            return;
        }
        flatten("", map).forEach((k, v) -> set(k, v, "file " + file, problems));
    }

    /** Sets one value from a file (typed YAML) or from text (environment, --set). */
    private void set(String key, Object raw, String source, List<String> problems) {
        Type type = types.get(key);
        if (type == null) {
            problems.add(key + " (" + source + "): unknown key" + suggestion(key));
            return;
        }
        try {
            values.put(key, convert(type, raw));
        } catch (IllegalArgumentException e) {
            problems.add(key + " (" + source + "): " + e.getMessage());
        }
    }

    private static Object convert(Type type, Object raw) {
        if (raw == null) {
            if (type == Type.TEXT) {
                return null;
            }
            throw new IllegalArgumentException("must not be empty");
        }
        String text = String.valueOf(raw).trim();
        return switch (type) {
            case TEXT -> text.isEmpty() ? null : text;
            case INT -> {
                try {
                    yield Integer.parseInt(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("must be a whole number, got '" + text + "'");
                }
            }
            case NUMBER -> {
                try {
                    double d = Double.parseDouble(text);
                    if (!Double.isFinite(d)) {
                        throw new NumberFormatException();
                    }
                    yield d;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("must be a number, got '" + text + "'");
                }
            }
            case BOOL -> {
                if (!text.equals("true") && !text.equals("false")) {
                    throw new IllegalArgumentException("must be true or false, got '" + text + "'");
                }
                yield Boolean.parseBoolean(text);
            }
            case LIST -> raw instanceof List<?> l
                    ? l.stream().map(String::valueOf).map(String::trim).toList()
                    : Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            case DURATION -> parseDuration(text);
        };
    }

    private void validate(List<String> problems) {
        Set<String> roles = Set.of("gateway", "analytics", "storage", "console");
        List<String> chosen = list("node.roles");
        if (chosen.isEmpty()) {
            problems.add("node.roles: at least one of " + roles);
        }
        chosen.stream().filter(r -> !roles.contains(r)).forEach(r -> problems.add("node.roles: unknown role '" + r + "', expected any of " + roles));
        range(problems, "http.port", 0, 65535);
        range(problems, "db.poolSize", 1, 1000);
        range(problems, "writer.queueCapacity", 1, 10_000_000);
        range(problems, "writer.batchSize", 1, integer("writer.queueCapacity"));
        range(problems, "writer.journalSegmentMiB", 1, 1024);
        range(problems, "search.maxCandidates", 1, 1_000_000);
        range(problems, "console.maxFailedLogins", 1, 1000);
        if ((text("console.tls.cert") == null) != (text("console.tls.key") == null)) {
            problems.add("console.tls.cert and console.tls.key: set both or neither");
        }
        String url = text("db.url");
        if (url != null && !url.startsWith("jdbc:postgresql://")) {
            problems.add("db.url: must start with jdbc:postgresql://, got '" + url + "'");
        }
        if (!Set.of("auto", "on", "off").contains(text("db.timescale"))) {
            problems.add("db.timescale: must be auto, on or off, got '" + text("db.timescale") + "'");
        }
        for (String key : List.of("storage.retention.plates", "storage.retention.faces", "storage.retention.health")) {
            if (duration(key).compareTo(Duration.ofDays(1)) < 0) {
                problems.add(key + ": must be at least 1d, got " + duration(key));
            }
        }
        types.forEach((key, type) -> {
            if (type == Type.DURATION && duration(key).isZero()) {
                problems.add(key + ": must be longer than zero");
            }
        });
        if (duration("writer.retryMin").compareTo(duration("writer.retryMax")) > 0) {
            problems.add("writer.retryMin: must not exceed writer.retryMax");
        }
    }

    private void range(List<String> problems, String key, int min, int max) {
        int v = integer(key);
        if (v < min || v > max) {
            problems.add(key + ": must be " + min + " to " + max + ", got " + v);
        }
    }

    private String suggestion(String key) {
        String leaf = key.substring(key.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return types.keySet().stream().filter(k -> k.toLowerCase(Locale.ROOT).endsWith("." + leaf)).findFirst()
                .map(k -> "; did you mean " + k + "?").orElse("");
    }

    private static Type typeOf(Object value) {
        if (value instanceof Integer) {
            return Type.INT;
        }
        if (value instanceof Double) {
            return Type.NUMBER;
        }
        if (value instanceof Boolean) {
            return Type.BOOL;
        }
        if (value instanceof List) {
            return Type.LIST;
        }
        if (value instanceof String s && DURATION.matcher(s).matches()) {
            return Type.DURATION;
        }
        return Type.TEXT;
    }

    private static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("must be a duration such as 500ms, 30s, 5m, 2h or 180d, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static Map<?, ?> readDefaults() {
        try (InputStream in = Config.class.getResourceAsStream("defaults.yaml")) {
            return yaml().load(in);
        } catch (IOException e) {
            throw new IllegalStateException("defaults.yaml missing from the build", e);
        }
    }

    private static Map<String, Object> flatten(Map<?, ?> map) {
        return flatten("", map);
    }

    private static Map<String, Object> flatten(String prefix, Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            String key = prefix + k;
            if (v instanceof Map<?, ?> child) {
                out.putAll(flatten(key + ".", child));
            } else {
                out.put(key, v);
            }
        });
        return out;
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        return new Yaml(new SafeConstructor(options));
    }
}
