package dev.nnc.runtime.data;

import java.util.List;
import java.util.OptionalInt;

/** The column names of a CSV file, and the choice of a column by name or 0-based index. */
public final class CsvHeader {
  private final String file;
  private final List<String> names;

  CsvHeader(String file, List<String> names) {
    this.file = file;
    this.names = List.copyOf(names);
  }

  public List<String> names() {
    return names;
  }

  public int size() {
    return names.size();
  }

  /** The first column named {@code name} exactly. */
  public OptionalInt indexOf(String name) {
    int index = names.indexOf(name);
    return index < 0 ? OptionalInt.empty() : OptionalInt.of(index);
  }

  /**
   * The column {@code selector} names: a column name, else a 0-based index (a name wins, so a
   * column may be called "3").
   *
   * @param flag the option that gave the selector, for the message ({@code --label})
   * @throws DataException at the header when no column matches, listing the header
   */
  public int resolve(String selector, String flag) {
    OptionalInt byName = indexOf(selector);
    if (byName.isPresent()) return byName.getAsInt();
    if (!selector.isEmpty() && selector.chars().allMatch(Character::isDigit) && selector.length() < 10) {
      int index = Integer.parseInt(selector);
      if (index < names.size()) return index;
    }
    throw error(flag + " " + selector + ": no such column; the header has " + names.size() + " columns: " + String.join(", ", names));
  }

  /** An error about the header as a whole, at its first cell. */
  public DataException error(String message) {
    return new DataException(file, 1, 1, message);
  }
}
