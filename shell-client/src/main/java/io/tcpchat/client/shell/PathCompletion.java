package io.tcpchat.client.shell;

import org.springframework.shell.core.command.completion.CompletionProposal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Local paths for {@code sendfile}, in the form they were typed: {@code ~/my r<TAB>} proposes
 * {@code ~/my report.txt} (Spring Shell's own provider knows no {@code ~}). The proposals are
 * plain text; the line parser ({@link ChatLineParser}) escapes a space or quote as they are
 * inserted, and the command parser reads them back.
 */
final class PathCompletion {

    private final Path home;
    private final Path cwd;

    PathCompletion(Path home, Path cwd) {
        this.home = home;
        this.cwd = cwd;
    }

    List<CompletionProposal> complete(String typed) {
        String word = typed == null ? "" : typed;
        if (word.equals("~")) {
            return List.of(new CompletionProposal("~/").complete(false));
        }
        int slash = word.lastIndexOf('/');
        String dirPart = word.substring(0, slash + 1);
        String prefix = word.substring(slash + 1);
        Path dir;
        try {
            dir = dirPart.isEmpty() ? cwd
                    : dirPart.startsWith("~/") ? home.resolve(dirPart.substring(2))
                    : cwd.resolve(dirPart);
        } catch (InvalidPathException e) {
            return List.of();
        }
        List<CompletionProposal> proposals = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.map(p -> p.getFileName().toString())
                    .filter(name -> name.startsWith(prefix))
                    .filter(name -> !name.startsWith(".") || prefix.startsWith("."))
                    .sorted()
                    .forEach(name -> {
                        boolean folder = Files.isDirectory(dir.resolve(name));
                        proposals.add(new CompletionProposal(dirPart + name + (folder ? "/" : ""))
                                .displayText(name + (folder ? "/" : "")).complete(!folder));
                    });
        } catch (IOException | SecurityException e) {
            return List.of(); // no such folder, or not ours to read
        }
        return proposals;
    }
}
