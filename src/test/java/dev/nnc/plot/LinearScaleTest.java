package dev.nnc.plot;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

class LinearScaleTest {
  @Test
  void ticksAreRoundNumbersInsideTheRange() {
    assertThat(new LinearScale(0, 1, 0, 100).ticks()).usingExactEquality().containsExactly(0.0, 0.2, 0.4, 0.6, 0.8, 1.0).inOrder();
    assertThat(new LinearScale(0.13, 2.31, 0, 100).ticks()).usingExactEquality().containsExactly(0.5, 1.0, 1.5, 2.0).inOrder();
    assertThat(new LinearScale(-30, 70, 0, 100).ticks()).usingExactEquality().containsExactly(-20.0, 0.0, 20.0, 40.0, 60.0).inOrder();
  }

  @Test
  void mapsLinearlyAndDownwardsWhenAsked() {
    LinearScale y = new LinearScale(0, 1, 400, 100);
    assertThat(y.map(0)).isEqualTo(400.0);
    assertThat(y.map(0.25)).isEqualTo(325.0);
  }

  @Test
  void labelsAreShort() {
    assertThat(LinearScale.label(0.0)).isEqualTo("0");
    assertThat(LinearScale.label(0.6000000000000001)).isEqualTo("0.6000000000000001");
    assertThat(LinearScale.label(1.0)).isEqualTo("1");
    assertThat(LinearScale.label(2500.0)).isEqualTo("2500");
  }
}
