package dev.nnc.runtime.data;

import java.util.SplittableRandom;

/**
 * Seeded row orders. The algorithm is fixed, because {@code eval --split F --seed S} must find
 * the very test rows {@code train} held out: Fisher–Yates from the last index down (Durstenfeld's
 * form, as {@code java.util.Collections.shuffle}), swapping index i with
 * {@code random.nextInt(i + 1)}, drawing from {@link SplittableRandom}, whose sequence for a seed
 * is specified and the same on every JVM.
 */
public final class Shuffle {
  private Shuffle() {}

  /** The row indices 0 .. rows−1 in the order the seed gives. */
  public static int[] rows(int rows, long seed) {
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) order[i] = i;
    inPlace(order, new SplittableRandom(seed));
    return order;
  }

  /** Shuffles {@code indices} in place, allocating nothing (for the per-epoch reshuffle). */
  public static void inPlace(int[] indices, SplittableRandom random) {
    for (int i = indices.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = indices[i];
      indices[i] = indices[j];
      indices[j] = swap;
    }
  }
}
