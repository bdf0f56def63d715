package org.chatvault.protocol.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Every error answer: {@code error} is a wire code of {@link ErrorCode}, {@code message} says
 * what went wrong in words; {@code ids} is set only by {@code object_unreadable}, naming which
 * objects could not be read.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String error, String message, List<String> ids) {
    public ErrorBody(String error, String message) { this(error, message, null); }
}
