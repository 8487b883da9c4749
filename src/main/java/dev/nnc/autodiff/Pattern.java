package dev.nnc.autodiff;

/** The lecture's backprop patterns: every backward line says which one made it. */
public enum Pattern {
  SEED("seed"),
  ADD_DISTRIBUTES("add distributes"),
  MUL_SWITCHES("mul switches"),
  MAX_ROUTES("max routes"),
  COPY_SUMS("copy sums"),
  CHAIN_RULE("chain rule");

  public final String text;

  Pattern(String text) {
    this.text = text;
  }
}
