package org.chatvault.client.archive;

import java.nio.charset.StandardCharsets;
import org.chatvault.protocol.batch.BatchFormat;

/**
 * The layout of an archive file (docs/FORMAT.md "Archive file"), integers big-endian:
 * <pre>
 *   "CVA1"                        magic and format version
 *   headerLength:u32, header      the {@link ArchiveHeader} as UTF-8 JSON
 *   frames                        the objects, each id once, framed as in an object batch:
 *                                 id[32] kind:u8 bucket:u32 length:u32 body[length]
 *   "CVAE" objects:u64 frameBytes:u64 sha256[32]
 *                                 the end record: how many frames and how many bytes they take, and the
 *                                 SHA-256 of every byte of the file before the hash itself
 * </pre>
 * The end record at a fixed distance from the end tells a file cut short (no end record) from a
 * damaged one (the hash does not match) before anything is restored.
 */
final class ArchiveFormat {
    static final byte[] MAGIC = "CVA1".getBytes(StandardCharsets.US_ASCII);
    /** The first three bytes of every version's magic, to tell a newer archive from something else. */
    static final byte[] FAMILY = "CVA".getBytes(StandardCharsets.US_ASCII);
    static final byte[] END_MAGIC = "CVAE".getBytes(StandardCharsets.US_ASCII);
    static final int SHA256_BYTES = 32;
    static final int END_BYTES = END_MAGIC.length + 8 + 8 + SHA256_BYTES;
    /** Far more than any header needs (a few key slots), so a damaged length is caught before allocating it. */
    static final int MAX_HEADER_BYTES = 1 << 20;
    static final int FRAME_HEADER_BYTES = BatchFormat.FRAME_HEADER_BYTES;

    private ArchiveFormat() {}
}
