package org.sharpeyes.analytics.face;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.sharpeyes.analytics.onnx.Wire;
import org.sharpeyes.analytics.onnx.Wire.Field;

/**
 * Rewrites the BlazeFace export so that it takes a batch of inputs of any height and width
 * (multiples of 32), not only one of the square it was exported at. The network is convolutional
 * throughout; only the export's constants pin the size: the inputs' and outputs' declared shapes,
 * the zero blocks ({@code ConstantOfShape}) concatenated to widen the channels before a residual
 * add, and the batch and anchor counts of the final {@code Reshape}s. The zero blocks become
 * {@code Pad}s of the channel axis, the Reshapes keep the batch and infer the anchors, the declared
 * sizes are symbolic. A motion region then runs as one input
 * of its own shape instead of several overlapping squares (BENCHMARKS.md, ninth round). At the
 * exported size the rewritten model gives the same outputs but for float rounding ({@code AnyInputSizeTest}).
 */
final class AnyInputSize {
    // ONNX field numbers (onnx.proto)
    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    private static final int GRAPH_VALUE_INFO = 13;
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_OP_TYPE = 4;
    private static final int NODE_ATTRIBUTE = 5;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_INT64_DATA = 7;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int INT64 = 7;
    private static final int VALUE_INFO_TYPE = 2;
    private static final int TYPE_TENSOR = 1;
    private static final int TENSOR_TYPE_SHAPE = 2;
    private static final int SHAPE_DIM = 1;
    private static final int DIM_PARAM = 2;

    private AnyInputSize() {
    }

    /** The rewritten model; an export not shaped as expected is an IllegalStateException. */
    static byte[] of(byte[] model) {
        List<Field> fields = new ArrayList<>(Wire.parse(model));
        int graphs = 0;
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).number() == MODEL_GRAPH) {
                fields.set(i, Field.message(MODEL_GRAPH, graph(fields.get(i).fields())));
                graphs++;
            }
        }
        if (graphs != 1) {
            throw new IllegalStateException("the face model has " + graphs + " graphs, expected 1");
        }
        return Wire.write(fields);
    }

    private static List<Field> graph(List<Field> graph) {
        Map<String, List<Field>> initializers = new HashMap<>();
        Map<String, List<Field>> producers = new HashMap<>();
        for (Field f : graph) {
            if (f.number() == GRAPH_INITIALIZER) {
                List<Field> tensor = f.fields();
                initializers.put(text(tensor, TENSOR_NAME), tensor);
            } else if (f.number() == GRAPH_NODE) {
                List<Field> node = f.fields();
                for (String out : texts(node, NODE_OUTPUT)) {
                    producers.put(out, node);
                }
            }
        }
        Set<String> dropped = new HashSet<>(); // ConstantOfShape outputs and the shapes they were made of
        Map<String, List<Field>> edited = new LinkedHashMap<>(); // initializers by name, rewritten or new
        List<Field> out = new ArrayList<>();
        for (Field f : graph) {
            switch (f.number()) {
                case GRAPH_NODE -> {
                    List<Field> node = f.fields();
                    String op = text(node, NODE_OP_TYPE);
                    if (op.equals("ConstantOfShape")) {
                        continue; // each one's only use became a Pad below, checked there
                    }
                    if (op.equals("Concat")) {
                        node = channelPad(node, producers, initializers, dropped, edited);
                    } else if (op.equals("Reshape")) {
                        String shape = texts(node, NODE_INPUT).get(1);
                        edited.put(shape, anyAnchorCount(initializers.get(shape), shape));
                    }
                    out.add(Field.message(GRAPH_NODE, node));
                }
                case GRAPH_INPUT -> out.add(symbolic(f, Map.of(0, "batch", 1, "height", 2, "width")));
                case GRAPH_OUTPUT -> out.add(symbolic(f, Map.of(0, "batch", 1, "anchors")));
                case GRAPH_VALUE_INFO -> {
                    // the export's inferred shapes hold the old size; they are hints, ONNX Runtime infers them again
                }
                default -> out.add(f);
            }
        }
        // once every node is seen: initializers are looked up by name, rewritten ones replace theirs, new ones go last
        List<Field> kept = new ArrayList<>();
        for (Field f : out) {
            String name = f.number() == GRAPH_INITIALIZER ? text(f.fields(), TENSOR_NAME) : null;
            if (name == null) {
                kept.add(f);
            } else if (!dropped.contains(name)) {
                List<Field> tensor = edited.remove(name);
                kept.add(tensor == null ? f : Field.message(GRAPH_INITIALIZER, tensor));
            }
        }
        edited.values().forEach(t -> kept.add(Field.message(GRAPH_INITIALIZER, t)));
        long left = producers.values().stream().filter(n -> text(n, NODE_OP_TYPE).equals("ConstantOfShape")
                && !dropped.containsAll(texts(n, NODE_OUTPUT))).count();
        if (left > 0) {
            throw new IllegalStateException("the face model has " + left + " ConstantOfShape nodes that widen no channels");
        }
        return kept;
    }

    /** {@code Concat(x, zeros[1,C,h,w], axis=1)} as {@code Pad(x, pads = C zero channels at the end)}. */
    private static List<Field> channelPad(List<Field> concat, Map<String, List<Field>> producers,
            Map<String, List<Field>> initializers, Set<String> dropped, Map<String, List<Field>> edited) {
        List<String> inputs = texts(concat, NODE_INPUT);
        List<Field> zeros = inputs.size() == 2 ? producers.get(inputs.get(1)) : null;
        if (zeros == null || !text(zeros, NODE_OP_TYPE).equals("ConstantOfShape") || has(zeros, NODE_ATTRIBUTE)) {
            throw new IllegalStateException("the face model has a Concat that is not a channel widening: " + inputs);
        }
        String shapeName = texts(zeros, NODE_INPUT).get(0);
        long[] shape = int64s(initializers.get(shapeName), shapeName);
        if (shape.length != 4) {
            throw new IllegalStateException("the face model's zero block " + shapeName + " is not 4-D");
        }
        dropped.add(inputs.get(1));
        dropped.add(shapeName);
        String padsName = inputs.get(1) + "/channels";
        edited.put(padsName, int64Tensor(padsName, new long[] {0, 0, 0, 0, 0, shape[1], 0, 0}));
        List<Field> pad = new ArrayList<>();
        boolean first = true;
        for (Field f : concat) {
            if (f.number() == NODE_INPUT) {
                pad.add(Field.string(NODE_INPUT, first ? inputs.get(0) : padsName));
                first = false;
            } else if (f.number() == NODE_OP_TYPE) {
                pad.add(Field.string(NODE_OP_TYPE, "Pad"));
            } else if (f.number() != NODE_ATTRIBUTE) { // Concat's axis; Pad's mode defaults to constant zeros
                pad.add(f);
            }
        }
        return pad;
    }

    /** A Reshape's target {@code [1, anchors, width]} as {@code [0, -1, width]}: 0 keeps the input's batch. */
    private static List<Field> anyAnchorCount(List<Field> tensor, String name) {
        long[] shape = int64s(tensor, name);
        if (shape.length != 3 || shape[0] != 1) {
            throw new IllegalStateException("the face model's Reshape target " + name + " is not [1, anchors, width]");
        }
        shape[0] = 0;
        shape[1] = -1;
        return int64Tensor(name, shape);
    }

    /** A value info with the given dimensions made symbolic. */
    private static Field symbolic(Field valueInfo, Map<Integer, String> names) {
        return Field.message(valueInfo.number(), edit(valueInfo.fields(), VALUE_INFO_TYPE,
                type -> edit(type, TYPE_TENSOR, tensorType -> edit(tensorType, TENSOR_TYPE_SHAPE, shape -> {
                    List<Field> dims = new ArrayList<>();
                    int dim = 0;
                    for (Field d : shape) {
                        String name = d.number() == SHAPE_DIM ? names.get(dim++) : null;
                        dims.add(name == null ? d : Field.message(SHAPE_DIM, List.of(Field.string(DIM_PARAM, name))));
                    }
                    return dims;
                }))));
    }

    /** The message with each field {@code number}, itself a message, replaced by {@code edit} of its fields. */
    private static List<Field> edit(List<Field> message, int number, UnaryOperator<List<Field>> edit) {
        List<Field> out = new ArrayList<>();
        for (Field f : message) {
            out.add(f.number() == number ? Field.message(number, edit.apply(f.fields())) : f);
        }
        return out;
    }

    private static long[] int64s(List<Field> tensor, String name) {
        if (tensor == null) {
            throw new IllegalStateException("the face model has no initializer " + name);
        }
        long[] values = new long[0];
        for (Field f : tensor) {
            if (f.number() == TENSOR_DATA_TYPE && f.value() != INT64) {
                throw new IllegalStateException("the face model's " + name + " is not int64");
            } else if (f.number() == TENSOR_RAW_DATA) {
                ByteBuffer raw = ByteBuffer.wrap(f.bytes()).order(ByteOrder.LITTLE_ENDIAN);
                values = new long[f.bytes().length / 8];
                raw.asLongBuffer().get(values);
            } else if (f.number() == TENSOR_INT64_DATA) {
                long[] more = f.type() == Wire.BYTES ? Wire.packedVarints(f.bytes()) : new long[] {f.value()};
                long[] all = Arrays.copyOf(values, values.length + more.length);
                System.arraycopy(more, 0, all, values.length, more.length);
                values = all;
            }
        }
        return values;
    }

    private static List<Field> int64Tensor(String name, long[] values) {
        ByteBuffer raw = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        return List.of(Field.varint(TENSOR_DIMS, values.length), Field.varint(TENSOR_DATA_TYPE, INT64),
                Field.string(TENSOR_NAME, name), Field.bytes(TENSOR_RAW_DATA, raw.array()));
    }

    private static boolean has(List<Field> message, int number) {
        return message.stream().anyMatch(f -> f.number() == number);
    }

    private static String text(List<Field> message, int number) {
        return message.stream().filter(f -> f.number() == number).findFirst().map(Field::text).orElse("");
    }

    private static List<String> texts(List<Field> message, int number) {
        return message.stream().filter(f -> f.number() == number).map(Field::text).toList();
    }
}
