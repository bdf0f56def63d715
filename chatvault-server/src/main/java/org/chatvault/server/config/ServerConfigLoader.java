package org.chatvault.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.chatvault.core.crypto.Argon2Params;

/**
 * Reads {@link ServerConfig} from a Java properties file and environment variables. Each setting
 * has a property key; its environment name is {@code CHATVAULT_} plus the key upper-cased with
 * {@code .} and {@code -} turned into {@code _} (e.g. {@code server.port} → {@code CHATVAULT_SERVER_PORT}).
 * The environment wins over the file so containers can override a baked-in file.
 *
 * <p>Durations take ISO-8601 ({@code PT1H}) or a number with a unit ({@code 45s}, {@code 30m},
 * {@code 1h}, {@code 90d}); sizes take bytes or a binary suffix ({@code 64MiB}, {@code 64m}).
 * Unknown keys in the file are rejected, because a misspelt key silently ignored is a setting
 * the operator believes is active but is not. The storage backends' settings are read by
 * {@link StorageConfigLoader}, the abuse limits by {@link AbuseConfigLoader}.
 */
final class ServerConfigLoader {
    static final String HOST = "server.host";
    static final String PORT = "server.port";
    static final String DATA_DIR = "data.dir";
    static final String MAX_BATCH_BYTES = "batch.max-bytes";
    static final String ACCESS_TOKEN_TTL = "token.access-ttl";
    static final String REFRESH_TOKEN_TTL = "token.refresh-ttl";
    static final String LOGIN_HASH_MEMORY_KIB = "login-hash.memory-kib";
    static final String LOGIN_HASH_ITERATIONS = "login-hash.iterations";
    static final String LOGIN_HASH_PARALLELISM = "login-hash.parallelism";
    static final String DROP_SAFETY_DELAY = "vault.drop-safety-delay";
    static final String REPACK_THRESHOLD = "vault.repack-threshold";
    static final String SIGNATURE_WINDOW = "vault.signature-window";
    static final String TLS_CERT = "tls.cert";
    static final String TLS_KEY = "tls.key";
    static final List<String> KEYS = Stream.concat(Stream.of(HOST, PORT, DATA_DIR, MAX_BATCH_BYTES, ACCESS_TOKEN_TTL,
            REFRESH_TOKEN_TTL, LOGIN_HASH_MEMORY_KIB, LOGIN_HASH_ITERATIONS, LOGIN_HASH_PARALLELISM, DROP_SAFETY_DELAY,
            REPACK_THRESHOLD, SIGNATURE_WINDOW, TLS_CERT, TLS_KEY),
            Stream.of(StorageConfigLoader.KEYS, AbuseConfigLoader.KEYS, BillingConfigLoader.KEYS).flatMap(List::stream)).toList();

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|k|kib|m|mib|g|gib)?");

    private final ConfigSource source;

    /** @throws ConfigException if the file cannot be read or holds an unknown key */
    ServerConfigLoader(Path fileOrNull, Map<String, String> env) {
        this.source = new ConfigSource(fileOrNull, env, KEYS);
    }

    static String envName(String key) {
        return ConfigSource.envName(key);
    }

    ServerConfig load() {
        ServerConfig d = ServerConfig.defaults();
        Argon2Params a = d.loginHashParams();
        int memory = get(LOGIN_HASH_MEMORY_KIB, a.memoryKiB(), s -> parseInt(s, 8, Integer.MAX_VALUE));
        int iterations = get(LOGIN_HASH_ITERATIONS, a.iterations(), s -> parseInt(s, 1, 1_000));
        int parallelism = get(LOGIN_HASH_PARALLELISM, a.parallelism(), s -> parseInt(s, 1, 16));
        Argon2Params argon;
        try {
            argon = new Argon2Params(memory, iterations, parallelism);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("login hash parameters m=" + memory + " t=" + iterations + " p=" + parallelism + " are not valid Argon2id parameters");
        }
        try {
            return new ServerConfig(
                    get(HOST, d.host(), ServerConfigLoader::parseHost),
                    get(PORT, d.port(), s -> parseInt(s, 0, 65_535)),
                    get(DATA_DIR, d.dataDir(), path("a directory")),
                    get(MAX_BATCH_BYTES, d.maxBatchBytes(), ServerConfigLoader::parseBatchSize),
                    get(ACCESS_TOKEN_TTL, d.accessTokenTtl(), s -> positive(parseDuration(s))),
                    get(REFRESH_TOKEN_TTL, d.refreshTokenTtl(), s -> positive(parseDuration(s))),
                    argon,
                    get(DROP_SAFETY_DELAY, d.dropSafetyDelay(), ServerConfigLoader::parseDuration),
                    get(REPACK_THRESHOLD, d.repackThreshold(), ServerConfigLoader::parseShare),
                    StorageConfigLoader.metadata(source),
                    StorageConfigLoader.objects(source),
                    get(SIGNATURE_WINDOW, d.signatureWindow(), ServerConfigLoader::parseSignatureWindow),
                    AbuseConfigLoader.load(source),
                    tls(),
                    BillingConfigLoader.load(source));
        } catch (ConfigException e) {
            throw new ConfigException("invalid server configuration: " + e.getMessage(), e);
        }
    }

    /** Both files or neither: a certificate without its key (or the reverse) is a half-done setup, not plain HTTP. */
    private TlsFiles tls() {
        if (!source.isSet(TLS_CERT) && !source.isSet(TLS_KEY)) return null;
        source.require(TLS_CERT, "with '" + TLS_KEY + "': HTTPS needs the certificate chain and its private key");
        source.require(TLS_KEY, "with '" + TLS_CERT + "': HTTPS needs the certificate chain and its private key");
        return new TlsFiles(get(TLS_CERT, null, path("the PEM certificate chain file")), get(TLS_KEY, null, path("the PEM private key file")));
    }

    private <T> T get(String key, T fallback, Function<String, T> parse) {
        return source.get(key, fallback, parse);
    }

    private static String parseHost(String s) {
        if (s.isEmpty()) throw new IllegalArgumentException("is empty; give a host name or IP address");
        return s;
    }

    /** A parser of a path setting; an empty value is refused saying what to give ({@code "a directory"}). */
    static Function<String, Path> path(String whatToGive) {
        return s -> {
            if (s.isEmpty()) throw new IllegalArgumentException("is empty; give " + whatToGive);
            try {
                return Path.of(s);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("is not a valid path");
            }
        };
    }

    /** An {@code http://} or {@code https://} URL with a host. */
    static URI parseHttpUrl(String s) {
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a URL");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null)
            throw new IllegalArgumentException("is not an http:// or https:// URL with a host");
        return uri;
    }

    static int parseInt(String s, int min, int max) {
        long v;
        try {
            v = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is not a whole number");
        }
        if (v < min || v > max) throw new IllegalArgumentException("is out of range " + min + "-" + max);
        return (int) v;
    }

    private static long parseBatchSize(String s) {
        long v = parseSize(s);
        if (v < ServerConfig.MIN_BATCH_BYTES || v > ServerConfig.MAX_BATCH_BYTES)
            throw new IllegalArgumentException("is out of range: a batch limit must be 9MiB-2GiB so one 8 MiB object always fits");
        return v;
    }

    /** A share of a pack: a decimal fraction ({@code 0.5}) or a percentage ({@code 50%}). */
    private static double parseShare(String s) {
        boolean percent = s.endsWith("%");
        double v;
        try {
            v = Double.parseDouble(percent ? s.substring(0, s.length() - 1).strip() : s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is not a number (write e.g. 0.5 or 50%)");
        }
        if (percent) v /= 100;
        if (!(v >= 0 && v <= ServerConfig.MAX_REPACK_THRESHOLD))
            throw new IllegalArgumentException("is out of range 0-" + ServerConfig.MAX_REPACK_THRESHOLD);
        return v;
    }

    private static Duration parseSignatureWindow(String s) {
        Duration d = positive(parseDuration(s));
        if (d.compareTo(ServerConfig.MAX_SIGNATURE_WINDOW) > 0) throw new IllegalArgumentException("must be at most 1h");
        return d;
    }

    private static Duration positive(Duration d) {
        if (d.isZero() || d.isNegative()) throw new IllegalArgumentException("must be longer than zero");
        return d;
    }

    static long parseSize(String s) {
        Matcher m = SIZE.matcher(s.toLowerCase(Locale.ROOT));
        if (!m.matches()) throw new IllegalArgumentException("is not a size (write bytes, or e.g. 64MiB)");
        long unit = switch (m.group(2) == null ? "b" : m.group(2)) {
            case "k", "kib" -> 1024L;
            case "m", "mib" -> 1024L * 1024;
            case "g", "gib" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("is too large");
        }
    }

    static Duration parseDuration(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("p")) {
            try {
                return Duration.parse(s);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("is not an ISO-8601 duration");
            }
        }
        Matcher m = DURATION.matcher(lower);
        if (!m.matches()) throw new IllegalArgumentException("is not a duration (write e.g. 45s, 30m, 1h, 90d or PT1H)");
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is too large");
        }
        try {
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("is too large");
        }
    }
}
