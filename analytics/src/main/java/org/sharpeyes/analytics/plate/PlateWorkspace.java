package org.sharpeyes.analytics.plate;

import org.sharpeyes.analytics.onnx.Scratch;

/**
 * The native memory one locate, read or candidate call works in, each part grown to the largest
 * call it has served and reused by every call it is lent to.
 *
 * @param pixels 8-bit images, one at a time: the region scaled for detection, the text mask, a
 *               crop's HSV, a crop scaled for recognition, the region scaled for the candidate step
 * @param input  the model input tensor (detection, then recognition)
 * @param output the model output tensor, pinned so that ONNX Runtime writes it in place
 * @param grey   the candidate step's grey image, then its edge mask
 * @param edges  the candidate step's signed horizontal gradient
 * @param kit    the JavaCPP objects every step reuses
 */
record PlateWorkspace(Scratch pixels, Scratch input, Scratch output, Scratch grey, Scratch edges, PlateKit kit)
        implements AutoCloseable {
    PlateWorkspace() {
        this(new Scratch(0), new Scratch(0), new Scratch(0), new Scratch(0), new Scratch(0), new PlateKit());
    }

    @Override
    public void close() {
        pixels.close();
        input.close();
        output.close();
        grey.close();
        edges.close();
        kit.close();
    }
}
