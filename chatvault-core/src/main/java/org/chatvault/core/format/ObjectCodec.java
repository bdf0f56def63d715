package org.chatvault.core.format;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import java.security.SecureRandom;
import org.chatvault.core.crypto.ObjectCipher;
import org.chatvault.core.crypto.VaultKeys;
import org.chatvault.core.error.CorruptDataException;

/**
 * Seals plaintext into vault objects and opens them again (docs/FORMAT.md §3). Not thread-safe:
 * it holds an {@link ObjectCipher}; give each worker thread its own codec. The keys stay inside
 * that cipher: once the {@link VaultKeys} are closed, every codec made from them throws.
 *
 * <p>Body layout: {@code "CV" ‖ version ‖ kind ‖ compression ‖ nonce[12] ‖ AES-256-GCM ciphertext ‖ tag}.
 * Version 2 (written) encrypts the payload padded to a size class ({@link SizeClasses}); version 1
 * (objects written before padding) encrypts the bare payload and still opens.
 */
public final class ObjectCodec {
    /** The version this codec writes: padded to size classes (FORMAT.md §3.5.1). */
    public static final int FORMAT_VERSION = 2;
    /** The version before padding, which {@link #open} still reads. */
    public static final int FORMAT_VERSION_UNPADDED = 1;
    public static final int HEADER_BYTES = 5 + ObjectCipher.NONCE_BYTES;
    /** The shortest body of any version there can be: a header and the tag of an empty (version 1) ciphertext. */
    public static final int MIN_BODY_BYTES = HEADER_BYTES + ObjectCipher.TAG_BYTES;
    public static final int MAX_PLAINTEXT = 8 * 1024 * 1024;
    static final int COMPRESSION_NONE = 0;
    static final int COMPRESSION_ZSTD = 1;
    private static final int ZSTD_LEVEL = 3;

    private final ObjectCipher cipher;
    private final SecureRandom random;
    // Reused across objects: setting up a zstd context or a cipher costs more than sealing a small segment.
    private final ZstdCompressCtx zstd = new ZstdCompressCtx().setLevel(ZSTD_LEVEL);
    private final ZstdDecompressCtx unzstd = new ZstdDecompressCtx();

    public ObjectCodec(VaultKeys keys, SecureRandom random) {
        this.cipher = keys.newObjectCipher();
        this.random = random;
    }

    /** {@code HMAC-SHA256(objectIdKey, kind ‖ plaintext)}. */
    public ObjectId idOf(ObjectKind kind, byte[] plain) {
        return ObjectId.of(cipher.objectId(kind.code(), plain));
    }

    public SealedObject seal(ObjectKind kind, int bucket, byte[] plain) {
        return seal(kind, bucket, plain, true);
    }

    /** @param tryCompress false for data known to be incompressible (JPEG, MP4 …) */
    public SealedObject seal(ObjectKind kind, int bucket, byte[] plain, boolean tryCompress) {
        byte[] nonce = new byte[ObjectCipher.NONCE_BYTES];
        random.nextBytes(nonce);
        return seal(kind, bucket, plain, tryCompress, nonce);
    }

    SealedObject seal(ObjectKind kind, int bucket, byte[] plain, boolean tryCompress, byte[] nonce) {
        if (plain.length > MAX_PLAINTEXT) throw new IllegalArgumentException("object plaintext over 8 MiB");
        if (kind.bucketed() == (bucket == 0)) throw new IllegalArgumentException(kind + " objects " + (kind.bucketed() ? "need" : "take no") + " bucket");
        if (bucket != 0 && !Months.isValid(bucket)) throw new IllegalArgumentException("bucket " + bucket + " is not a yyyymm month from 1970 to 9999");
        ObjectId id = idOf(kind, plain);
        byte[] payload = plain;
        int compression = COMPRESSION_NONE;
        if (tryCompress && plain.length > 64) {
            byte[] z = zstd.compress(plain);
            if (z.length < plain.length) {
                payload = z;
                compression = COMPRESSION_ZSTD;
            }
        }
        byte[] header = header(kind, compression, nonce);
        byte[] frame = SizeClasses.pad(payload);
        byte[] ct = cipher.encrypt(objectClass(kind), id.toBytes(), nonce, aad(FORMAT_VERSION, kind, compression, id), frame, 0, frame.length);
        byte[] body = new byte[HEADER_BYTES + ct.length];
        System.arraycopy(header, 0, body, 0, HEADER_BYTES);
        System.arraycopy(ct, 0, body, HEADER_BYTES, ct.length);
        return new SealedObject(id, kind, bucket, body);
    }

    /**
     * Seals a staged plaintext without compression, encrypting it in place: the same body
     * {@code seal(kind, bucket, plain, false)} makes, built in the staged array, which becomes the
     * sealed object's body.
     */
    public SealedObject sealStaged(ObjectKind kind, int bucket, StagedPlaintext staged) {
        byte[] nonce = new byte[ObjectCipher.NONCE_BYTES];
        random.nextBytes(nonce);
        return sealStaged(kind, bucket, staged, nonce);
    }

    SealedObject sealStaged(ObjectKind kind, int bucket, StagedPlaintext staged, byte[] nonce) {
        if (kind.bucketed() == (bucket == 0)) throw new IllegalArgumentException(kind + " objects " + (kind.bucketed() ? "need" : "take no") + " bucket");
        if (bucket != 0 && !Months.isValid(bucket)) throw new IllegalArgumentException("bucket " + bucket + " is not a yyyymm month from 1970 to 9999");
        byte[] body = staged.take();
        ObjectId id = ObjectId.of(cipher.objectId(kind.code(), body, StagedPlaintext.payloadOffset(), staged.length()));
        System.arraycopy(header(kind, COMPRESSION_NONE, nonce), 0, body, 0, HEADER_BYTES);
        int frameLength = body.length - HEADER_BYTES - ObjectCipher.TAG_BYTES;
        cipher.encryptInPlace(objectClass(kind), id.toBytes(), nonce, aad(FORMAT_VERSION, kind, COMPRESSION_NONE, id), body, HEADER_BYTES, frameLength);
        return new SealedObject(id, kind, bucket, body);
    }

    /**
     * Authenticates and decrypts an object fetched under {@code id}, then checks that the
     * plaintext really hashes to that id.
     *
     * @throws CorruptDataException if anything about it is wrong
     */
    public byte[] open(ObjectId id, ObjectKind expectedKind, byte[] body) {
        ObjectKind kind = peekKind(body);
        if (kind != expectedKind) throw new CorruptDataException("object " + id + " is a " + kind + ", expected " + expectedKind);
        int version = body[2];
        int compression = body[4];
        if (compression != COMPRESSION_NONE && compression != COMPRESSION_ZSTD)
            throw new CorruptDataException("object " + id + " names unknown compression " + compression);
        byte[] nonce = java.util.Arrays.copyOfRange(body, 5, HEADER_BYTES);
        byte[] decrypted;
        try {
            decrypted = cipher.decrypt(objectClass(kind), id.toBytes(), nonce, aad(version, kind, compression, id), body, HEADER_BYTES, body.length - HEADER_BYTES);
        } catch (CorruptDataException e) {
            throw new CorruptDataException("object " + id + " does not authenticate: it was altered, swapped or belongs to another vault");
        }
        byte[] payload = version == FORMAT_VERSION ? SizeClasses.unpad(id, decrypted) : decrypted;
        byte[] plain = compression == COMPRESSION_ZSTD ? decompress(id, payload) : payload;
        if (!idOf(kind, plain).equals(id)) throw new CorruptDataException("object " + id + " content does not match its id");
        return plain;
    }

    /**
     * Reads the kind from a body's header, checking magic and version (1 or 2); the server uses
     * this too, on the first {@link #MIN_BODY_BYTES} bytes of a body.
     */
    public static ObjectKind peekKind(byte[] body) {
        if (body.length < MIN_BODY_BYTES || body[0] != 'C' || body[1] != 'V')
            throw new CorruptDataException("not a Chatvault object (bad magic or too short)");
        if (body[2] != FORMAT_VERSION && body[2] != FORMAT_VERSION_UNPADDED)
            throw new CorruptDataException("unsupported object format version " + body[2]);
        try {
            return ObjectKind.fromCode(body[3]);
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException("unknown object kind " + body[3]);
        }
    }

    private byte[] decompress(ObjectId id, byte[] z) {
        long size = Zstd.getFrameContentSize(z);
        if (size < 0 || size > MAX_PLAINTEXT) throw new CorruptDataException("object " + id + " has a bad zstd frame");
        byte[] out = new byte[(int) size];
        int n;
        try {
            n = unzstd.decompressByteArray(out, 0, out.length, z, 0, z.length);
        } catch (RuntimeException e) {
            throw new CorruptDataException("object " + id + " does not decompress");
        }
        if (n != size) throw new CorruptDataException("object " + id + " does not decompress");
        return out;
    }

    /** §3.3: structure kinds take their per-object key from the manifest key, content kinds from the object key. */
    private static ObjectCipher.ObjectClass objectClass(ObjectKind kind) {
        return kind.structure() ? ObjectCipher.ObjectClass.STRUCTURE : ObjectCipher.ObjectClass.CONTENT;
    }

    private static byte[] header(ObjectKind kind, int compression, byte[] nonce) {
        byte[] h = new byte[HEADER_BYTES];
        h[0] = 'C';
        h[1] = 'V';
        h[2] = FORMAT_VERSION;
        h[3] = (byte) kind.code();
        h[4] = (byte) compression;
        System.arraycopy(nonce, 0, h, 5, ObjectCipher.NONCE_BYTES);
        return h;
    }

    /** §3.6: the version is the body's own, so a padded body cannot pass for an unpadded one or back. */
    private static byte[] aad(int version, ObjectKind kind, int compression, ObjectId id) {
        byte[] a = new byte[3 + ObjectId.BYTES];
        a[0] = (byte) version;
        a[1] = (byte) kind.code();
        a[2] = (byte) compression;
        id.writeTo(a, 3);
        return a;
    }
}
