package dev.nnc.runtime.data;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BatchesTest {

  @Test
  void sameSeedSameOrderOtherSeedOtherOrder() {
    assertThat(Shuffle.rows(100, 7)).isEqualTo(Shuffle.rows(100, 7));
    assertThat(Shuffle.rows(100, 7)).isNotEqualTo(Shuffle.rows(100, 8));
    assertThat(Shuffle.rows(100, 7)).isNotEqualTo(identity(100));
  }

  @Test
  void theOrderForASeedIsPinned() {
    // eval --split --seed must find the rows train held out, in this and every later version.
    assertThat(Shuffle.rows(10, 0)).isEqualTo(new int[] {2, 9, 0, 7, 6, 1, 5, 3, 4, 8});
  }

  @Test
  void splitOfTheTumourTable() {
    Split split = Split.of(569, 0.75, 42);
    assertThat(split.train()).hasLength(426);
    assertThat(split.test()).hasLength(143);
    int[] all = new int[569];
    System.arraycopy(split.train(), 0, all, 0, 426);
    System.arraycopy(split.test(), 0, all, 426, 143);
    Arrays.sort(all);
    assertThat(all).isEqualTo(identity(569));
    assertThat(Split.of(569, 0.75, 42).test()).isEqualTo(split.test());
  }

  @Test
  void splitRefusesEmptyParts() {
    assertThat(assertThrows(IllegalArgumentException.class, () -> Split.of(3, 0.1, 0))).hasMessageThat().contains("no training rows");
    assertThat(assertThrows(IllegalArgumentException.class, () -> Split.of(10, 1.0, 0))).hasMessageThat().contains("between 0 and 1");
  }

  @Test
  void everyRowExactlyOncePerEpochIncludingTheShortLastBatch() {
    int[] order = Shuffle.rows(103, 1);
    Batches batches = new Batches(order.length, 10);
    assertThat(batches.count()).isEqualTo(11);
    SplittableRandom random = new SplittableRandom(5);
    for (int epoch = 0; epoch < 3; epoch++) {
      int[] seen = new int[order.length];
      for (int b = 0; b < batches.count(); b++) {
        assertThat(batches.to(b) - batches.from(b)).isEqualTo(b < 10 ? 10 : 3);
        for (int i = batches.from(b); i < batches.to(b); i++) seen[order[i]]++;
      }
      for (int count : seen) assertThat(count).isEqualTo(1);
      int[] before = order.clone();
      Shuffle.inPlace(order, random);
      assertThat(order).isNotEqualTo(before);
    }
  }

  @Test
  void batchSizeMustBePositive() {
    assertThat(assertThrows(IllegalArgumentException.class, () -> new Batches(5, 0))).hasMessageThat().contains("--batch");
  }

  private static int[] identity(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    return order;
  }
}
