package io.edgellm.planner.cache;

import io.edgellm.planner.profile.Precision;
import io.edgellm.planner.yaml.InvalidInputException;
import io.edgellm.planner.yaml.Quantity;
import io.edgellm.planner.yaml.YamlDocument;
import io.edgellm.planner.yaml.YamlMap;
import io.edgellm.planner.yaml.YamlNode;
import io.edgellm.planner.yaml.YamlScalar;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a cache library file; the schema is documented in docs/PLANNER.md. */
public final class CacheLibraryYaml {

    private static final List<String> ROOT_FIELDS = List.of("name", "precisions", "blocks", "models", "requests");
    private static final List<String> BLOCK_FIELDS = List.of("id", "bytes", "quantizable");
    private static final List<String> MODEL_FIELDS = List.of("id", "blocks", "latency_limit");
    private static final List<String> REQUEST_FIELDS = List.of("zipf", "spread", "latency_limit", "inference", "seed");

    private CacheLibraryYaml() {
    }

    public static CacheLibrary read(Path file) {
        return fromNode(YamlDocument.read(file));
    }

    public static CacheLibrary fromNode(YamlNode document) {
        YamlMap root = document.asMap().allowOnly(ROOT_FIELDS);
        Map<String, Double> precisions = new LinkedHashMap<>();
        if (root.has("precisions")) {
            YamlMap map = root.require("precisions").asMap();
            for (String key : map.fields().keySet()) {
                if (Precision.fromName(key).isEmpty()) {
                    throw new InvalidInputException(map.keyLocations().get(key), map.path() + "." + key,
                            "unknown precision; use f32, f16, q8_0, q4_0 or q4_k");
                }
                YamlScalar quality = map.scalar(key);
                double value = quality.positive(Quantity.FRACTION);
                if (value > 1) {
                    throw quality.error("a quality factor must be in (0, 1]");
                }
                precisions.put(key, value);
            }
            if (precisions.isEmpty()) {
                throw map.error("must list at least one precision");
            }
        } else {
            precisions.put("f16", 1.0);
        }
        YamlMap requestMap = root.require("requests").asMap().allowOnly(REQUEST_FIELDS);
        double defaultLimit = requestMap.scalar("latency_limit").positive(Quantity.SECONDS);
        CacheLibrary.Requests requests = new CacheLibrary.Requests(
                requestMap.has("zipf") ? requestMap.scalar("zipf").nonNegative(Quantity.FRACTION) : 0.8,
                requestMap.has("spread") ? requestMap.scalar("spread").nonNegative(Quantity.FRACTION) : 0.1,
                defaultLimit,
                requestMap.has("inference") ? requestMap.scalar("inference").nonNegative(Quantity.SECONDS) : 0,
                requestMap.has("seed") ? requestMap.scalar("seed").asLong() : 1);

        List<CacheLibrary.Block> blocks = new ArrayList<>();
        Set<String> blockIds = new HashSet<>();
        for (YamlNode item : root.require("blocks").asList().nonEmpty().items()) {
            YamlMap map = item.asMap().allowOnly(BLOCK_FIELDS);
            String id = map.string("id");
            if (!blockIds.add(id)) {
                throw map.scalar("id").error("block '" + id + "' is defined twice");
            }
            blocks.add(new CacheLibrary.Block(id, map.scalar("bytes").positive(Quantity.BYTES),
                    !map.has("quantizable") || map.scalar("quantizable").asBoolean()));
        }
        List<CacheLibrary.Model> models = new ArrayList<>();
        Set<String> modelIds = new HashSet<>();
        for (YamlNode item : root.require("models").asList().nonEmpty().items()) {
            YamlMap map = item.asMap().allowOnly(MODEL_FIELDS);
            String id = map.string("id");
            if (!modelIds.add(id)) {
                throw map.scalar("id").error("model '" + id + "' is defined twice");
            }
            List<String> uses = new ArrayList<>();
            for (YamlNode use : map.require("blocks").asList().nonEmpty().items()) {
                String blockId = use.asScalar().asString();
                if (!blockIds.contains(blockId)) {
                    throw use.error("unknown block '" + blockId + "'");
                }
                uses.add(blockId);
            }
            double limit = map.has("latency_limit") ? map.scalar("latency_limit").positive(Quantity.SECONDS)
                    : defaultLimit;
            models.add(new CacheLibrary.Model(id, uses, limit));
        }
        return new CacheLibrary(root.string("name", "unnamed"), precisions, blocks, models, requests);
    }
}
