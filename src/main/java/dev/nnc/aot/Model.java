package dev.nnc.aot;

import dev.nnc.runtime.CompiledProgram;
import dev.nnc.runtime.Dtype;
import dev.nnc.runtime.Variant;
import dev.nnc.runtime.Workspace;
import dev.nnc.runtime.io.ModelSignature;
import dev.nnc.runtime.io.Weights;
import dev.nnc.runtime.io.WeightsFile;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The Java API of a jar made by {@code nnc compile}: the model built into the jar, with no
 * compiler. Put the jar on the class path and:
 *
 * <pre>{@code
 * Model model = Model.builtIn();
 * Workspace ws = model.example(null);          // one example in double precision, initial parameters
 * ws.set("x0", -1).set("w0", 2);               // inputs and parameters by name
 * ws.forward();  ws.value("f");                // the forward pass
 * ws.backward(); ws.gradient("w0");            // d f / d w0
 *
 * Weights w = model.readWeights(Path.of("xor.weights"));   // from nnc train --save, checked
 * Workspace trained = model.example(w);
 *
 * Training t = model.training("adam", 0.01, 0); // parameters initialised from seed 0
 * double loss = t.step(features, labels);       // one step on up to batch() rows
 * t.save(Path.of("mine.weights"));              // nnc run/eval and this API read it back
 * }</pre>
 *
 * A {@link Workspace} is not thread-safe (make one per thread); the model itself is shareable.
 */
public final class Model {
  private final JarClasses classes;
  private final Catalog catalog;

  private Model(JarClasses classes) {
    this.classes = classes;
    this.catalog = classes.catalog();
  }

  /** The model of the jar on the class path. */
  public static Model builtIn() {
    return new Model(JarClasses.builtIn());
  }

  /** The model's name (its {@code model} block, or its file's). */
  public String name() {
    return catalog.info().name();
  }

  /** The variable whose gradient {@link Workspace#backward()} computes; null without one. */
  public String objective() {
    return catalog.info().objective();
  }

  /** The largest number of rows a training step takes (the jar's {@code --batch}). */
  public int batch() {
    return catalog.batch();
  }

  /** The training precision (the jar's {@code --dtype}). */
  public Dtype dtype() {
    return catalog.dtype();
  }

  /**
   * A workspace for one example in double precision, whose backward pass gives the gradient of
   * every input and parameter (as {@code grad}); its parameters are {@code weights}' or, for null,
   * their initial values (seed 0).
   */
  public Workspace example(Weights weights) {
    CompiledProgram program = classes.load(Variant.grad(null));
    Workspace ws = program.newWorkspace(0);
    if (weights != null) weights.applyTo(program, ws.arena());
    return ws;
  }

  /** Weights from a file written by {@code nnc train --save} or {@link Training#save}, checked against this model. */
  public Weights readWeights(Path file) throws IOException {
    return WeightsFile.read(file, signature());
  }

  /**
   * Training in the jar's precision: {@code sgd}, {@code momentum} or {@code adam} (PyTorch's
   * formulas, as {@code nnc train --optimizer}), parameters initialised from {@code seed}.
   */
  public Training training(String optimizer, double lr, long seed) {
    return new Training(classes, signature(), optimizer, lr, seed);
  }

  ModelSignature signature() {
    return ModelSignature.of(classes.load(Variant.forward(Dtype.F64, 1, java.util.Map.of())));
  }
}
