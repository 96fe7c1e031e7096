package io.edgellm.engine.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates files in the project's shared fixtures folder ({@code ../shared/fixtures}), skipping tests when absent. */
public final class SharedFixtures {

    private SharedFixtures() {
    }

    /** The fixtures folder, searched upwards from the working directory; the calling test is skipped if not found. */
    public static Path dir() {
        String configured = System.getProperty("edgellm.fixtures");
        if (configured != null) {
            Path p = Path.of(configured);
            assumeTrue(Files.isDirectory(p), "fixtures folder " + p + " not present");
            return p;
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolveSibling("shared").resolve("fixtures");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        assumeTrue(false, "../shared/fixtures not present; skipping");
        throw new AssertionError("unreachable");
    }

    public static Path file(String name) {
        Path p = dir().resolve(name);
        assumeTrue(Files.isRegularFile(p), "fixture " + name + " not present");
        return p;
    }
}
