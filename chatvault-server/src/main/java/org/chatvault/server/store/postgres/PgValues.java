package org.chatvault.server.store.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import org.chatvault.core.format.ObjectId;

/** Conversions between Java values and PostgreSQL column and parameter types. */
final class PgValues {
    private PgValues() {}

    /**
     * An instant as a {@code timestamptz} parameter. PostgreSQL keeps microseconds; truncating
     * here (the driver would round) means a stored time is never later than the one given.
     */
    static OffsetDateTime timestamp(Instant t) {
        return t.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    /** A {@code timestamptz} column, null stays null. */
    static Instant instant(ResultSet r, int column) throws SQLException {
        OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** Ids as one {@code bytea[]} parameter, for {@code = ANY (?)}: one statement however many ids. */
    static Array idArray(Connection c, Collection<ObjectId> ids) throws SQLException {
        byte[][] raw = new byte[ids.size()][];
        int i = 0;
        for (ObjectId id : ids) raw[i++] = id.toBytes();
        return c.createArrayOf("bytea", raw);
    }
}
