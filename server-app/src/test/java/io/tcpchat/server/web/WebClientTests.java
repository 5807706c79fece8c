package io.tcpchat.server.web;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.FrameEncoder;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.TestClient;
import io.tcpchat.server.tcp.ChatEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The browser client in a real Chromium: two browser users, a browser user and a CHAT/1 user
 * (messages and files, byte for byte both ways), and markup in a message shown as text. One
 * server and two browsers for the class; each test uses names of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"chat.port=0", "management.server.port=0", "chat.limits.rate=0",
                "chat.files.dir=target/web-client-files", "chat.rooms.create=everyone"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebClientTests {

    @LocalServerPort
    int webPort;
    @Autowired
    ChatEndpoint chat;
    @TempDir
    Path dir;

    Browser ada;
    Browser bea;

    @BeforeAll
    void browsers() throws Exception {
        ada = Browser.open();
        bea = Browser.open();
    }

    @AfterAll
    void closeBrowsers() throws Exception {
        for (Browser b : new Browser[] {ada, bea}) {
            if (b != null) {
                b.close();
            }
        }
    }

    String base() {
        return "http://localhost:" + webPort;
    }

    @Test
    void twoBrowserUsersChatInTheLobbyAndDirectly() {
        ada.login(base(), "ada");
        bea.login(base(), "bea");
        ada.say("hello from ada");
        bea.awaitLine("ada: hello from ada");
        bea.say("/me waves");
        ada.awaitLine("* bea waves");

        // a direct message: picked from the user list, counted unread on the other side
        ada.await().until(d -> !d.findElements(By.xpath("//ul[@id='people']//button[text()='bea']")).isEmpty());
        ada.driver.findElement(By.xpath("//ul[@id='people']//button[text()='bea']")).click();
        ada.say("just for you");
        ada.awaitLine("ada: just for you");
        bea.await().until(d -> d.findElements(By.cssSelector("button[data-conv='@ada'] .unread")).stream()
                .anyMatch(e -> e.getText().equals("1")));
        bea.open("@ada");
        bea.awaitLine("ada: just for you");
        assertThat(bea.driver.findElements(By.cssSelector("button[data-conv='@ada'] .unread"))).isEmpty();
        bea.open("#lobby");
        assertThat(bea.lines()).doesNotContain("ada: just for you");
    }

    @Test
    void roomsWithTopicsMembersFilesAndUnreadCounts() throws Exception {
        ada.login(base(), "rhea");
        bea.login(base(), "ross");
        ada.say("/join #dev");
        ada.await().withMessage(() -> "lines " + ada.lines()).until(d -> "#dev".equals(d.findElement(By.id("title")).getText()));
        ada.say("/topic build status");
        ada.await().until(d -> "build status".equals(d.findElement(By.id("topic")).getText()));

        bea.driver.findElement(By.id("join-room")).sendKeys("#dev");
        bea.driver.findElement(By.cssSelector("#join-form button")).click();
        bea.await().until(d -> "#dev".equals(d.findElement(By.id("title")).getText()));
        bea.await().until(d -> "build status".equals(d.findElement(By.id("topic")).getText()));
        bea.await().until(d -> d.findElement(By.id("people")).getText().contains("@rhea"));
        ada.awaitLine("ross joined #dev");
        ada.say("the build is green");
        bea.awaitLine("rhea: the build is green");

        bea.open("#lobby");
        ada.say("and deployed");
        bea.await().until(d -> d.findElements(By.cssSelector("button[data-conv='#dev'] .unread")).stream()
                .anyMatch(e -> e.getText().equals("1")));
        assertThat(bea.lines()).doesNotContain("rhea: and deployed");
        bea.open("#dev");
        bea.awaitLine("rhea: and deployed");

        // a file to the room: announced in #dev only
        Path notes = dir.resolve("release-notes.txt");
        Files.writeString(notes, "1.4: rooms, and a web client\n");
        ada.attach(notes);
        bea.awaitLine("rhea: release-notes.txt (29 B)");
        bea.say("/me ships it");
        ada.awaitLine("* ross ships it");
        bea.open("#lobby");
        assertThat(bea.lines()).doesNotContain("rhea: release-notes.txt (29 B)");
        bea.open("#dev");

        Path shot = screenshotPath();
        Files.createDirectories(shot.getParent());
        Files.write(shot, ((TakesScreenshot) bea.driver).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void olderHistoryIsLoadedOnDemand() throws Exception {
        try (TestClient tim = TestClient.login(chat.port(), "tim")) {
            for (int i = 1; i <= 60; i++) {
                tim.send(new ClientEvent.Send("old " + i, null, "h" + i));
            }
            tim.await(ServerEvent.Ack.class, a -> "h60".equals(a.ref()));
        }
        ada.login(base(), "hana");
        ada.awaitLine("tim: old 60");
        assertThat(ada.lines()).doesNotContain("tim: old 1");
        ada.driver.findElement(By.id("older")).click();
        ada.awaitLine("tim: old 1");
        java.util.List<String> lines = ada.lines();
        assertThat(lines.indexOf("tim: old 1")).isLessThan(lines.indexOf("tim: old 2"));
        assertThat(java.util.Collections.frequency(lines, "tim: old 30")).isEqualTo(1);
    }

    @Test
    void onAPhoneTheSidebarFoldsAway() throws Exception {
        ada.login(base(), "pia");
        org.openqa.selenium.Dimension desktop = ada.driver.manage().window().getSize();
        try {
            ada.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 800));
            ada.await().until(d -> d.findElement(By.id("menu")).isDisplayed() && !d.findElement(By.id("side")).isDisplayed());
            ada.driver.findElement(By.id("menu")).click();
            ada.await().until(d -> d.findElement(By.id("side")).isDisplayed());
            ada.driver.findElement(By.cssSelector("button[data-conv='#lobby']")).click();
            ada.await().until(d -> !d.findElement(By.id("side")).isDisplayed());
            ada.say("typed on a phone");
            ada.awaitLine("pia: typed on a phone");
            assertThat((Boolean) ((org.openqa.selenium.JavascriptExecutor) ada.driver).executeScript(
                    "return document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scrolling").isTrue();
            Files.write(Path.of("target/web-client-phone.png"), ((TakesScreenshot) ada.driver).getScreenshotAs(OutputType.BYTES));
        } finally {
            ada.driver.manage().window().setSize(desktop);
        }
    }

    @Test
    void aRegisteredNameLogsInWithItsPasswordOnly() throws Exception {
        try (TestClient owner = TestClient.login(chat.port(), "acct")) {
            owner.send(new ClientEvent.Register("correct horse battery", "r"));
            owner.await(ServerEvent.Ack.class, a -> "r".equals(a.ref()));
        }
        ada.driver.get(base() + "/");
        ada.driver.findElement(By.id("user")).sendKeys("acct");
        ada.driver.findElement(By.id("login-button")).click();
        ada.await().until(d -> d.findElement(By.id("login-error")).getText().startsWith("auth_required"));
        assertThat(ada.driver.findElement(By.id("login")).isDisplayed()).isTrue();

        ada.driver.findElement(By.id("password")).sendKeys("correct horse battery");
        ada.driver.findElement(By.id("login-button")).click();
        ada.await().until(d -> "acct".equals(d.findElement(By.id("me")).getText()));
        assertThat(ada.driver.getCurrentUrl()).doesNotContain("horse");
        assertThat(ada.driver.findElement(By.id("password")).getAttribute("value")).isEmpty();
    }

    @Test
    void aFileDroppedOnThePageIsSent() {
        ada.login(base(), "dora");
        bea.login(base(), "dean");
        // what a drag from the desktop delivers: a drop event whose DataTransfer holds a File
        ((org.openqa.selenium.JavascriptExecutor) ada.driver).executeScript("""
                const data = new DataTransfer();
                data.items.add(new File(["dropped bytes"], "dropped.txt", { type: "text/plain" }));
                const main = document.getElementById("main");
                main.dispatchEvent(new DragEvent("dragover", { dataTransfer: data, bubbles: true, cancelable: true }));
                main.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
                """);
        bea.awaitLine("dora: dropped.txt (13 B)");
        ada.awaitLine("dora: dropped.txt (13 B)");
    }

    @Test
    void markupInAMessageIsShownAsText() {
        ada.login(base(), "ann");
        bea.login(base(), "ben");
        String markup = "<img src=x onerror=alert(1)>";
        ada.say(markup);
        bea.awaitLine("ann: " + markup);
        assertThat(bea.driver.findElements(By.cssSelector("#messages img"))).isEmpty();
        assertThatThrownBy(() -> bea.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(ada.driver.findElements(By.cssSelector("#messages img"))).isEmpty();
    }

    @Test
    void aBrowserUserAndAChat1UserExchangeMessagesAndFilesByteForByte() throws Exception {
        ada.login(base(), "alma");
        try (TestClient cy = TestClient.login(chat.port(), "cy")) {
            ada.say("hi cy");
            assertThat(cy.await(ServerEvent.ChatMessage.class, m -> m.from().equals("alma")).text()).isEqualTo("hi cy");
            cy.send(new ClientEvent.Send("hi alma", null, "c1"));
            ada.awaitLine("cy: hi alma");

            // browser -> CHAT/1: picked with the file input, streamed over HTTP, fetched with D frames
            byte[] fromBrowser = random(700_000, 1);
            Path upload = dir.resolve("from browser.bin");
            Files.write(upload, fromBrowser);
            ada.attach(upload);
            ServerEvent.FileAvailable offered = cy.await(ServerEvent.FileAvailable.class);
            assertThat(offered.name()).isEqualTo("from browser.bin");
            assertThat(offered.sha256()).isEqualTo(sha256(fromBrowser));
            assertThat(downloadOverChat1(cy, offered)).isEqualTo(fromBrowser);
            ada.awaitLine("alma: from browser.bin (683.6 KiB)");

            // CHAT/1 -> browser: uploaded in D frames, followed as a link by the browser
            byte[] fromCy = random(600_000, 2);
            uploadOverChat1(cy, "for alma.bin", fromCy);
            ada.awaitLine("cy: for alma.bin (585.9 KiB)");
            ada.driver.findElement(By.linkText("for alma.bin")).click();
            Path saved = ada.downloads.resolve("for alma.bin");
            ada.await().withMessage(() -> "download of " + saved + ": " + listing(ada.downloads) + "; fetch: "
                            + ((org.openqa.selenium.JavascriptExecutor) ada.driver).executeAsyncScript(
                            "const done = arguments[arguments.length - 1];"
                                    + "fetch(document.querySelector('a.file:last-of-type').href).then(r => done(r.status + ' ' + r.headers.get('content-disposition')), e => done(String(e)));"))
                    .until(d -> Files.exists(saved) && sizeOf(saved) == fromCy.length);
            assertThat(Files.readAllBytes(saved)).isEqualTo(fromCy);
        }
    }

    /** docs/images/web-client.png when asked for (-Dweb.screenshot=docs), else under target/. */
    private static Path screenshotPath() {
        return "docs".equals(System.getProperty("web.screenshot"))
                ? Path.of("../docs/images/web-client.png") : Path.of("target/web-client.png");
    }

    private static String listing(Path dir) {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName() + "=" + sizeOf(p)).toList().toString();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (Exception e) {
            return -1;
        }
    }

    static byte[] downloadOverChat1(TestClient client, ServerEvent.FileAvailable file) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        client.onData(d -> bytes.write(d.data(), 0, d.data().length));
        client.send(new ClientEvent.Download(file.file(), 0L, "d1"));
        client.await(ServerEvent.DownloadEnd.class);
        return bytes.toByteArray();
    }

    static ServerEvent.Ack uploadOverChat1(TestClient client, String name, byte[] content) throws Exception {
        client.send(new ClientEvent.Upload(name, (long) content.length, sha256(content), null, null, "u1"));
        ServerEvent.UploadReady ready = client.await(ServerEvent.UploadReady.class);
        for (int at = 0; at < content.length; at += ready.chunk()) {
            int len = Math.min(ready.chunk(), content.length - at);
            client.sendRaw(FrameEncoder.data(ready.file(), at, content, at, len));
        }
        return client.await(ServerEvent.Ack.class, a -> "u1".equals(a.ref()));
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
