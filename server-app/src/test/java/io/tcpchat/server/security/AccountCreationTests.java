package io.tcpchat.server.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --chat.accounts.create=NAME} on the server's command line, password from a file or stdin. */
class AccountCreationTests {

    @TempDir
    Path dir;

    record Run(int status, String output) {
    }

    private Run run(String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"), "io.tcpchat.server.ChatServerApplication",
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db"), "--chat.files.dir=" + dir.resolve("files")));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    @Test
    void createsAnAccountFromAPasswordFileOrStdinAndRefusesATakenName() throws Exception {
        Path pw = dir.resolve("pw");
        Files.writeString(pw, "hunter2hunter2\n");
        Run created = run(null, "--chat.accounts.create=carol", "--chat.accounts.password-file=" + pw);
        assertThat(created.status()).as(created.output()).isZero();
        assertThat(created.output()).contains("account 'carol' created").doesNotContain("hunter2");

        Run again = run(null, "--chat.accounts.create=CAROL", "--chat.accounts.password-file=" + pw);
        assertThat(again.status()).isEqualTo(1);
        assertThat(again.output()).contains("registered already");

        Run fromStdin = run("stdin password 1\n", "--chat.accounts.create=dave");
        assertThat(fromStdin.status()).as(fromStdin.output()).isZero();
        assertThat(fromStdin.output()).doesNotContain("stdin password 1");

        Run tooShort = run("short\n", "--chat.accounts.create=erin");
        assertThat(tooShort.status()).isEqualTo(2);

        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("db"), "sa", "");
             ResultSet rs = c.createStatement().executeQuery("SELECT name, password_hash FROM chat_account ORDER BY name")) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
                assertThat(rs.getString(2)).startsWith("$argon2id$").doesNotContain("hunter2");
            }
            assertThat(names).containsExactly("carol", "dave");
        }
    }
}
