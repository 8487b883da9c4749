package dev.nnc.runtime;

import java.util.Locale;

/** The precision of training and inference ({@code --dtype f32|f64}). */
public enum Dtype {
  F32(4),
  F64(8);

  private final int bytes;

  Dtype(int bytes) {
    this.bytes = bytes;
  }

  /** Bytes per value. */
  public int bytes() {
    return bytes;
  }

  /** The dtype as {@code --dtype} spells it. */
  public String flag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
