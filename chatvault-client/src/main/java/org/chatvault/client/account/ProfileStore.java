package org.chatvault.client.account;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.chatvault.client.ClientException;
import org.chatvault.core.files.OwnerOnly;

/**
 * Reads and writes {@code profile.json} in the client's home directory, atomically. The profile
 * holds this device's key-slot secret and tokens, so it and the home directory are owner-only
 * (tightened when found looser, as a home made before this rule was).
 */
public final class ProfileStore {
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final Path file;

    public ProfileStore(Path home) { this.file = home.resolve("profile.json"); }

    public Optional<Profile> load() {
        if (!Files.exists(file)) return Optional.empty();
        try {
            OwnerOnly.directory(file.getParent());
            OwnerOnly.file(file);
            return Optional.of(JSON.readValue(file.toFile(), Profile.class));
        } catch (IOException e) {
            throw new ClientException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public Profile require() {
        return load().orElseThrow(() -> new ClientException("no account on this device yet: run 'chatvault init' or 'chatvault login' first"));
    }

    public synchronized void save(Profile p) {
        try {
            OwnerOnly.directory(file.getParent());
            Path tmp = file.resolveSibling("profile.json.tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, OwnerOnly.newFile(tmp));
            OwnerOnly.file(tmp);
            Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(p));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ClientException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new ClientException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }
}
