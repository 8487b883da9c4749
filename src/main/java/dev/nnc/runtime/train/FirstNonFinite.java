package dev.nnc.runtime.train;

import dev.nnc.runtime.Arena;
import dev.nnc.runtime.ArenaLayout.Entry;
import dev.nnc.runtime.ArenaLayout.Role;
import dev.nnc.runtime.CompiledProgram;

/**
 * Which tensor of a batch's forward pass was not finite first, in program order: what a diverged
 * training names. It reads the arena that forward pass left, so it costs the normal step nothing:
 * the trainer asks only once it has seen a loss that is not finite.
 */
public final class FirstNonFinite {
  private FirstNonFinite() {}

  /**
   * "'h1' became Inf first", or, when a parameter already held a NaN or an infinity before the
   * pass, which one and that the last update put it there; null when every tensor is finite.
   * Parameters are looked at first, then inputs, then each assigned variable in the order the
   * program assigns them (the arena holds them in that order).
   */
  public static String describe(CompiledProgram program, Arena arena) {
    for (Entry e : program.layout().withRole(Role.PARAM)) {
      String kind = kind(arena, e);
      if (kind != null) return "parameter '" + e.name() + "' is " + kind + " after the previous update";
    }
    for (Entry e : program.layout().withRole(Role.INPUT)) {
      String kind = kind(arena, e);
      if (kind != null) return "input '" + e.name() + "' is " + kind;
    }
    for (Entry e : program.layout().withRole(Role.VALUE)) {
      String kind = kind(arena, e);
      if (kind != null) return "'" + e.name() + "' became " + kind + " first";
    }
    return null;
  }

  /** "NaN", "Inf" or "-Inf" for the entry's first element that is not finite, or null. */
  private static String kind(Arena arena, Entry e) {
    for (int i = 0; i < e.length(); i++) {
      double v = arena.get(e.offset() + i);
      if (Double.isNaN(v)) return "NaN";
      if (Double.isInfinite(v)) return v > 0 ? "Inf" : "-Inf";
    }
    return null;
  }
}
