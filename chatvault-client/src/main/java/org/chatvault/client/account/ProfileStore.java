package org.chatvault.client.account;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.chatvault.client.ClientException;

/** Reads and writes {@code profile.json} in the client's home directory, owner-only, atomically. */
public final class ProfileStore {
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final Path file;

    public ProfileStore(Path home) { this.file = home.resolve("profile.json"); }

    public Optional<Profile> load() {
        if (!Files.exists(file)) return Optional.empty();
        try {
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
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("profile.json.tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp);
            }
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
