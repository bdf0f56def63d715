package org.chatvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chatvault server} refusing to start: one line on stderr naming the setting and where it
 * came from (file, option) or the port, exit code 2, and never a stack trace.
 */
class ServerCommandTest extends ConsoleTest {
    @TempDir Path dir;

    private void assertOneLineRefusal(int code, String... mentions) {
        assertThat(code).as(stderr()).isEqualTo(2);
        String[] lines = stderr().strip().split("\\R");
        assertThat(lines).as(stderr()).hasSize(1);
        assertThat(lines[0]).startsWith("chatvault server: ").contains(mentions);
        assertThat(stderr()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    private Path configFile(String content) throws IOException {
        Path f = dir.resolve("server.properties");
        Files.writeString(f, content);
        return f;
    }

    @Test
    void aBadValueInTheFileNamesTheSettingAndTheFile() throws IOException {
        Path f = configFile("server.port=eighty\n");
        int code = Main.run("server", "--config", f.toString(), "--data-dir", dir.resolve("data").toString());
        assertOneLineRefusal(code, "'server.port' in " + f, "eighty", "not a whole number");
        assertThat(Files.exists(dir.resolve("data"))).as("nothing was started").isFalse();
    }

    @Test
    void anUnknownKeyInTheFileIsNamed() throws IOException {
        Path f = configFile("server.prot=8420\n");
        assertOneLineRefusal(Main.run("server", "--config", f.toString()), "unknown setting 'server.prot'", f.toString());
    }

    @Test
    void aMissingConfigFileIsNamed() {
        Path f = dir.resolve("absent.properties");
        assertOneLineRefusal(Main.run("server", "--config", f.toString()), f.toString());
    }

    @Test
    void aBadOptionIsNamed() {
        assertOneLineRefusal(Main.run("server", "--port", "70000", "--data-dir", dir.resolve("data").toString()), "--port", "70000");
    }

    @Test
    void aPortInUseIsNamed() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            int code = Main.run("server", "--host", "127.0.0.1", "--port", Integer.toString(port), "--data-dir", dir.resolve("data").toString());
            assertOneLineRefusal(code, "port " + port, "--port");
        }
    }

    @Test
    void aBadEnvironmentVariableIsNamedByTheRealProcessWithExitCode2() throws Exception {
        // A separate JVM: the environment cannot be changed in-process, and the exit code is the process's own.
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "server", "--data-dir", dir.resolve("data").toString());
        pb.environment().put("CHATVAULT_SERVER_PORT", "80a");
        Process p = pb.start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(stderr).isEqualTo(2);
        assertThat(stdout).isEmpty();
        assertThat(stderr.strip().split("\\R")).as(stderr).hasSize(1);
        assertThat(stderr).startsWith("chatvault server: ").contains("environment variable CHATVAULT_SERVER_PORT", "80a")
                .doesNotContain("\tat ");
    }

    @Test
    void aDataDirThatCannotBeMadeIsNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        assertOneLineRefusal(Main.run("server", "--port", "0", "--data-dir", file.resolve("data").toString()), "data directory", file.toString());
    }
}
