package dev.nnc.opt;

import static com.google.common.truth.Truth.assertThat;

import dev.nnc.Nnc;
import dev.nnc.ir.IrPrinter;
import org.junit.jupiter.api.Test;

/** The rewrite rules leave what a person would write. */
class SimplifierTest {

  private static String simplified(String program) {
    String text = IrPrinter.print(Nnc.compile("t.nn", program).program());
    return text.substring(text.indexOf('\n', text.lastIndexOf("input ")) + 1);
  }

  @Test
  void identitiesDisappear() {
    assertThat(simplified("f = (a * 1 + 0) * (b + 0 * c) / 1")).isEqualTo("f = a * b\n");
  }

  @Test
  void constantsFold() {
    assertThat(simplified("f = a * (2 + 3 * 4) - -(1)")).isEqualTo("t1 = a * 14\nf = t1 + 1\n");
  }

  @Test
  void commonSubexpressionsAreShared() {
    assertThat(simplified("f = exp(a * b) + exp(a * b)")).isEqualTo("t1 = a * b\nt2 = exp(t1)\nf = 2 * t2\n");
  }

  @Test
  void doubleNegationAndNegatedSums() {
    assertThat(simplified("f = -(-a) + -b")).isEqualTo("f = a - b\n");
  }

  @Test
  void powersOfOneAndZero() {
    assertThat(simplified("f = a ^ 1 + b ^ 0")).isEqualTo("f = a + 1\n");
  }
}
