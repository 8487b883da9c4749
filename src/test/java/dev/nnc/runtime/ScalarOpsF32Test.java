package dev.nnc.runtime;

import static com.google.common.truth.Truth.assertWithMessage;

import org.junit.jupiter.api.Test;

/** The single-precision forms must round to (nearly) the float that the exact forms round to. */
class ScalarOpsF32Test {
  @Test
  void tanhIsWithinFloatUlps() {
    for (float x = -12f; x < 12f; x = Math.nextUp(x)) {
      if (Math.abs(x) > 1e-3f && (Float.floatToRawIntBits(x) & 0x3ff) != 0) continue;  // a sample
      double exact = Math.tanh(x);
      double ulps = Math.abs((float) ScalarOps.tanhF32(x) - exact) / Math.ulp((float) exact);
      assertWithMessage("tanh(%s)", x).that(ulps).isAtMost(2.5);
    }
    assertWithMessage("tanh(-0)").that(1 / ScalarOps.tanhF32(-0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertWithMessage("tanh(1000)").that((float) ScalarOps.tanhF32(1000)).isEqualTo(1f);
  }

  @Test
  void bceLogitsMatchesTheExactForm() {
    for (double z = -1000; z <= 1000; z += z > -30 && z < 30 ? 0.001 : 1) {
      for (double y : new double[] {0, 0.3, 1}) {
        double exact = ScalarOps.bceLogits(z, y);
        assertWithMessage("bce(%s, %s)", z, y).that(ScalarOps.bceLogitsF32(z, y)).isWithin(1e-14 * Math.max(1, Math.abs(exact))).of(exact);
      }
    }
  }
}
