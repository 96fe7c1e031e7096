package io.edgellm.engine.gguf;

/** Metadata value types of the GGUF format, with their on-disk ids. */
public enum GGUFValueType {
    UINT8(1),
    INT8(1),
    UINT16(2),
    INT16(2),
    UINT32(4),
    INT32(4),
    FLOAT32(4),
    BOOL(1),
    STRING(-1),
    ARRAY(-1),
    UINT64(8),
    INT64(8),
    FLOAT64(8);

    private static final GGUFValueType[] BY_ID = values();

    private final int fixedBytes;

    GGUFValueType(int fixedBytes) {
        this.fixedBytes = fixedBytes;
    }

    /** The id written in the file: the declaration order above is the format's numbering. */
    public int id() {
        return ordinal();
    }

    /** Size of one value in bytes, or -1 for variable-length types. */
    public int fixedBytes() {
        return fixedBytes;
    }

    public boolean isInteger() {
        return switch (this) {
            case UINT8, INT8, UINT16, INT16, UINT32, INT32, UINT64, INT64 -> true;
            default -> false;
        };
    }

    /** The type with this id, or null when the id is not a GGUF value type. */
    static GGUFValueType byId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
