package org.chatvault.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.chatvault.core.chunking.TestData;
import org.junit.jupiter.api.Test;

/** docs/FORMAT.md §17: which media the writer tries to compress. */
class CompressionPolicyTest {
    private static final byte[] RANDOM = TestData.splitMix64(7, 200_000);
    private static final byte[] ZEROS = new byte[200_000];
    private static final byte[] CSV = "id,name,amount\n1,alice,10\n2,bob,20\n3,carol,30\n".repeat(100).getBytes(StandardCharsets.UTF_8);

    private static boolean decide(String mime, byte[] sample) {
        return CompressionPolicy.shouldTryCompress(mime, sample, 0, sample.length);
    }

    @Test
    void compressedFormatsAreNeverTriedWhateverTheSample() {
        for (String mime : new String[] {"image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "video/mp4",
                "video/quicktime", "audio/mpeg", "audio/mp4", "audio/aac", "audio/ogg", "audio/opus", "application/zip",
                "application/x-7z-compressed", "application/vnd.rar", "application/gzip",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "IMAGE/JPEG", " video/webm ; codecs=vp9"}) {
            assertThat(decide(mime, ZEROS)).as(mime).isFalse();
        }
    }

    @Test
    void textIsAlwaysTried() {
        assertThat(decide("text/plain", RANDOM)).isTrue();
        assertThat(decide("Text/CSV; charset=UTF-8", RANDOM)).isTrue();
    }

    @Test
    void otherTypesAreJudgedOnTheSample() {
        assertThat(decide("application/octet-stream", RANDOM)).isFalse();
        assertThat(decide("application/octet-stream", ZEROS)).isTrue();
        assertThat(decide("application/pdf", CSV)).isTrue();
        assertThat(decide(null, ZEROS)).isTrue();
        assertThat(decide("", RANDOM)).isFalse();
        assertThat(decide("audio/wav", new byte[0])).isFalse();
    }

    @Test
    void onlyTheGivenRangeAndItsFirst64KiBCount() {
        byte[] randomThenZeros = new byte[CompressionPolicy.SAMPLE_BYTES + 100_000];
        System.arraycopy(RANDOM, 0, randomThenZeros, 0, CompressionPolicy.SAMPLE_BYTES);
        assertThat(decide("application/octet-stream", randomThenZeros)).isFalse();
        assertThat(CompressionPolicy.shouldTryCompress("application/octet-stream", randomThenZeros,
                CompressionPolicy.SAMPLE_BYTES, 100_000)).isTrue();
        assertThatThrownBy(() -> CompressionPolicy.shouldTryCompress(null, ZEROS, 10, ZEROS.length))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void theAnswerIsAPureFunctionOfItsInput() {
        for (int i = 0; i < 3; i++) assertThat(decide("application/x-thing", CSV)).isTrue();
    }
}
