package org.chatvault.server.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import javax.sql.DataSource;
import org.chatvault.core.format.ObjectId;
import org.chatvault.server.abuse.BucketStore;
import org.chatvault.server.storage.StoreException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * One metadata database on Jdbi: a writer and a reader {@link Jdbi} from the {@link SqlDialect},
 * transactions with the dialect's retry rule, and failures turned into {@link StoreException}.
 * Every SQL store of the server runs its statements through one of these.
 */
public final class SqlDatabase implements AutoCloseable {
    private static final int MAX_ATTEMPTS = 5;

    /** Work on an open handle; its SQL failures surface as {@link JdbiException}. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Handle h);
    }

    private final SqlDialect dialect;
    private final Jdbi writer;
    private final Jdbi reader;
    /** Calls in flight hold it shared; close() takes it exclusively, so a commit under way finishes first. */
    private final ReentrantReadWriteLock inFlight = new ReentrantReadWriteLock();
    private volatile boolean closed;

    SqlDatabase(SqlDialect dialect, DataSource writes, DataSource reads) {
        this.dialect = dialect;
        this.writer = configure(Jdbi.create(writes));
        this.reader = writes == reads ? writer : configure(Jdbi.create(reads));
    }

    private Jdbi configure(Jdbi jdbi) {
        jdbi.registerArgument(new AbstractArgumentFactory<ObjectId>(Types.BINARY) {
            @Override protected Argument build(ObjectId id, ConfigRegistry config) {
                return (pos, s, ctx) -> s.setBytes(pos, id.toBytes());
            }
        });
        jdbi.registerColumnMapper(ObjectId.class, (r, col, ctx) -> ObjectId.of(r.getBytes(col)));
        dialect.configure(jdbi);
        return jdbi;
    }

    SqlDialect dialect() { return dialect; }

    /** The rate-limit buckets of this database's servers (see {@link SqlDialect#rateLimitBuckets}). */
    public BucketStore rateLimitBuckets(Clock clock) { return dialect.rateLimitBuckets(clock); }

    /** Runs single statements (or ones that need not agree) outside a transaction. */
    public <T> T read(String what, Work<T> work) {
        return guarded(what, () -> reader.withHandle(work::run));
    }

    /** Runs reads in one transaction, so they all see the same snapshot. */
    public <T> T snapshot(String what, Work<T> work) {
        return guarded(what, () -> reader.inTransaction(work::run));
    }

    /** Runs {@code work} in one write transaction; commits if it returns, rolls back if it throws. */
    public <T> T write(String what, Work<T> work) {
        return guarded(what, () -> {
            for (int attempt = 1; ; attempt++) {
                try {
                    return writer.inTransaction(work::run);
                } catch (JdbiException e) {
                    if (attempt == MAX_ATTEMPTS || !(e.getCause() instanceof SQLException s) || !dialect.retryable(s)) throw e;
                    pause(attempt);
                }
            }
        });
    }

    /**
     * Runs {@code work} in a write transaction, with the same locks, and rolls it back: what a
     * change would do, for a dry run, without changing anything.
     */
    public <T> T rehearse(String what, Work<T> work) {
        return guarded(what, () -> writer.inTransaction(h -> {
            T result = work.run(h);
            h.rollback();
            return result;
        }));
    }

    /** Whether the database answers a trivial query now. */
    public boolean reachable() {
        try {
            return read("answer a health check", h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (StoreException e) {
            return false;
        }
    }

    /** Reads a time column the way the dialect stores it; null stays null. */
    static Instant instant(ResultSet r, int column, StatementContext ctx) throws SQLException {
        return ctx.findColumnMapperFor(Instant.class).orElseThrow().map(r, column, ctx);
    }

    /** Splits {@code values} into lists one statement can bind (see {@link #oneOf}). */
    <T> List<List<T>> chunks(Collection<T> values) {
        return chunks(values, dialect.valuesPerStatement());
    }

    /** Splits {@code values} into lists of at most {@code size}. */
    static <T> List<List<T>> chunks(Collection<T> values, int size) {
        List<T> all = List.copyOf(values);
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) out.add(all.subList(i, Math.min(all.size(), i + size)));
        return out;
    }

    /** The condition that {@code column} is one of the values {@link #bindAll bound} as {@code name}. */
    String oneOf(String column, String name) { return dialect.oneOf(column, name); }

    /** Binds a chunk of values for {@link #oneOf}. */
    <S extends SqlStatement<S>> S bindAll(S statement, String name, Class<?> type, List<?> values) {
        return dialect.bindAll(statement, name, type, values);
    }

    /** {@code COLLATE} clause ordering text by bytes, so paging by id agrees across databases. */
    String byteOrder() { return dialect.byteOrder(); }

    /** Suffix of a SELECT that locks its rows until the transaction ends. */
    String forUpdate() { return dialect.forUpdate(); }

    private interface Call<T> {
        T run();
    }

    private <T> T guarded(String what, Call<T> call) {
        inFlight.readLock().lock();
        try {
            if (closed) throw new StoreException("metadata store is closed", null);
            return call.run();
        } catch (JdbiException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new StoreException("metadata store failed to " + what + ": " + cause.getMessage(), e);
        } finally {
            inFlight.readLock().unlock();
        }
    }

    /** Random, growing pauses so transactions that collided do not collide again in lockstep. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted retrying a metadata transaction", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        inFlight.writeLock().lock();
        try {
            dialect.close();
        } finally {
            inFlight.writeLock().unlock();
        }
    }
}
