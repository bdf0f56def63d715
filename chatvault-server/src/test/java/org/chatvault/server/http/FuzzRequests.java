package org.chatvault.server.http;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.chatvault.core.format.SealedObject;
import org.chatvault.server.testing.TestObjects;

/**
 * Seeded random, structured requests for {@link ApiFuzzTest}: for a route of {@link ApiEndpoint},
 * mostly its own method, a well-formed path and a body of its own schema, then mutated — wrong
 * types, missing and extra fields, nulls, huge and negative numbers, deep nesting, odd Unicode,
 * truncation, random bytes, other content types, garbage path parameters and tokens. JSON bodies
 * are built from the route's request record by reflection, so a new route or field is fuzzed
 * without touching this class.
 */
final class FuzzRequests {
    /** Which credentials a request carries; {@link ApiFuzzTest} turns the choice into a header value. */
    enum TokenChoice { VALID, OTHER_ACCOUNT, NONE, GARBAGE, EXPIRED, LOGGED_OUT, REFRESH_AS_ACCESS, VALID_WITH_JUNK }

    record Request(String method, String path, TokenChoice token, String garbageToken, String contentType, byte[] body) {
        String describe() {
            String b = body == null ? "(none)" : body.length + " bytes: " + preview(body);
            return method + " /" + path + " token=" + token + (garbageToken != null ? "(" + garbageToken + ")" : "")
                    + " content-type=" + contentType + " body=" + b;
        }

        private static String preview(byte[] body) {
            String s = new String(body, 0, Math.min(body.length, 160), StandardCharsets.ISO_8859_1);
            return s.replaceAll("[^\\x20-\\x7e]", "?");
        }
    }

    /** What the fuzzer knows of the server's state, to aim some requests at real ids and tokens. */
    interface Known {
        List<String> objectIds();
        String refreshToken();
    }

    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"};
    private static final String[] CONTENT_TYPES = {null, "text/plain", "application/json; charset=utf-16", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=zz", "application/octet-stream", "application/json;;;=", "*/*", "application/JSON", "x"};
    private static final String[] SLOT_KINDS = {"recovery", "passphrase", "device", "", "RECOVERY", "root", "device\u0000"};
    private static final String[] ODD_STRINGS = {"", " ", "\u0000", "null", "\uD83C\uDFE0", "\uFFFF", "\u202E\u0646\u0635",
            "A".repeat(70), "../../etc/passwd", "%s%n", "' OR 1=1 --", "\\u0000", "\uD800", "中文用户名", "\t\r\n"};

    private final SplittableRandom random;
    private final Known known;
    private final TestObjects objects;

    FuzzRequests(SplittableRandom random, Known known, TestObjects objects) {
        this.random = random;
        this.known = known;
        this.objects = objects;
    }

    Request next(ApiEndpoint e) {
        String method = chance(0.9) ? e.method() : pick(METHODS);
        String path = path(e);
        TokenChoice token = pick(TokenChoice.values());
        if (!e.isPublic() && chance(0.4)) token = TokenChoice.VALID; // get past the filter often enough to reach the handlers
        String garbage = token == TokenChoice.GARBAGE ? garbageToken() : null;
        String contentType = chance(0.85) ? e.request().mediaType() : pick(CONTENT_TYPES);
        byte[] body = body(e);
        if (method.equals("HEAD") || method.equals("GET") && chance(0.5)) body = null;
        return new Request(method, path, token, garbage, contentType, body);
    }

    // ---- paths -------------------------------------------------------------------------------

    private String path(ApiEndpoint e) {
        String template = e.path().substring(1);
        int mutation = random.nextInt(30);
        // Cut the template, not the filled path, so no percent-escape is cut in half.
        if (mutation == 5) template = template.substring(0, random.nextInt(template.length() + 1));
        String p = template;
        while (p.contains("{") && p.indexOf('}', p.indexOf('{')) > 0) {
            int a = p.indexOf('{');
            int b = p.indexOf('}', a);
            p = p.substring(0, a) + pathParameter() + p.substring(b + 1);
        }
        p = p.replace("{", "%7B");
        return switch (mutation) {
            case 0 -> p + "/" + encode(randomText(8));
            case 1 -> p + "/";
            case 2 -> p.replace("/", "//");
            case 3 -> p.toUpperCase(java.util.Locale.ROOT);
            case 4 -> p + "?" + encode(randomText(6)) + "=" + encode(randomText(12)) + "&ids=" + encode(randomText(4));
            case 6 -> p + "/%2e%2e/" + encode(randomText(3));
            case 7 -> "v2/" + p;
            default -> p;
        };
    }

    private String pathParameter() {
        return switch (random.nextInt(8)) {
            case 0, 1 -> pick(new String[] {"recovery", "passphrase", "device-" + random.nextInt(5), "phone"});
            case 2 -> encode(randomText(1 + random.nextInt(80)));
            case 3 -> "a".repeat(60 + random.nextInt(10));
            case 4 -> encode(pick(ODD_STRINGS));
            case 5 -> "%2F" + encode(randomText(3));
            case 6 -> "%00";
            default -> Integer.toString(random.nextInt());
        };
    }

    /** Percent-encodes everything but unreserved characters, so any text makes a valid URI path segment. */
    static String encode(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (x & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) b.append(c);
            else b.append('%').append(String.format("%02X", x & 0xff));
        }
        return b.toString();
    }

    private String garbageToken() {
        return switch (random.nextInt(5)) {
            case 0 -> "";
            case 1 -> randomAscii(43);
            case 2 -> randomAscii(random.nextInt(300));
            case 3 -> "Bearer " + randomAscii(43);
            default -> "A".repeat(43);
        };
    }

    // ---- bodies ------------------------------------------------------------------------------

    private byte[] body(ApiEndpoint e) {
        ApiEndpoint.Body shape = e.request();
        byte[] wellFormed;
        if (shape.schema() != null) wellFormed = FuzzJson.write(jsonFor(shape.schema()));
        else if (ApiEndpoint.Body.OBJECT_BATCH.equals(shape)) wellFormed = batch();
        else wellFormed = chance(0.7) ? null : randomBytes(random.nextInt(64));
        if (wellFormed == null) return null;
        return chance(0.35) ? wellFormed : mutate(wellFormed, shape.schema() != null);
    }

    /** A value of the record's shape, with each field now and then missing, null, of another type or odd. */
    private Object jsonFor(Class<? extends Record> schema) {
        java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
        for (RecordComponent c : schema.getRecordComponents()) {
            if (chance(0.08)) continue;
            m.put(c.getName(), chance(0.12) ? FuzzJson.anyValue(random, 3) : valueFor(c.getName(), c.getGenericType()));
        }
        if (chance(0.15)) m.put(randomText(5), FuzzJson.anyValue(random, 2));
        return m;
    }

    private Object valueFor(String name, Type type) {
        if (type == String.class) return stringFor(name);
        if (type == Long.class || type == Integer.class || type == long.class || type == int.class) return numberFor(name);
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            int n = switch (random.nextInt(10)) {
                case 0 -> 0;
                case 1 -> chance(0.1) ? RequestBodies.MAX_IDS + 1 : 200 + random.nextInt(800);
                default -> 1 + random.nextInt(6);
            };
            List<Object> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) list.add(chance(0.97) ? objectId() : FuzzJson.anyValue(random, 1));
            return list;
        }
        return FuzzJson.anyValue(random, 2);
    }

    private Object stringFor(String name) {
        if (chance(0.15)) return pick(ODD_STRINGS);
        return switch (name) {
            case "username" -> chance(0.7) ? "f" + Long.toHexString(random.nextLong()).substring(0, 6) : randomText(random.nextInt(80));
            case "loginSecret" -> chance(0.7) ? Base64.getEncoder().encodeToString(randomBytes(32)) : Base64.getEncoder().encodeToString(randomBytes(random.nextInt(64)));
            case "refreshToken" -> chance(0.5) ? known.refreshToken() : randomAscii(43);
            case "kind" -> pick(SLOT_KINDS);
            case "blob" -> chance(0.6) ? Base64.getEncoder().encodeToString(randomBytes(random.nextInt(chance(0.1) ? 6000 : 120))) : randomText(30);
            case "root" -> objectId();
            default -> randomText(random.nextInt(40));
        };
    }

    private Object numberFor(String name) {
        return switch (random.nextInt(9)) {
            case 0 -> Long.MAX_VALUE;
            case 1 -> Long.MIN_VALUE;
            case 2 -> -1 - random.nextInt(1000);
            case 3 -> new java.math.BigInteger(200, new java.util.Random(random.nextLong()));
            case 4 -> 1e300 * random.nextDouble();
            case 5 -> name.equals("bucket") ? 197000 + random.nextInt(800000) : (long) Integer.MAX_VALUE + random.nextInt(1000);
            default -> name.equals("bucket") ? pick(new Integer[] {202401, 202312, 197001, 999912, 0, 202413}) : (long) random.nextInt(5);
        };
    }

    private String objectId() {
        List<String> ids = known.objectIds();
        return switch (random.nextInt(6)) {
            case 0, 1, 2 -> ids.isEmpty() ? HexFormat.of().formatHex(randomBytes(32)) : ids.get(random.nextInt(ids.size()));
            case 3 -> HexFormat.of().formatHex(randomBytes(32));
            case 4 -> HexFormat.of().formatHex(randomBytes(32)).toUpperCase(java.util.Locale.ROOT);
            default -> HexFormat.of().formatHex(randomBytes(random.nextInt(40)));
        };
    }

    /** A batch of real sealed objects, as a client uploads it. */
    private byte[] batch() {
        int n = random.nextInt(5);
        List<SealedObject> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(switch (random.nextInt(4)) {
                case 0 -> objects.root();
                case 1 -> objects.conversationIndex();
                default -> objects.segment(TestObjects.BUCKET, random.nextInt(3000));
            });
        }
        if (chance(0.2)) {
            // a frame whose header lies: another kind, a bad bucket, a length past the body
            SealedObject o = objects.segment();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(TestObjects.batch(list));
            byte[] frame = TestObjects.frame(o, random.nextInt(12), chance(0.5) ? TestObjects.BUCKET : random.nextInt());
            if (chance(0.5)) ByteBuffer.wrap(frame).putInt(37, random.nextInt());
            out.writeBytes(frame);
            return out.toByteArray();
        }
        return TestObjects.batch(list);
    }

    // ---- mutations ---------------------------------------------------------------------------

    private byte[] mutate(byte[] b, boolean json) {
        return switch (random.nextInt(json ? 12 : 8)) {
            case 0 -> b.length == 0 ? b : java.util.Arrays.copyOf(b, random.nextInt(b.length));
            case 1 -> flipBits(b);
            case 2 -> randomBytes(random.nextInt(chance(0.05) ? 2_000_000 : 2_000));
            case 3 -> new byte[0];
            case 4 -> concat(b, randomBytes(1 + random.nextInt(50)));
            case 5 -> concat(randomBytes(1 + random.nextInt(8)), b);
            case 6 -> concat(b, b);
            case 7 -> insert(b, "\u00ff\u00fe\u0000\ud83d".getBytes(StandardCharsets.UTF_8));
            case 8 -> FuzzJson.write(FuzzJson.anyValue(random, 4));
            case 9 -> FuzzJson.deeplyNested(random, 2 + random.nextInt(chance(0.3) ? 5000 : 60));
            case 10 -> concat("\ufeff".getBytes(StandardCharsets.UTF_8), b);
            default -> FuzzJson.hugeNumberIn(random, b);
        };
    }

    private byte[] flipBits(byte[] b) {
        byte[] c = b.clone();
        if (c.length == 0) return c;
        for (int i = 1 + random.nextInt(4); i > 0; i--) c[random.nextInt(c.length)] ^= (byte) (1 << random.nextInt(8));
        return c;
    }

    private byte[] insert(byte[] b, byte[] x) {
        int at = random.nextInt(b.length + 1);
        return concat(concat(java.util.Arrays.copyOf(b, at), x), java.util.Arrays.copyOfRange(b, at, b.length));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    // ---- primitives --------------------------------------------------------------------------

    private boolean chance(double p) { return random.nextDouble() < p; }

    private <T> T pick(T[] options) { return options[random.nextInt(options.length)]; }

    byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private String randomAscii(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) b.append((char) (0x21 + random.nextInt(0x7e - 0x21)));
        return b.toString();
    }

    /** Text from ASCII, Latin, CJK, emoji (surrogate pairs) and a lone surrogate now and then. */
    String randomText(int n) {
        Supplier<String> one = () -> switch (random.nextInt(6)) {
            case 0 -> String.valueOf((char) (0x20 + random.nextInt(0x5f)));
            case 1 -> String.valueOf((char) (0xa0 + random.nextInt(0x160)));
            case 2 -> String.valueOf((char) (0x4e00 + random.nextInt(0x5000)));
            case 3 -> new String(Character.toChars(0x1f300 + random.nextInt(0x300)));
            case 4 -> chance(0.1) ? String.valueOf((char) (0xd800 + random.nextInt(0x800))) : "a";
            default -> String.valueOf((char) ('a' + random.nextInt(26)));
        };
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append(one.get());
        return b.toString();
    }
}
