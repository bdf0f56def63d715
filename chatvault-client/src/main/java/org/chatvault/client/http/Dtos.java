package org.chatvault.client.http;

import java.util.List;

/** JSON bodies of docs/API.md. */
public final class Dtos {
    private Dtos() {}

    public record Credentials(String username, String loginSecret) {}
    public record Tokens(String accessToken, long accessExpiresAt, String refreshToken, long refreshExpiresAt) {}
    public record RefreshRequest(String refreshToken) {}
    public record KeySlot(String slotId, String kind, String blob) {}
    public record KeySlots(List<KeySlot> slots) {}
    public record PutKeySlot(String kind, String blob) {}
    public record Ids(List<String> ids) {}
    public record Missing(List<String> missing) {}
    public record Relabel(int bucket, List<String> ids) {}
    public record RelabelResult(int relabelled, int unchanged) {}
    public record UploadResult(int stored, int alreadyPresent, long bytes) {}
    public record Head(long version, String root, Long committedAt) {}
    public record Commit(long baseVersion, String root, List<String> added, List<String> dropped) {}
    public record CommitResult(long version) {}
    public record Usage(long objects, long bytes, long packs, long version) {}
    /** {@code ids} is set only by {@code object_unreadable}. */
    public record Error(String error, String message, List<String> ids) {
        public Error(String error, String message) { this(error, message, null); }
    }
}
