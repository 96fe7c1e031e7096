package io.edgellm.cli;

import java.nio.file.Path;

/** Where generated files are kept between runs: {@code $EDGELLM_CACHE}, or {@code ~/.cache/edgellm}. */
public final class CacheDir {

    private CacheDir() {
    }

    public static Path path() {
        String cache = System.getenv("EDGELLM_CACHE");
        return cache != null ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache", "edgellm");
    }
}
