package io.edgellm.planner.profile;

import io.edgellm.planner.yaml.YamlDocument;
import io.edgellm.planner.yaml.YamlMap;
import io.edgellm.planner.yaml.YamlNode;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads a model shape from YAML. Field names follow llama.cpp's GGUF keys without the
 * architecture prefix; {@code head_dim} defaults to embedding_length / head_count.
 */
public final class ModelShapeYaml {

    static final List<String> FIELDS = List.of("architecture", "block_count", "embedding_length", "head_count",
            "head_count_kv", "head_dim", "feed_forward_length", "vocab_size", "tied_embeddings", "context_length");

    private ModelShapeYaml() {
    }

    public static ModelShape read(Path file) {
        return fromNode(YamlDocument.read(file));
    }

    public static ModelShape fromNode(YamlNode root) {
        YamlMap map = root.asMap().allowOnly(FIELDS);
        int blocks = map.scalar("block_count").positiveInt();
        int dim = map.scalar("embedding_length").positiveInt();
        int heads = map.scalar("head_count").positiveInt();
        int kvHeads = map.has("head_count_kv") ? map.scalar("head_count_kv").positiveInt() : heads;
        if (heads % kvHeads != 0) {
            throw map.scalar("head_count_kv").error("must divide head_count (" + heads + ")");
        }
        int headDim;
        if (map.has("head_dim")) {
            headDim = map.scalar("head_dim").positiveInt();
        } else if (dim % heads == 0) {
            headDim = dim / heads;
        } else {
            throw map.scalar("head_count").error("does not divide embedding_length; give head_dim");
        }
        return new ModelShape(map.string("architecture", "llama"), blocks, dim, heads, kvHeads, headDim,
                map.scalar("feed_forward_length").positiveInt(), map.scalar("vocab_size").positiveInt(),
                map.has("tied_embeddings") && map.scalar("tied_embeddings").asBoolean(),
                map.scalar("context_length").positiveInt());
    }
}
