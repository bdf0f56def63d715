package org.chatvault.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.HashSet;
import java.util.Set;
import org.chatvault.protocol.account.Credentials;
import org.chatvault.protocol.error.ErrorBody;
import org.chatvault.protocol.error.ErrorCode;
import org.chatvault.protocol.object.RelabelRequest;
import org.chatvault.protocol.vault.Commit;
import org.chatvault.protocol.vault.VaultHead;
import org.junit.jupiter.api.Test;

class WireJsonTest {
    private final ObjectMapper json = WireJson.mapper();

    @Test
    void scalarsAreReadAsWrittenOrRefused() throws Exception {
        assertThat(json.readValue("{\"baseVersion\":3,\"root\":\"r\"}", Commit.class).baseVersion()).isEqualTo(3L);
        for (String bad : new String[] {"\"3\"", "3.0", "3.5", "true", "\"\""})
            assertThatThrownBy(() -> json.readValue("{\"baseVersion\":" + bad + ",\"root\":\"r\"}", Commit.class))
                    .as(bad).isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> json.readValue("{\"version\":\"1\",\"root\":null,\"committedAt\":null}", VaultHead.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> json.readValue("{\"bucket\":2024.01,\"ids\":[]}", RelabelRequest.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> json.readValue("{\"username\":42,\"loginSecret\":\"s\"}", Credentials.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> json.readValue("{\"username\":\"a\",\"loginSecret\":false}", Credentials.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> json.readValue("{\"version\":null,\"root\":null,\"committedAt\":null}", VaultHead.class))
                .as("null for a primitive").isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void unknownFieldsAreIgnoredAndErrorIdsOnlyWhenSet() throws Exception {
        assertThat(json.readValue("{\"username\":\"a\",\"loginSecret\":\"s\",\"newer\":1}", Credentials.class).username()).isEqualTo("a");
        assertThat(json.writeValueAsString(new ErrorBody("head_conflict", "m"))).isEqualTo("{\"error\":\"head_conflict\",\"message\":\"m\"}");
    }

    @Test
    void wireCodesAreUniqueAndRoundTrip() {
        Set<String> codes = new HashSet<>();
        for (ErrorCode c : ErrorCode.values()) {
            assertThat(codes.add(c.code())).as(c.code()).isTrue();
            assertThat(c.code()).matches("[a-z_]+");
            assertThat(c.status()).isBetween(400, 599);
            assertThat(ErrorCode.fromWire(c.code())).contains(c);
        }
        assertThat(ErrorCode.fromWire("from_a_newer_server")).isEmpty();
    }

    @Test
    void theOpenApiDocumentIsBundled() throws Exception {
        assertThat(json.readTree(OpenApi.document()).path("openapi").asText()).isEqualTo("3.1.0");
    }
}
