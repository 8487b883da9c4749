package dev.nnc.plot;

/**
 * A minimal SVG writer: elements appended in order, coordinates rounded to hundredths of a pixel
 * (finer than any screen shows), so the same picture always gives the same bytes, on any locale.
 */
final class Svg {
  private final StringBuilder out = new StringBuilder();

  Svg(int width, int height) {
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
        .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
        .append("\" font-family=\"Helvetica, Arial, sans-serif\">\n");
  }

  void rect(double x, double y, double width, double height, String attributes) {
    out.append("<rect x=\"").append(number(x)).append("\" y=\"").append(number(y)).append("\" width=\"")
        .append(number(width)).append("\" height=\"").append(number(height)).append("\" ").append(attributes).append("/>\n");
  }

  void line(double x1, double y1, double x2, double y2, String attributes) {
    out.append("<line x1=\"").append(number(x1)).append("\" y1=\"").append(number(y1)).append("\" x2=\"")
        .append(number(x2)).append("\" y2=\"").append(number(y2)).append("\" ").append(attributes).append("/>\n");
  }

  /** A polyline ({@code closed} false) or polygon through the points {@code xs[i], ys[i]}. */
  void path(double[] xs, double[] ys, int count, boolean closed, String attributes) {
    out.append(closed ? "<polygon" : "<polyline").append(" points=\"");
    for (int i = 0; i < count; i++) {
      if (i > 0) out.append(' ');
      out.append(number(xs[i])).append(',').append(number(ys[i]));
    }
    out.append("\" ").append(attributes).append("/>\n");
  }

  void circle(double cx, double cy, double r, String attributes) {
    out.append("<circle cx=\"").append(number(cx)).append("\" cy=\"").append(number(cy)).append("\" r=\"").append(number(r))
        .append("\" ").append(attributes).append("/>\n");
  }

  void text(double x, double y, String text, String attributes) {
    out.append("<text x=\"").append(number(x)).append("\" y=\"").append(number(y)).append("\" ").append(attributes)
        .append('>').append(escape(text)).append("</text>\n");
  }

  String finish() {
    return out.append("</svg>\n").toString();
  }

  // Hundredths, without a locale's decimal comma and without trailing zeros.
  static String number(double value) {
    long hundredths = Math.round(value * 100);
    String sign = hundredths < 0 ? "-" : "";
    long magnitude = Math.abs(hundredths);
    long fraction = magnitude % 100;
    String whole = sign + magnitude / 100;
    if (fraction == 0) return whole;
    return whole + (fraction % 10 == 0 ? "." + fraction / 10 : fraction < 10 ? ".0" + fraction : "." + fraction);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
