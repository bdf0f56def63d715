package org.chatvault.server.store.s3;

import java.util.List;

/** Opens an {@link S3ObjectStore} whose client records every request, for tests outside this package. */
public final class RecordingS3 {
    private RecordingS3() {}

    public static S3ObjectStore open(S3Settings settings, RecordingInterceptor requests) {
        return new S3ObjectStore(S3Clients.connect(settings, List.of(requests)), settings);
    }
}
