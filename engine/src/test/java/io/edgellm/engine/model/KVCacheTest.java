package io.edgellm.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class KVCacheTest {

    @Test
    void growsInChunksAsPositionsArrive() {
        KVCache cache = new KVCache(3, 8, 6, 4);
        assertEquals(0, cache.allocatedBytes());
        cache.reserve(1);
        assertEquals(4, cache.capacity());
        assertEquals(3L * 4 * (8 + 6) * Float.BYTES, cache.allocatedBytes());
        cache.reserve(4);
        assertEquals(4, cache.capacity());
        cache.reserve(9);
        assertEquals(12, cache.capacity());
        assertEquals(3L * 12 * (8 + 6) * Float.BYTES, cache.allocatedBytes());
    }

    @Test
    void storesPerLayerAndPosition() {
        KVCache cache = new KVCache(2, 3, 2, 4);
        cache.reserve(6);
        float[] k = {1, 2, 3, 9, 9, 9};
        float[] v = {4, 5, 7, 7};
        cache.store(1, 5, k, 0, v, 0);
        cache.store(0, 5, k, 3, v, 2);
        float[] chunk = cache.keyChunk(1, 1);
        assertEquals(1, chunk[3]);
        assertEquals(3, chunk[5]);
        assertEquals(5, cache.valueChunk(1, 1)[3]);
        assertEquals(9, cache.keyChunk(0, 1)[3]);
        assertEquals(7, cache.valueChunk(0, 1)[2]);
    }

    @Test
    void truncateKeepsStorageAndResetReleasesIt() {
        KVCache cache = new KVCache(1, 2, 2, 4);
        cache.reserve(10);
        cache.extendTo(10);
        cache.truncate(3);
        assertEquals(3, cache.length());
        assertEquals(12, cache.capacity());
        assertThrows(IllegalArgumentException.class, () -> cache.truncate(4));
        assertThrows(IllegalArgumentException.class, () -> cache.truncate(-1));
        cache.reset();
        assertEquals(0, cache.length());
        assertEquals(0, cache.allocatedBytes());
        assertThrows(IllegalStateException.class, () -> cache.extendTo(1));
    }
}
