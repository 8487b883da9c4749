package dev.nnc.runtime.train;

/**
 * One parameter tensor as an optimizer sees it: {@code length} values at {@code paramOffset} and
 * their gradient at {@code gradOffset}, in flat arrays (often one arena holds both).
 */
public record ParameterBlock(int paramOffset, int gradOffset, int length) {
  public ParameterBlock {
    if (paramOffset < 0 || gradOffset < 0 || length < 0) {
      throw new IllegalArgumentException("a parameter block needs non-negative offsets and length: " + paramOffset + ", " + gradOffset + ", " + length);
    }
  }
}
