/**
 * What every server feature stores through and the features' stores share: the blob store
 * ({@link org.chatvault.server.storage.ObjectStore}), the failure every store reports
 * ({@link org.chatvault.server.storage.StoreException}) and readiness for {@code /readyz}. The
 * implementations (SQL, files, S3) live in {@code server.store} and depend on the features; this
 * package depends on none, so features never depend on their implementations.
 */
package org.chatvault.server.storage;
