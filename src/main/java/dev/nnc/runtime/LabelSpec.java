package dev.nnc.runtime;

import java.util.Random;

/**
 * What a valid value of a label is for the loss that reads it, so that labels not given can be
 * drawn (SPEC.md: "labels: valid for the loss") and data can be checked: a class index in
 * [0, classes), a one-hot vector, a 0/1 target, or any real number.
 */
public record LabelSpec(Kind kind, int classes) {
  public enum Kind { CLASS_INDEX, ONE_HOT, BINARY, REAL }

  public static final LabelSpec REAL = new LabelSpec(Kind.REAL, 0);

  /** Fills one example's label (its {@code out.length} elements) with a valid random value. */
  public void draw(double[] out, Random random) {
    switch (kind) {
      case CLASS_INDEX -> out[0] = random.nextInt(classes);
      case ONE_HOT -> {
        java.util.Arrays.fill(out, 0);
        out[random.nextInt(classes)] = 1;
      }
      case BINARY -> {
        for (int i = 0; i < out.length; i++) out[i] = random.nextBoolean() ? 1 : 0;
      }
      case REAL -> {
        for (int i = 0; i < out.length; i++) out[i] = random.nextGaussian();
      }
    }
  }
}
