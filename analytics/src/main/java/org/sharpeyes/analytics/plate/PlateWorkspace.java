package org.sharpeyes.analytics.plate;

import org.sharpeyes.analytics.onnx.Scratch;

/**
 * The native memory one locate, read or candidate call works in, each part grown to the largest
 * call it has served and reused by every call it is lent to.
 *
 * @param pixels 8-bit images, one at a time: the region scaled for detection, the text mask, a
 *               crop's HSV, a crop scaled for recognition
 * @param input  the model input tensor (detection, then recognition)
 * @param output the model output tensor, pinned so that ONNX Runtime writes it in place
 * @param kit    the JavaCPP objects every step reuses
 */
record PlateWorkspace(Scratch pixels, Scratch input, Scratch output, PlateKit kit)
        implements AutoCloseable {
    PlateWorkspace() {
        this(new Scratch(0), new Scratch(0), new Scratch(0), new PlateKit());
    }

    @Override
    public void close() {
        pixels.close();
        input.close();
        output.close();
        kit.close();
    }
}
