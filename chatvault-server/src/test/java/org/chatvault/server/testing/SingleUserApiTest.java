package org.chatvault.server.testing;

import java.nio.file.Path;
import org.chatvault.server.testing.Api.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh server per test with one logged-in account, alice. */
public abstract class SingleUserApiTest {
    @TempDir protected Path dir;
    protected ServerFixture fx;
    protected Api api;
    protected Session alice;

    @BeforeEach
    void startServer() {
        fx = new ServerFixture(dir);
        api = fx.api();
        alice = api.newSession("alice");
    }

    @AfterEach
    void stopServer() {
        fx.close();
    }
}
