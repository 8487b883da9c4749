package dev.nnc.runtime.data;

import java.nio.charset.StandardCharsets;

/**
 * Parses a decimal number straight from the bytes of a CSV cell, without a String or a regex per
 * cell: the grammar is {@code [+-]digits[.digits][(e|E)[+-]digits]} (digits on at least one side
 * of the point). NaN, infinities and Java's {@code 1d}/hex forms are not numbers in a data file.
 *
 * <p>The common case (the digits as an integer of at most 2^53, a power of ten within 10^±22) is
 * computed as one exact integer times or divided by one exact power of ten, which IEEE division
 * and multiplication round correctly (Clinger's fast path). That covers most of the 16 and 17
 * digits numpy and Python write; the rest go to {@link Double#parseDouble} once the grammar is
 * known to be right.
 */
final class DecimalParser {
  private static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };
  // The digits kept in a long: 18 never overflow it.
  private static final int KEPT_DIGITS = 18;
  private static final long EXACT_MANTISSA = 1L << 53;

  private DecimalParser() {}

  /** The number in {@code bytes[start, end)}, or NaN when it is not one. */
  static double parse(byte[] bytes, int start, int end) {
    int i = start;
    boolean negative = false;
    if (i < end && (bytes[i] == '+' || bytes[i] == '-')) negative = bytes[i++] == '-';
    long mantissa = 0;
    int significantDigits = 0;
    int digitCount = 0;
    int exponent = 0;
    for (; i < end && isDigit(bytes[i]); i++, digitCount++) {
      if (mantissa != 0 || bytes[i] != '0') {
        significantDigits++;
        if (significantDigits <= KEPT_DIGITS) mantissa = mantissa * 10 + (bytes[i] - '0');
        else exponent++; // a digit past the kept ones: only its place value is tracked
      }
    }
    if (i < end && bytes[i] == '.') {
      for (i++; i < end && isDigit(bytes[i]); i++, digitCount++) {
        if (mantissa != 0 || bytes[i] != '0') {
          significantDigits++;
          if (significantDigits <= KEPT_DIGITS) {
            mantissa = mantissa * 10 + (bytes[i] - '0');
            exponent--;
          }
        } else {
          exponent--;
        }
      }
    }
    if (digitCount == 0) return Double.NaN;
    if (i < end && (bytes[i] == 'e' || bytes[i] == 'E')) {
      i++;
      boolean negativeExponent = false;
      if (i < end && (bytes[i] == '+' || bytes[i] == '-')) negativeExponent = bytes[i++] == '-';
      int exponentStart = i;
      int written = 0;
      // Saturates: an exponent this large is an overflow or underflow either way.
      for (; i < end && isDigit(bytes[i]); i++) written = Math.min(written * 10 + (bytes[i] - '0'), 100_000);
      if (i == exponentStart) return Double.NaN;
      exponent += negativeExponent ? -written : written;
    }
    if (i != end) return Double.NaN;
    if (significantDigits > KEPT_DIGITS || mantissa > EXACT_MANTISSA || Math.abs(exponent) >= POWERS_OF_TEN.length) {
      return Double.parseDouble(new String(bytes, start, end - start, StandardCharsets.ISO_8859_1));
    }
    double value = exponent < 0 ? mantissa / POWERS_OF_TEN[-exponent] : mantissa * POWERS_OF_TEN[exponent];
    return negative ? -value : value;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }
}
