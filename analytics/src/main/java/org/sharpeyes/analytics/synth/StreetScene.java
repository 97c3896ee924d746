package org.sharpeyes.analytics.synth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleFunction;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A synthetic street seen by a fixed camera, entirely determined by its seed: the street, who
 * passes when, and the light. {@link #render} draws the picture at any time with its ground truth.
 */
public final class StreetScene implements AutoCloseable {
    /** Objects less visible than this are partial. */
    static final double PARTIAL = 0.5;
    /** Smallest whole-object widths (px) the truth records: below them there is nothing to read or find. */
    static final int MIN_PLATE_WIDTH = 12;
    static final int MIN_FACE_WIDTH = 8;

    /**
     * A drawn picture (owned by the scene and overwritten by the next render) and what is in it.
     */
    public record Frame(Mat image, List<GroundTruth.Plate> plates, List<GroundTruth.Face> faces, Look look) {
    }

    private final Street street;
    private final List<Actor> actors;
    private final List<double[]> quiet;
    private final DoubleFunction<Look> looks;
    private final Canvas canvas;

    private StreetScene(Street street, List<Actor> actors, List<double[]> quiet, DoubleFunction<Look> looks) {
        this.street = street;
        this.actors = actors;
        this.quiet = quiet;
        this.looks = looks;
        this.canvas = new Canvas(street.camera);
    }

    /** A video's scene: traffic and pedestrians for {@code seconds}, with quiet spells. */
    public static StreetScene video(int width, int height, double seconds, long seed, Astronaut astronaut) {
        Random rnd = new Random(seed);
        Street street = Street.build(Camera.street(width, height, rnd), rnd);
        Traffic.Plan plan = Traffic.plan(street, astronaut, seconds, rnd);
        return new StreetScene(street, plan.actors(), plan.quiet(), plan.looks());
    }

    /**
     * A still: several vehicles and people at once, seen at time 0 under one random look;
     * still number {@code index} of a set shows the formats after those of the one before.
     */
    public static StreetScene still(int width, int height, long seed, int index, Astronaut astronaut) {
        Random rnd = new Random(seed);
        Street street = Street.build(Camera.street(width, height, rnd), rnd);
        List<Actor> actors = StillLayout.compose(street, astronaut, index, rnd);
        Look look = StillLayout.look(rnd);
        return new StreetScene(street, actors, List.of(), t -> look);
    }

    /** Spells [start, end] in seconds with nothing moving. */
    public List<double[]> quiet() {
        return quiet;
    }

    /** The picture at time t; {@code noiseSeed} fixes its sensor noise. */
    public Frame render(double t, long noiseSeed) {
        List<Actor> present = new ArrayList<>(street.props);
        for (Actor a : actors) {
            if (a.present(t)) {
                present.add(a);
            }
        }
        Camera camera = street.camera;
        present.sort(Comparator.comparingDouble((Actor a) -> a.depth(camera, t)).reversed());
        List<Drawn> drawn = new ArrayList<>();
        try (PointerScope scope = new PointerScope()) {
            canvas.reset(street.background);
            for (Actor a : present) {
                drawn.addAll(a.draw(canvas, t));
            }
        }
        List<GroundTruth.Plate> plates = new ArrayList<>();
        List<GroundTruth.Face> faces = new ArrayList<>();
        for (Drawn d : drawn) {
            int minWidth = d instanceof Drawn.Plate ? MIN_PLATE_WIDTH : MIN_FACE_WIDTH;
            Canvas.Visible v = d.bounds().width() >= minWidth ? canvas.visible(d.label(), d.bounds()) : null;
            if (v == null) {
                continue;
            }
            boolean partial = v.pixels() < PARTIAL * d.area();
            if (d instanceof Drawn.Plate p) {
                plates.add(new GroundTruth.Plate(p.text(), p.style(), v.box(), p.trackId(), partial));
            } else {
                faces.add(new GroundTruth.Face(v.box(), d.trackId(), partial));
            }
        }
        Look look = looks.apply(t);
        look.apply(canvas.frame, street.shadow, noiseSeed);
        return new Frame(canvas.frame, plates, faces, look);
    }

    @Override
    public void close() {
        canvas.close();
        actors.forEach(Actor::close);
        street.close();
    }
}
