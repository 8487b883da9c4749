package dev.nnc.runtime;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes of memory as {@code --memory} takes them and messages print them. Units are binary, as
 * the JVM's -Xmx reads them: K, M, G and T (optionally followed by B or iB: 2G, 2GB and 2GiB are
 * all 2^31 bytes); a plain number is bytes; a fraction is allowed (1.5G).
 */
public final class MemorySize {
  private MemorySize() {}

  /** SPEC.md §1's default memory budget. */
  public static final long DEFAULT_BUDGET = 4L << 30;

  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGT]?)(I?B)?");
  private static final String UNITS = "KMGT";

  /**
   * The bytes {@code text} names.
   *
   * @throws IllegalArgumentException if it is not a size of at least one byte, saying how to write one
   */
  public static long parse(String text) {
    Matcher m = SIZE.matcher(text.trim().toUpperCase(Locale.ROOT));
    if (!m.matches() || m.group(2).isEmpty() && "IB".equals(m.group(3))) {
      throw new IllegalArgumentException("'" + text + "' is not a size; write it as 512M, 2G or 4GiB (binary units: K, M, G, T)");
    }
    int power = m.group(2).isEmpty() ? 0 : UNITS.indexOf(m.group(2)) + 1;
    BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1024).pow(power));
    if (bytes.compareTo(BigDecimal.ONE) < 0) throw new IllegalArgumentException("'" + text + "' is less than one byte");
    if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) throw new IllegalArgumentException("'" + text + "' is larger than nnc can count");
    return bytes.longValue();
  }

  /** "4 GiB", "11.92 GiB", "512 MiB", "100 bytes": the largest binary unit, to two decimals. */
  public static String format(double bytes) {
    String[] names = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    int unit = -1;
    double value = bytes;
    while (value >= 1024 && unit < names.length - 1) {
      value /= 1024;
      unit++;
    }
    if (unit < 0) return (long) bytes + " bytes";
    String number = BigDecimal.valueOf(Math.round(value * 100) / 100.0).stripTrailingZeros().toPlainString();
    return number + " " + names[unit];
  }
}
