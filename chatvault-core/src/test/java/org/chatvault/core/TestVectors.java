package org.chatvault.core;

import java.util.HexFormat;
import java.util.List;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.Message;
import org.chatvault.core.model.MessageType;

/**
 * The known answers of docs/FORMAT.md §10. Every hex value here was computed independently by
 * {@code src/test/python/format_vectors.py} (Python hmac/hashlib for HMAC, HKDF and SHA-256;
 * the {@code cryptography} package for AES-256-GCM and Argon2id; the zstd 1.5.4 command-line
 * tool for the one zstd frame) and pasted here; the tests check that the Java code agrees.
 */
public final class TestVectors {
    private TestVectors() {}

    public static byte[] unhex(String hex) { return HexFormat.of().parseHex(hex); }

    public static String hex(byte[] b) { return HexFormat.of().formatHex(b); }

    /** {@code n} bytes counting up from {@code first}: 000102…, a0a1a2… */
    public static byte[] counting(int first, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (first + i);
        return b;
    }

    // §2: master key 000102…1f and its HKDF-SHA256 subkeys.
    public static final byte[] MASTER_KEY = counting(0x00, 32);
    public static final String OBJECT_ID_KEY = "95c7a0175bd4f14f8e6f1c1834752c8b9299b11b853bb048dd19fe784a411e6a";
    public static final String OBJECT_KEY = "d7f19311450a5a3470e3786807fc791296d564e023144879c9f638ebee4817b3";
    public static final String MANIFEST_KEY = "adc261f33beef1a11331ee555a4c4a1b64040288bbd2d321ccdafd076ce953f9";
    public static final String CHUNKING_KEY = "7032033a6d19f327e5230fd0f77b65b607981158577d12105c5e575abadd45a3";

    // §6: a three-message segment of conversation "chat-42" (2024-03).
    public static final String CONVERSATION_ID = "chat-42";
    public static final long T0 = 1_709_251_200_000L; // 2024-03-01T00:00:00Z
    public static final List<Message> SEGMENT_MESSAGES = List.of(
            Message.text(CONVERSATION_ID, "m1", T0, "alice", "hi \u2615"),
            new Message(CONVERSATION_ID, "m2", T0 + 5_000, "bob", MessageType.IMAGE, null,
                    List.of(new Attachment("sha256:ab", "cat.jpg", "image/jpeg", 123_456, "thumb-1")),
                    "m1", null, null, false),
            new Message(CONVERSATION_ID, "m3", T0 + 5_000, "alice", MessageType.TEXT, "look", List.of(),
                    null, "chan-7", T0 + 65_000, false));
    public static final String SEGMENT = "0107636861742d343203026d318090fcf4be6305616c696365010106686920e29895026d32904e"
            + "03626f620212026d3101097368613235363a6162076361742e6a70670a696d6167652f6a706567c0c407077468756d622d3102"
            + "6d330005616c696365010d046c6f6f6b066368616e2d37c0a907";
    /** HMAC-SHA256(objectIdKey, 0x01 ‖ SEGMENT). */
    public static final String SEGMENT_ID = "b08e9906b0f7bc85e9a17ec4c783d3e651bb8fb988bb8a9dae60fc89da855923";
    /** HMAC-SHA256(objectKey, SEGMENT_ID): the key a SEGMENT object with this id is sealed under. */
    public static final String SEGMENT_OBJECT_KEY = "be2cc1e21d2c5f2c3999af4b655eadf763ba20b1253cb37a90278863db535964";

    /** Four messages "g0".."g3", one a minute from T0, all with the same text: compresses well. */
    public static final String GREETING = "good morning, good morning, good morning!";
    public static final String SEGMENT_REPETITIVE = "0107636861742d3432040267308090fcf4be6305616c696365010129676f6f64206d6f"
            + "726e696e672c20676f6f64206d6f726e696e672c20676f6f64206d6f726e696e6721026731c0a90705616c696365010129676f"
            + "6f64206d6f726e696e672c20676f6f64206d6f726e696e672c20676f6f64206d6f726e696e6721026732c0a90705616c696365"
            + "010129676f6f64206d6f726e696e672c20676f6f64206d6f726e696e672c20676f6f64206d6f726e696e6721026733c0a90705"
            + "616c696365010129676f6f64206d6f726e696e672c20676f6f64206d6f726e696e672c20676f6f64206d6f726e696e6721";
    public static final String SEGMENT_REPETITIVE_ID = "e2fb27072b857621b5d7cbaf010de90668aa6b9ead4d02dfbc3001d73a46884e";
    /** zstd level 3, single frame with content size, no checksum (zstd-jni and the zstd 1.5.4 CLI agree). */
    public static final String SEGMENT_REPETITIVE_ZSTD = "28b52ffd20ed15020034030107636861742d3432040267308090fcf4be6305"
            + "616c696365010129676f6f64206d6f726e696e672c2021026731c0a9073233040002a7109c375b9d4661cf32";

    // §7: the index of "chat-42" (group "Family 🏠", alice/bob/carol) listing SEGMENT.
    public static final String INDEX = "0107636861742d3432020b46616d696c7920f09f8fa00305616c69636503626f62056361726f6c01"
            + SEGMENT_ID + "a3ad0c8088bebadf3188270374";
    public static final String INDEX_ID = "4e0cc95971ec8c7280a7c080f8a1a24fe4ba814ab66fc4adc96653549272ccc8";

    // §8: a root manifest with one entry pointing at INDEX.
    public static final String MANIFEST = "010107636861742d3432e883c2badf3103" + INDEX_ID;
    public static final String MANIFEST_ID = "a83b5d99f39cebfb8fb747d8c62e9fae518fbc909df9c9cd5cdc270e9f955a76";
    /** HMAC-SHA256(manifestKey, MANIFEST_ID). */
    public static final String MANIFEST_OBJECT_KEY = "1b5d4c9237dd69b08bad50c23d8412e33440b244c5a4f528e0aafc92ae5e0b3a";

    // §3: sealed bodies with fixed nonces. Format version 2 (padded to a size class, §3.5.1), as written now.
    /** ROOT_MANIFEST, MANIFEST (49 bytes: too small to try zstd, padded to the 256-byte class), nonce a0…ab. */
    public static final String SEAL_A = "4356020500a0a1a2a3a4a5a6a7a8a9aaab4628aba5dc713b674edd3585db703a27a26eebd6b738f5a181867e607dc17c"
            + "d73c948f8d60c9ff1f2d481bfacfcc7e44a223f59de445cbb02b4a3f72920e1046b2e8c8b11350597472f9c933fec352"
            + "ebd28e8e9f047030c95153bc1830d24fff3d98cc660cfc00119090c564d1c53a269f08067e210274bc5e66924e6f7617"
            + "612669c298444e69fda9e5f885fa6fba8ab7309aa5b64af83bb4b2541cf60bf3a7a1448f06794667bdc2872033b79302"
            + "779e3debe83a1c1b6054eac946d7e3bb22f48482c994d9dd3c6df6fe6e01fa4ef3b1d4be55c50763ebff0ecba94def66"
            + "1cf928accdfd6a1fea0316276e5ddd9636620c1ca697bed67042c29f88b54bee4eb610880ee7c39138dd815fb903b3b3"
            + "4a987be1ce";
    /** SEGMENT, SEGMENT_REPETITIVE (237 bytes, zstd frame of 75 bytes, padded to 256), nonce b0…bb. */
    public static final String SEAL_B = "4356020101b0b1b2b3b4b5b6b7b8b9babb8b4a8f7711253922946558e83ce43aaab1f8533d4ae85d07ed60962a35004b"
            + "d8ecc146330eb511ef8b17c8d17384b8f3f8b5067648c412a6cbb61111788c57caf19016296b526553ddf8fdd80f583c"
            + "07ee7570833e7f8abd096094864f6639b2995232801db1063874fb5a4032974ff916929d0e355257f2d073591de02134"
            + "24b5a091e8b43fa5b09960e654b5665c3f1941c21e03fca12f0d4e4ec124d625ee5489915f42e07c9c77e41df49ab3a8"
            + "2a57ad3751d93e1db780fc852a20de4a92c3d9a24e23e4ce68ecfbfe9d77f42cef284a45049cd1234e96b99a0a0577cd"
            + "60030d1292f8acbad5716816f1c2df8ee9ce9b1e11f7f61ab13633beed82b2f2038ae9e3037158a616eca7dd04d7fde7"
            + "922ea612d9";
    /** MEDIA_CHUNK plaintext of vector C: bytes 00…63 (100 bytes; zstd would make 109). */
    public static final byte[] MEDIA = counting(0x00, 100);
    public static final String MEDIA_ID = "7b49fb38dbf9101aa3480439a721a18f4cd3d8a40bf1b49161eb3569e8ca944c";
    /** MEDIA_CHUNK, MEDIA stored as is and padded to 256, nonce c0…cb. */
    public static final String SEAL_C = "4356020200c0c1c2c3c4c5c6c7c8c9cacbd5da17ea2c9536b708034123b3dbde60242fa3ad0c8a731a3bd2d6a9b065a8"
            + "fb6b69fbf06d90cd88a48e21c68156a2cdec4b5e8c780abaeea34f38d1995003e1097bd62ef5f931656c6cbf4b2f07ce"
            + "cee5c044cfb44f355e07da0f600787525cd7a04185976bf441caaa98c9267878da66aae043e1ccc923bfe2b6fb118a02"
            + "5e1f45bb4f698ba6569121b914fd3009d79815f63c7178aa6ae49b7ce546c94624f26fda5738c8cacfc8d3052fe13a1c"
            + "ce13d32c81c643f725d5b337a7670b33a5b3e90ef4721bfe44fba0e9348c0fd92e82d401bc2ecc13d04c591f7fa3e2d7"
            + "f13bdf2d95bd39524eaefa689366309ff5f4ff587d54a37dcf84317101c29ca3268d7e4c362d7a292606b4b75d341c0b"
            + "163b8e87a6";
    /** MEDIA_CHUNK of the first 100,000 bytes of random16m (§12.5), not compressed, nonce d0…db: a class above the smallest (100,352). */
    public static final int SEAL_D_PLAIN_BYTES = 100_000;
    public static final String SEAL_D_ID = "5677b5dfdd847c1b8898d189aedf859a698338acd82857bb20cc411fa10d38e0";
    public static final int SEAL_D_BODY_BYTES = 100389;
    public static final String SEAL_D_SHA256 = "15d00825136fd4a1646cf6d605c5f9387e4153e6c789e6a57408084120fd441c";
    public static final String SEAL_D_TAG = "ca6bd12066df0b7276cf7e943b11443e";

    // §3: the same three objects in format version 1 (before padding), as vaults written until then hold them.
    /** Version 1 of SEAL_A: ROOT_MANIFEST, MANIFEST unpadded, nonce a0…ab. */
    public static final String SEAL_A_V1 = "4356010500a0a1a2a3a4a5a6a7a8a9aaab4729acf7b5114829128ea92b2df80d95639a382eed0715e4aa77352c8fb97a"
            + "b5f38894ae659b2a5aca37126d36976adb3e237efa4cd86e6c79d76afe64c973a2af";
    /** Version 1 of SEAL_B: SEGMENT, the 77-byte zstd frame unpadded, nonce b0…bb. */
    public static final String SEAL_B_V1 = "4356010101b0b1b2b3b4b5b6b7b8b9babba3ffa0c1197d03ddb4bc4eeb3bb351cac2b60f6e3ac70e0569f20dee0bf3b2"
            + "4d3ecb203763dd5bede57985967184aebdfcb41334018b77edda57ba717b7ffacdc10402b55eaee8898b6c52fc1c6563"
            + "40fcc41a3135c49f8a3536f3";
    /** Version 1 of SEAL_C: MEDIA_CHUNK, MEDIA unpadded, nonce c0…cb. */
    public static final String SEAL_C_V1 = "4356010200c0c1c2c3c4c5c6c7c8c9cacbd5db158d289132b3040f4d2fb7dfda643833bfb1088e771e37dedaa5b461ac"
            + "ff5755c7cc6994c98ca8822dca8552a6c9f05742907c0ebeeaaf4334dd9d5407e57507aa52f1fd35616060b3472b03ca"
            + "caf9dc58d3b04b315a0bd6036c03835658eb9c7db9320279f69b9f07ac74d5c261c7e3e2dd";

    // §13: the recipe of FILE = the first 1,600,000 bytes of random16m (§12.5), cut with ChunkerParams.DEFAULT.
    public static final int FILE_LENGTH = 1_600_000;
    public static final String FILE_SHA256 = "7e108311ab44d40eeb0d5e5784e12f310789b57fe4507fc691229904b6a8b0db";
    public static final int FILE_CUT = 1_548_262;
    public static final String FILE_CHUNK0_ID = "fdb650fd9f7469307705971bdf61d5315393b3e3d87ab19c1e48e9afb16739fa";
    public static final String FILE_CHUNK1_ID = "e6f247b7a8e35ef20b7729605668191753ab85eac0284f8fbf17d5c06df665d8";
    public static final String RECIPE = "0180d46102" + FILE_CHUNK0_ID + "e6bf5e" + FILE_CHUNK1_ID + "9a9403";
    public static final String RECIPE_ID = "764e7c7291115113838f968b14ceb47ed5d632e4356e3ec215f154f5297f7324";

    // §14: the media of "chat-42" in 2024-03: "sha256:ab" (MEDIA, SINGLE) with its thumbnail, and "video-1" (FILE, RECIPE).
    /** A THUMBNAIL object's plaintext: bytes 00…1f. */
    public static final byte[] THUMB = counting(0x00, 32);
    public static final String THUMB_ID = "f965a1f0074b8879237058f379fb030f14bc869a1dcfd556a37edb72407c03e9";
    public static final String MEDIA_INDEX = "0107636861742d3432a3ad0c03"
            + "097368613235363a6162" + "01" + "01" + MEDIA_ID + "64"
            + "097368613235363a6162" + "02" + "01" + THUMB_ID + "20"
            + "07766964656f2d31" + "01" + "02" + RECIPE_ID + "80d461";
    public static final String MEDIA_INDEX_ID = "10c465daead3a430c2dce764644cd0872f1f3a5726cbeffe28b930929155af85";
    /** HMAC-SHA256(objectKey, MEDIA_INDEX_ID): media indexes are content objects. */
    public static final String MEDIA_INDEX_OBJECT_KEY = "def4a2c7bc3cece592f6b9a59d002e35685a5ca3223ab4c9755b77c315201b9f";

    // §15: INDEX as schema 2, listing MEDIA_INDEX for 202403.
    public static final String INDEX2 = "02" + INDEX.substring(2) + "01" + "a3ad0c" + MEDIA_INDEX_ID;
    public static final String INDEX2_ID = "29b3884bc545a54140c1198d75c9b5476e774e5f7624226d7c830c8703ea796d";

    // §5: key slots wrapping MASTER_KEY.
    public static final byte[] RECOVERY_KEY = counting(0x20, 32);
    public static final String RECOVERY_DISPLAY = "2021-2223-2425-2627-2829-2a2b-2c2d-2e2f-3031-3233-3435-3637-3839-3a3b-3c3d-3e3f";
    public static final String RECOVERY_WRAP_KEY = "343301152999d038346689e820dbbf7cd86f82a54536db5d32097c4e8681ca74";
    /** nonce 10…1b. */
    public static final String RECOVERY_SLOT = "0101101112131415161718191a1b11de85cc25e4fb6aeed3902681836e1a6ad401200ab31ae4"
            + "ed5cd20a0a346470a3ec5e4cc09798f9d2a08f38f6033d64";
    /** §5.2: the device's X25519 private key 60…7f and the sealing side's ephemeral private key 80…9f. */
    public static final byte[] DEVICE_PRIVATE_KEY = counting(0x60, 32);
    public static final byte[] EPHEMERAL_PRIVATE_KEY = counting(0x80, 32);
    public static final String DEVICE_PUBLIC_KEY = "675dd574ed7789310b3d2e7681f3790b466c773b1521fecf36577958371ea52f";
    public static final String EPHEMERAL_PUBLIC_KEY = "493e82fc74464a59268817623d2053c5eb8e2cc4a988b4fee179ec6b010d531d";
    public static final String DEVICE_SHARED_SECRET = "fbfb11adeb1d6f71c0571bc1b5dd87519f9a6620b10a5ebc314cbd420c43ba43";
    public static final String DEVICE_WRAP_KEY = "db69fbbe7f99a123a27c78bbb5ac4a5b64413b25d28ce2ba466a889d91d1e0bd";
    /** nonce 20…2b. */
    public static final String DEVICE_SLOT = "0103493e82fc74464a59268817623d2053c5eb8e2cc4a988b4fee179ec6b010d531d202122232425"
            + "262728292a2b849a225b57cf952aeb5b4082b9c4caa7d5360f8840b423db132867dae06800b1d5ddea01ca5b5333ea394a0ffa3126f6";
    /** §2 and §5.7: the vault signing public key of MASTER_KEY, and the approval code of it and DEVICE_PUBLIC_KEY. */
    public static final String VAULT_SIGNING_PUBLIC_KEY = "ff94809b97b592a77d46849cb11fe35c6eb9e620856322f8f2d57d411cece7b3";
    public static final String APPROVAL_CODE = "UDUC-8SX3";
    public static final String PASSPHRASE = "correct horse battery staple \u2713";
    /** salt 30…3f, 64 KiB, 1 pass, 1 lane: tiny, for the vector only. */
    public static final byte[] PASSPHRASE_SALT = counting(0x30, 16);
    public static final String PASSPHRASE_WRAP_KEY = "b13ca86a89229d72ed0a03f8fde97b6232da11dc3796d57ab332c6c90eff1402";
    /** nonce 40…4b. */
    public static final String PASSPHRASE_SLOT = "0102303132333435363738393a3b3c3d3e3f000000400000000101404142434445464748494a"
            + "4bd205dd1edd28fdcce5e633f3f09de27c07e4e58eb6cee227ed42a72bd9097b86a8423acc4a9b405f0b8f90ae1856cd87";

    // §5: login secret of user "Alice" (salted as "alice") with password "hunter2".
    public static final String LOGIN_SALT = "627f8d2136f0eeea296f09e3fa260b72";
    public static final String LOGIN_SECRET = "16a70f61cc40327ad34f5c4ba9f2b97c255bf03a9a2001599fc9c1627ca69548";
}
