package org.chatvault.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * Raw setting values from an optional properties file and the environment, the environment
 * winning; each value is parsed where it is read, and a failure names the setting and where the
 * value came from. Secret values (passwords, keys) are never repeated in messages.
 */
final class ConfigSource {
    private final Path file;
    private final Properties fileProps = new Properties();
    private final Map<String, String> env;

    /** @throws ConfigException if the file cannot be read or holds a key not in {@code knownKeys} */
    ConfigSource(Path fileOrNull, Map<String, String> env, List<String> knownKeys) {
        this.file = fileOrNull;
        this.env = env == null ? Map.of() : env;
        if (file == null) return;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            fileProps.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("cannot read server configuration file " + file + ": " + e.getMessage(), e);
        }
        for (String key : fileProps.stringPropertyNames()) {
            if (!knownKeys.contains(key))
                throw new ConfigException("unknown setting '" + key + "' in " + file + "; known settings: " + String.join(", ", knownKeys));
        }
    }

    static String envName(String key) {
        return "CHATVAULT_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    boolean isSet(String key) {
        return env.containsKey(envName(key)) || fileProps.containsKey(key);
    }

    /** Where {@code key}'s value comes from, for messages; only meaningful if {@link #isSet}. */
    String sourceOf(String key) {
        String envVar = envName(key);
        return env.containsKey(envVar) ? "environment variable " + envVar : "'" + key + "' in " + file;
    }

    /** The parsed value, or {@code fallback} if the setting is absent; {@code parse} throws IllegalArgumentException to reject it. */
    <T> T get(String key, T fallback, Function<String, T> parse) {
        if (!isSet(key)) return fallback;
        String value = raw(key);
        try {
            return parse.apply(value.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(sourceOf(key) + ": '" + value + "' " + e.getMessage());
        }
    }

    /** Like {@link #get} for a value that must not appear in logs or messages, used as given (untrimmed). */
    <T> T getSecret(String key, T fallback, Function<String, T> parse) {
        if (!isSet(key)) return fallback;
        try {
            return parse.apply(raw(key));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(sourceOf(key) + ": the value " + e.getMessage());
        }
    }

    /** Fails naming {@code key} (and its environment name) when it is absent: {@code why} says when it is needed. */
    void require(String key, String why) {
        if (!isSet(key)) throw new ConfigException("'" + key + "' (or " + envName(key) + ") is required " + why);
    }

    private String raw(String key) {
        String envVar = envName(key);
        return env.containsKey(envVar) ? env.get(envVar) : fileProps.getProperty(key);
    }
}
