package io.edgellm.engine.model;

import io.edgellm.engine.gguf.GGUFException;
import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.gguf.GGUFTensorInfo;
import io.edgellm.engine.tensor.GGMLType;
import io.edgellm.engine.tensor.UnsupportedTensorTypeException;
import io.edgellm.engine.tensor.WeightMatrices;
import io.edgellm.engine.tensor.WeightMatrix;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Looks tensors up by name and checks them against the shape the configuration implies, so that
 * a wrong file fails at load time with the file and tensor named, not later with an index error.
 */
public final class TensorReader {

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final GGUFFile file;

    public TensorReader(GGUFFile file) {
        this.file = file;
    }

    boolean has(String name) {
        return file.findTensor(name).isPresent();
    }

    /** A {@code rows × cols} matrix read in place from the mapping (GGUF shape {@code [cols, rows]}). */
    public WeightMatrix matrix(String name, int rows, int cols) {
        GGUFTensorInfo info = checked(name, cols, rows);
        return asMatrix(info, rows, cols);
    }

    /** A small vector (norm weights, biases, RoPE factors) copied to the heap as floats. */
    public float[] vector(String name, int length) {
        GGUFTensorInfo info = checked(name, length, 1);
        float[] values = new float[length];
        if (info.type() == GGMLType.F32) {
            MemorySegment.copy(file.tensorData(info), F32, 0, values, 0, length);
        } else {
            asMatrix(info, 1, length).dequantizeRow(0, values, 0);
        }
        return values;
    }

    private GGUFTensorInfo checked(String name, long ne0, long ne1) {
        GGUFTensorInfo info = file.tensor(name);
        if (info.dim(0) != ne0 || info.dim(1) != ne1 || info.dim(2) != 1 || info.dim(3) != 1) {
            String expected = ne1 == 1 ? "[" + ne0 + "]" : "[" + ne0 + ", " + ne1 + "]";
            throw new GGUFException(file.path(), "tensor '" + name + "' has shape " + Arrays.toString(info.shape())
                    + " but the model configuration needs " + expected);
        }
        return info;
    }

    private WeightMatrix asMatrix(GGUFTensorInfo info, int rows, int cols) {
        try {
            return WeightMatrices.of(info.type(), file.tensorData(info), rows, cols);
        } catch (UnsupportedTensorTypeException e) {
            throw new GGUFException(file.path(), "tensor '" + info.name() + "' is stored as " + info.type()
                    + ", which the engine cannot compute with; " + e.getMessage(), e);
        }
    }
}
