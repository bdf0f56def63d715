package org.chatvault.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.router.ParsedEndpoint;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.chatvault.protocol.error.ErrorBody;
import org.chatvault.protocol.signing.RequestSignature;
import org.chatvault.server.abuse.AbuseLimits;
import org.chatvault.server.abuse.LocalBucketStore;
import org.chatvault.server.abuse.RateLimits;
import org.chatvault.server.testing.Api.Response;
import org.chatvault.server.testing.SingleUserApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document served at {@code /v1/openapi.json} against the routes {@link ApiRoutes}
 * registers with Javalin (which are those of {@link ApiEndpoint}) and the protocol records: the
 * same operations both ways, and for every JSON body the same property names, required set and JSON
 * types as the record's components.
 */
class OpenApiDocumentTest extends SingleUserApiTest {
    private JsonNode doc;

    @BeforeEach
    void fetchDocument() {
        Response r = api.get("v1/openapi.json", null); // public: no token
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        doc = r.json();
        assertThat(doc.path("openapi").asText()).startsWith("3.1");
    }

    /** Method and path of every HTTP route ApiRoutes registers with Javalin, however it registers them. */
    static Set<String> registeredRoutes() {
        Javalin app = Javalin.create(cfg -> ApiRoutes.configure(cfg, new ApiRoutes.Services(null, null, null, null, null, null, null, 1, null, null, null,
                new RateLimits(AbuseLimits.defaults(), new LocalBucketStore(java.time.Clock.systemUTC())), null, null, null)));
        Set<String> routes = new TreeSet<>();
        for (ParsedEndpoint p : app.unsafe.internalRouter.allHttpHandlers())
            if (p.endpoint.method.isHttpMethod()) routes.add(p.endpoint.method.name() + " " + p.endpoint.path);
        return routes;
    }

    @Test
    void documentsExactlyTheRoutesApiRoutesRegisters() {
        Set<String> routed = registeredRoutes();
        Set<String> table = new TreeSet<>();
        for (ApiEndpoint e : ApiEndpoint.values()) table.add(e.method() + " " + e.path());
        assertThat(routed).as("routes registered").isEqualTo(table);
        Set<String> documented = new TreeSet<>();
        for (Iterator<String> paths = doc.path("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            for (Iterator<String> ops = doc.path("paths").path(path).fieldNames(); ops.hasNext(); ) {
                String op = ops.next();
                if (!op.equals("parameters")) documented.add(op.toUpperCase(Locale.ROOT) + " " + path);
            }
        }
        assertThat(documented).as("operations in the document").isEqualTo(routed);
    }

    @Test
    void everyRouteInTheTableIsServed() {
        // The table is what ApiRoutes registers; a route it failed to register would answer "no such endpoint".
        for (ApiEndpoint e : ApiEndpoint.values()) {
            String path = e.path().replace("{slotId}", "no-such-slot").replace("{deviceId}", "no-such-device").substring(1);
            Response r = api.send(e.method(), path, alice.access(), null, null);
            assertThat(r.status() == 404 && r.text().contains("no such endpoint")).as(e + " answered " + r.text()).isFalse();
        }
    }

    @Test
    void accessAndSuccessStatusAndMediaTypesMatchTheTable() {
        for (ApiEndpoint e : ApiEndpoint.values()) {
            JsonNode op = operation(e);
            boolean documentedPublic = op.has("security") && op.get("security").isEmpty();
            assertThat(documentedPublic).as(e + " public").isEqualTo(e.isPublic());

            JsonNode responses = op.path("responses");
            assertThat(responses.has(Integer.toString(e.successStatus()))).as(e + " success status").isTrue();
            assertThat(responses.path("default").path("content").path("application/json").path("schema").path("$ref").asText())
                    .as(e + " error shape").isEqualTo("#/components/schemas/ErrorBody");
            assertThat(mediaTypes(responses.path(Integer.toString(e.successStatus())).path("content")))
                    .as(e + " response media type").isEqualTo(mediaTypeSet(e.response()));
            assertThat(mediaTypes(op.path("requestBody").path("content"))).as(e + " request media type").isEqualTo(mediaTypeSet(e.request()));
        }
    }

    @Test
    void everyVaultRouteDocumentsTheSignatureHeadersAndItsRefusalsAndNoOtherRouteAsksForThem() {
        Set<String> signatureHeaders = Set.of(RequestSignature.TIMESTAMP_HEADER, RequestSignature.SIGNATURE_HEADER);
        int vault = 0;
        for (ApiEndpoint e : ApiEndpoint.values()) {
            JsonNode op = operation(e);
            Set<String> headers = new HashSet<>();
            for (JsonNode p : op.path("parameters")) {
                JsonNode param = p.has("$ref") ? doc.at(p.get("$ref").asText().substring(1)) : p;
                if (param.path("in").asText().equals("header")) {
                    headers.add(param.path("name").asText());
                    assertThat(param.path("required").asBoolean()).as(e + " " + param.path("name").asText() + " required").isTrue();
                }
            }
            if (e.access() == Access.VAULT) {
                vault++;
                assertThat(headers).as(e + " signature headers").containsAll(signatureHeaders);
                JsonNode refused = op.path("responses").path("403");
                if (refused.has("$ref")) refused = doc.at(refused.get("$ref").asText().substring(1));
                assertThat(refused.path("description").asText()).as(e + " 403").contains("signature_required", "signature_invalid",
                        "signature_stale", "signature_replayed", "signing_key_missing");
            } else {
                assertThat(headers).as(e + " asks for no signature").doesNotContainAnyElementsOf(signatureHeaders);
            }
        }
        assertThat(vault).isGreaterThanOrEqualTo(8);
    }

    @Test
    void jsonBodiesHaveTheShapeOfTheirProtocolRecords() {
        List<Class<? extends Record>> checked = new ArrayList<>();
        for (ApiEndpoint e : ApiEndpoint.values()) {
            JsonNode op = operation(e);
            if (e.request().schema() != null) {
                checkSchema(ref(op.path("requestBody").path("content").path("application/json").path("schema")), e.request().schema(), false);
                checked.add(e.request().schema());
            }
            if (e.response().schema() != null) {
                JsonNode schema = op.path("responses").path(Integer.toString(e.successStatus())).path("content").path("application/json").path("schema");
                checkSchema(ref(schema), e.response().schema(), true);
                checked.add(e.response().schema());
            }
        }
        checkSchema(ref(doc.at("/paths/~1v1~1usage/get/responses/default/content/application~1json/schema")), ErrorBody.class, true);
        assertThat(checked).hasSizeGreaterThan(15);
    }

    @Test
    void aRenamedFieldIsCaught() {
        record VaultUsageRenamed(long objects, long bytes, long packs, long packBytes, long headVersion) {}
        JsonNode schema = doc.path("components").path("schemas").path("VaultUsage");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> checkSchema(schema, VaultUsageRenamed.class, true))
                .isInstanceOf(AssertionError.class).hasMessageContaining("headVersion");
    }

    private JsonNode operation(ApiEndpoint e) {
        JsonNode op = doc.path("paths").path(e.path()).path(e.method().toLowerCase(Locale.ROOT));
        assertThat(op.isMissingNode()).as(e + " documented").isFalse();
        return op;
    }

    private static Set<String> mediaTypes(JsonNode content) {
        Set<String> types = new HashSet<>();
        content.fieldNames().forEachRemaining(types::add);
        return types;
    }

    private static Set<String> mediaTypeSet(ApiEndpoint.Body body) {
        return body.mediaType() == null ? Set.of() : Set.of(body.mediaType());
    }

    /** The component a {@code $ref} names, which must be named like the record. */
    private JsonNode ref(JsonNode schema) {
        String ref = schema.path("$ref").asText();
        assertThat(ref).as("JSON bodies refer to components").startsWith("#/components/schemas/");
        return doc.at(ref.substring(1));
    }

    private void checkSchema(JsonNode schema, Class<? extends Record> type, boolean isAnswer) {
        String what = type.getSimpleName();
        assertThat(schema.path("type").asText()).as(what).isEqualTo("object");
        Set<String> properties = new TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(properties::add);
        Set<String> required = new TreeSet<>();
        schema.path("required").forEach(n -> required.add(n.asText()));
        Set<String> components = new TreeSet<>();
        Set<String> mustBeRequired = new TreeSet<>();
        boolean omitsNulls = type.isAnnotationPresent(JsonInclude.class) && type.getAnnotation(JsonInclude.class).value() == JsonInclude.Include.NON_NULL;
        for (RecordComponent c : type.getRecordComponents()) {
            components.add(c.getName());
            // The server writes every field of an answer (nulls too, unless the record omits them);
            // a request field the reader cannot do without is primitive.
            if (c.getType().isPrimitive() || (isAnswer && !omitsNulls)) mustBeRequired.add(c.getName());
            checkType(what + "." + c.getName(), schema.path("properties").path(c.getName()), c.getGenericType());
        }
        assertThat(properties).as(what + " properties").isEqualTo(components);
        assertThat(required).as(what + " required").containsAll(mustBeRequired);
        assertThat(components).as(what + " required names").containsAll(required);
    }

    private void checkType(String what, JsonNode property, Type javaType) {
        if (property.has("$ref")) {
            assertThat(javaType).as(what).isInstanceOf(Class.class);
            Class<?> c = (Class<?>) javaType;
            assertThat(property.get("$ref").asText()).as(what).isEqualTo("#/components/schemas/" + c.getSimpleName());
            @SuppressWarnings("unchecked") Class<? extends Record> record = (Class<? extends Record>) c;
            checkSchema(ref(property), record, true);
            return;
        }
        Set<String> types = new HashSet<>();
        if (property.path("type").isArray()) property.path("type").forEach(t -> types.add(t.asText()));
        else types.add(property.path("type").asText());
        boolean primitive = javaType instanceof Class<?> c && c.isPrimitive();
        if (primitive) assertThat(types).as(what + " cannot be null").doesNotContain("null");
        types.remove("null");
        assertThat(types).as(what + " type").hasSize(1);
        String jsonType = types.iterator().next();
        Class<?> raw = javaType instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) javaType;
        if (raw == long.class || raw == Long.class) {
            assertThat(jsonType).as(what).isEqualTo("integer");
            assertThat(property.path("format").asText()).as(what + " format").isEqualTo("int64");
        } else if (raw == int.class || raw == Integer.class) {
            assertThat(jsonType).as(what).isEqualTo("integer");
            assertThat(property.path("format").asText()).as(what + " format").isEqualTo("int32");
        } else if (raw == boolean.class || raw == Boolean.class) {
            assertThat(jsonType).as(what).isEqualTo("boolean");
        } else if (raw == String.class) {
            assertThat(jsonType).as(what).isEqualTo("string");
        } else if (List.class.isAssignableFrom(raw)) {
            assertThat(jsonType).as(what).isEqualTo("array");
            checkType(what + "[]", property.path("items"), ((ParameterizedType) javaType).getActualTypeArguments()[0]);
        } else {
            throw new AssertionError(what + ": no JSON mapping known for " + javaType);
        }
    }
}
