package org.chatvault.client.account;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardOpenOption;
import java.util.function.UnaryOperator;
import org.chatvault.protocol.account.IssuedTokens;
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
    private static final java.util.concurrent.ConcurrentMap<Path, Object> IN_PROCESS = new java.util.concurrent.ConcurrentHashMap<>();
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

    /**
     * A refresh of the profile's tokens that other processes of this device cannot race: under a
     * lock on {@code profile.lock}, the profile is read again, and if another process already
     * traded {@code stale} its tokens are used; otherwise {@code refresher} trades it and the new
     * tokens are saved before the lock is released. (The server ends the device's sessions when a
     * refresh token is used twice.)
     */
    public IssuedTokens refreshTokens(IssuedTokens stale, UnaryOperator<IssuedTokens> refresher) {
        Path lockFile = file.resolveSibling("profile.lock");
        // A file lock is held by the whole JVM: threads of this process queue on a lock of their own first.
        synchronized (IN_PROCESS.computeIfAbsent(lockFile.toAbsolutePath().normalize(), k -> new Object())) {
            return refreshLocked(lockFile, stale, refresher);
        }
    }

    private IssuedTokens refreshLocked(Path lockFile, IssuedTokens stale, UnaryOperator<IssuedTokens> refresher) {
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            Profile current = require();
            IssuedTokens onDisk = current.tokens();
            if (onDisk != null && stale != null && !onDisk.refreshToken().equals(stale.refreshToken())) return onDisk;
            IssuedTokens fresh = refresher.apply(stale);
            save(current.withTokens(fresh));
            return fresh;
        } catch (IOException e) {
            throw new ClientException("cannot lock " + lockFile + " to refresh the session: " + e.getMessage(), e);
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
