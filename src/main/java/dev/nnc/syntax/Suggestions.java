package dev.nnc.syntax;

import java.util.Collection;

/** "did you mean" for a misspelt name: the nearest candidate by edit distance, if near enough. */
public final class Suggestions {
  private Suggestions() {}

  public static String nearest(String name, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(name, c);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    // A suggestion farther than a third of the name (at least one edit) would confuse more than help.
    return best != null && bestDistance <= Math.max(1, name.length() / 3) ? best : null;
  }

  /** " (did you mean 'b'?)" or "". */
  public static String didYouMean(String name, Collection<String> candidates) {
    String s = nearest(name, candidates);
    return s == null ? "" : "; did you mean '" + s + "'?";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
