package io.edgellm.engine.tensor;

/** A tensor is stored in a type the engine can read but cannot compute with. */
public final class UnsupportedTensorTypeException extends RuntimeException {

    private final GGMLType type;

    public UnsupportedTensorTypeException(GGMLType type) {
        super("tensor type " + type + " is not supported for computation (supported: F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q5_K, Q6_K)");
        this.type = type;
    }

    public GGMLType type() {
        return type;
    }
}
