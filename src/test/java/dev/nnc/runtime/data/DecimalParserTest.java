package dev.nnc.runtime.data;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DecimalParserTest {
  private static double parse(String text) {
    byte[] bytes = ("," + text + ",").getBytes(StandardCharsets.US_ASCII);
    return DecimalParser.parse(bytes, 1, bytes.length - 1);
  }

  @Test
  void writtenFormsGiveTheirValues() {
    assertThat(parse("0")).isEqualTo(0.0);
    assertThat(parse("-0")).isEqualTo(-0.0);
    assertThat(parse("1")).isEqualTo(1.0);
    assertThat(parse("+2.5")).isEqualTo(2.5);
    assertThat(parse("-.5")).isEqualTo(-0.5);
    assertThat(parse("3.")).isEqualTo(3.0);
    assertThat(parse("1e-3")).isEqualTo(0.001);
    assertThat(parse("2.5E+4")).isEqualTo(25000.0);
    assertThat(parse("0.1111111111111111")).isEqualTo(0.1111111111111111);
    assertThat(parse("0.000000000000000000000000123")).isEqualTo(1.23e-25);
    assertThat(parse("1e400")).isPositiveInfinity();
    assertThat(parse("123456789012345678901234567890")).isEqualTo(1.2345678901234568e29);
  }

  @Test
  void everythingElseIsNotANumber() {
    for (String text : new String[] {"", "-", ".", "e5", "1e", "1e+", "abc", "1.2.3", "NaN", "Infinity", "1d", "0x1p3", "1 2", "--1"}) {
      assertWithMessage(text).that(parse(text)).isNaN();
    }
  }

  @Test
  void agreesWithParseDoubleToTheLastBit() {
    Random random = new Random(42);
    for (int i = 0; i < 100_000; i++) {
      double value = switch (i % 4) {
        case 0 -> random.nextDouble();
        case 1 -> random.nextGaussian() * 1e6;
        case 2 -> Math.round(random.nextDouble() * 1e6) / 1e4;
        default -> Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL);
      };
      String text = Double.toString(value);
      assertWithMessage(text).that(parse(text)).isEqualTo(value);
      String shortened = String.format("%.6f", value);
      if (shortened.length() < 30) assertWithMessage(shortened).that(parse(shortened)).isEqualTo(Double.parseDouble(shortened));
    }
  }
}
