package io.edgellm.engine.quantize;

import io.edgellm.engine.tensor.GGMLType;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The storage types a quantized model uses, named like llama.cpp's file types. A scheme has a
 * base type for the weight matrices and follows llama.cpp's main exceptions: the output head
 * (or the tied embedding that serves as head) is kept at Q6_K under 4- and 5-bit schemes, and the
 * "M" mixes give attention values and MLP down-projections more bits in some blocks.
 */
public enum QuantizationScheme {
    F32(GGMLType.F32, 0),
    F16(GGMLType.F16, 1),
    BF16(GGMLType.BF16, 32),
    Q8_0(GGMLType.Q8_0, 7),
    Q4_0(GGMLType.Q4_0, 2),
    Q4_K(GGMLType.Q4_K, 14),
    Q4_K_M(GGMLType.Q4_K, 15),
    Q5_K(GGMLType.Q5_K, 16),
    Q6_K(GGMLType.Q6_K, 18);

    private static final Pattern BLOCK_MATRIX = Pattern.compile("blk\\.(\\d+)\\.([a-z_]+)\\.weight");

    private final GGMLType base;
    private final int fileType;

    QuantizationScheme(GGMLType base, int fileType) {
        this.base = base;
        this.fileType = fileType;
    }

    /** The type of ordinary weight matrices. */
    public GGMLType base() {
        return base;
    }

    /**
     * The one type of a scheme that stores every matrix alike, for writers that take a single type.
     *
     * @throws IllegalArgumentException for a mix (Q4_K_M), whose per-tensor rules only {@link ModelQuantizer} applies
     */
    public GGMLType singleType() {
        if (!name().equals(base.name())) {
            throw new IllegalArgumentException(this + " mixes types per tensor; write F16 and run edgellm quantize --type " + this);
        }
        return base;
    }

    /** llama.cpp's {@code general.file_type} value (enum llama_ftype) for this scheme. */
    public int fileType() {
        return fileType;
    }

    /**
     * The type the 2-D weight {@code tensorName} of a model of {@code blockCount} blocks should get:
     * the head (or the embedding when it doubles as head) takes {@link #head()}, block matrices
     * {@link #blockMatrix}, other matrices the base type. Its rows may not be whole blocks of it:
     * see {@link #fitting}.
     */
    public GGMLType wantedType(String tensorName, int blockCount, boolean tiedEmbeddings) {
        GGMLType wanted;
        Matcher m = BLOCK_MATRIX.matcher(tensorName);
        if (tensorName.equals("output.weight") || (tiedEmbeddings && tensorName.equals("token_embd.weight"))) {
            wanted = head();
        } else if (m.matches()) {
            wanted = blockMatrix(m.group(2), Integer.parseInt(m.group(1)), blockCount);
        } else {
            wanted = base;
        }
        return wanted;
    }

    /** {@code wanted} when rows of {@code rowLength} are whole blocks of it, else Q8_0 if they fit it, else F16. */
    public static GGMLType fitting(GGMLType wanted, long rowLength) {
        if (rowLength % wanted.blockSize() == 0) {
            return wanted;
        }
        return rowLength % GGMLType.Q8_0.blockSize() == 0 ? GGMLType.Q8_0 : GGMLType.F16;
    }

    /** The type of the output head: Q6_K for schemes below 6 bits, as llama.cpp does. */
    GGMLType head() {
        return switch (this) {
            case Q4_0, Q4_K, Q4_K_M, Q5_K -> GGMLType.Q6_K;
            default -> base;
        };
    }

    /**
     * The type of a block's matrix: in the M mix, {@code attn_v} and {@code ffn_down} of the first
     * and last eighth of the blocks and of every third block between take Q6_K (llama.cpp's
     * "use_more_bits" rule).
     */
    GGMLType blockMatrix(String role, int block, int blockCount) {
        if (this == Q4_K_M && (role.equals("attn_v") || role.equals("ffn_down")) && moreBits(block, blockCount)) {
            return GGMLType.Q6_K;
        }
        return base;
    }

    private static boolean moreBits(int block, int blockCount) {
        return block < blockCount / 8 || block >= 7 * blockCount / 8 || (block - blockCount / 8) % 3 == 2;
    }

    /** Parses a scheme name such as {@code q4_k_m}, case-insensitive. */
    public static QuantizationScheme parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown quantization type '" + name + "' (known: "
                    + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")) + ")");
        }
    }
}
