package io.tcpchat.protocol;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/protocol.md must carry the shared contract (shared/design/PROTOCOL.md) word for word:
 * the project's copy may add notes after it, never change it.
 */
class ProtocolDocumentTests {

    @Test
    void theProjectsProtocolDocumentQuotesTheContractUnchanged() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        Path contract = root.resolveSibling("shared").resolve("design").resolve("PROTOCOL.md");
        Assumptions.assumeTrue(Files.exists(contract), "shared/design/PROTOCOL.md is not beside this checkout");
        String doc = Files.readString(root.resolve("docs").resolve("protocol.md"));
        assertThat(doc).contains(Files.readString(contract).strip());
    }
}
