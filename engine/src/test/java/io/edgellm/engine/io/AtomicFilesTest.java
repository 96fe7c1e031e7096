package io.edgellm.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path tmp;

    private static AtomicFiles.Content text(String s) {
        return out -> out.write(ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)));
    }

    private List<Path> folder() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.toList();
        }
    }

    @Test
    void writesAndReplacesInNewFolders() throws IOException {
        Path target = tmp.resolve("a/b/file.txt");
        AtomicFiles.write(target, text("first"));
        AtomicFiles.write(target, text("second"));
        assertEquals("second", Files.readString(target));
        try (Stream<Path> s = Files.list(target.getParent())) {
            assertEquals(List.of(target), s.toList(), "no temporary file left beside the target");
        }
    }

    @Test
    void finishedFilesAreReadableByOthersNotPrivateLikeTemporaryFiles() throws IOException {
        Path target = tmp.resolve("model.gguf");
        AtomicFiles.write(target, text("x"));
        assumeTrue(Files.getFileAttributeView(target, PosixFileAttributeView.class) != null, "POSIX permissions");
        assertTrue(Files.getPosixFilePermissions(target).contains(PosixFilePermission.OTHERS_READ));
    }

    @Test
    void failureLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = tmp.resolve("file.txt");
        AtomicFiles.write(target, text("old"));
        AtomicFiles.Content failing = out -> {
            text("partial").writeTo(out);
            throw new IOException("disk full");
        };
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, failing));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(target), folder());
    }

    @Test
    void failureWithoutAnOldFileLeavesNothing() throws IOException {
        Path target = tmp.resolve("new.txt");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, out -> {
            throw new IllegalStateException("bad input");
        }));
        assertEquals(List.of(), folder());
    }
}
