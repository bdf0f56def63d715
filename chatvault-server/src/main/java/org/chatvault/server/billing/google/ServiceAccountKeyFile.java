package org.chatvault.server.billing.google;

import com.google.auth.http.HttpTransportFactory;
import com.google.auth.oauth2.ServiceAccountCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * The service account's JSON key file ({@code billing.google.service-account-key}): a secret that lets anyone read
 * and change the app's purchases, so the server refuses it unless only its owner can read it, and never repeats
 * what it holds.
 */
final class ServiceAccountKeyFile {
    static final String SETTING = "billing.google.service-account-key (CHATVAULT_BILLING_GOOGLE_SERVICE_ACCOUNT_KEY)";
    private static final Set<PosixFilePermission> SHARED = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private ServiceAccountKeyFile() {}

    static ServiceAccountCredentials read(Path file, HttpTransportFactory transport) {
        checkOwnerOnly(file);
        try (InputStream in = Files.newInputStream(file)) {
            return ServiceAccountCredentials.fromStream(in, transport);
        } catch (NoSuchFileException e) {
            throw new PlaySetupException(file + " (" + SETTING + ") does not exist");
        } catch (AccessDeniedException e) {
            throw new PlaySetupException(file + " (" + SETTING + ") cannot be read: permission denied");
        } catch (IOException | RuntimeException e) {
            // The library's message may quote the file; say only what is wrong with it.
            throw new PlaySetupException(file + " (" + SETTING + ") is not a Google service account JSON key file");
        }
    }

    private static void checkOwnerOnly(Path file) {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix == null) return; // not a POSIX file system: its own ACLs decide
        Set<PosixFilePermission> perms;
        try {
            perms = posix.readAttributes().permissions();
        } catch (NoSuchFileException e) {
            throw new PlaySetupException(file + " (" + SETTING + ") does not exist");
        } catch (IOException e) {
            throw new PlaySetupException(file + " (" + SETTING + ") cannot be read: " + e.getClass().getSimpleName());
        }
        if (perms.stream().anyMatch(SHARED::contains))
            throw new PlaySetupException(file + " (" + SETTING + ") is a secret but other users of this machine may read or change it; "
                    + "run chmod 600 on it");
    }
}
