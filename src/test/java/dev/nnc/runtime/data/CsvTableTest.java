package dev.nnc.runtime.data;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {
  @TempDir Path dir;

  private Path file(String content) throws IOException {
    Path path = dir.resolve("data.csv");
    Files.writeString(path, content);
    return path;
  }

  private CsvTable read(String content, String... selectors) throws IOException {
    return CsvTable.read(file(content), header -> {
      int[] columns = new int[selectors.length];
      for (int i = 0; i < selectors.length; i++) columns[i] = header.resolve(selectors[i], "--column");
      return columns;
    });
  }

  private DataException failure(String content, String... selectors) {
    return assertThrows(DataException.class, () -> read(content, selectors));
  }

  @Test
  void selectsColumnsByNameOrIndexInTheOrderAsked() throws IOException {
    CsvTable table = read("id,x,label\nab,1.5,1\ncd,-2,0\n", "label", "1");
    assertThat(table.rows()).isEqualTo(2);
    assertThat(table.column(0)).usingExactEquality().containsExactly(1.0, 0.0).inOrder();
    assertThat(table.column(1)).usingExactEquality().containsExactly(1.5, -2.0).inOrder();
    assertThat(table.columnName(0)).isEqualTo("label");
    assertThat(table.columnName(1)).isEqualTo("x");
  }

  @Test
  void readsWindowsLineEndsQuotesSpacesAByteOrderMarkAndBlankLines() throws IOException {
    CsvTable table = read("\uFEFF\"a, b\" , c\r\n 1 , \"2\"\r\n\r\n3,4", "a, b", "c");
    assertThat(table.header().names()).containsExactly("a, b", "c").inOrder();
    assertThat(table.column(0)).usingExactEquality().containsExactly(1.0, 3.0).inOrder();
    assertThat(table.column(1)).usingExactEquality().containsExactly(2.0, 4.0).inOrder();
    // The blank line 3 is skipped, but rows still know their line for messages.
    assertThat(table.line(1)).isEqualTo(4);
  }

  @Test
  void readsLinesLongerThanTheBuffer() throws IOException {
    String name = "x".repeat(3 << 20);
    CsvTable table = read(name + ",y\n1,2\n", "y");
    assertThat(table.column(0)).usingExactEquality().containsExactly(2.0);
  }

  @Test
  void errorsNameFileLineAndColumn() throws IOException {
    String file = dir.resolve("data.csv").toString();
    assertThat(failure("a,b\n1,2\n3,x y\n", "a", "b").render()).isEqualTo(file + ":3:2: not a number: 'x y' in column 'b'");
    assertThat(failure("a,b\n1,\n", "a", "b").render()).isEqualTo(file + ":2:2: empty cell in column 'b'");
    assertThat(failure("a,b\n1,2\n3\n", "a").render()).isEqualTo(file + ":3:2: this row has 1 cell but the header has 2");
    assertThat(failure("a,b\n1,2,3\n", "a").render()).isEqualTo(file + ":2:3: this row has 3 cells but the header has 2");
    assertThat(failure("", "a").render()).isEqualTo(file + ":1:1: empty file: a header row is expected");
    assertThat(failure("a,b\n", "a").render()).isEqualTo(file + ":2:1: no data rows after the header");
    assertThat(failure("a,b\n1,2\n", "c").render()).isEqualTo(file + ":1:1: --column c: no such column; the header has 2 columns: a, b");
    assertThat(failure("a,b\n1,2\n", "2").getMessage()).contains("no such column");
  }

  @Test
  void unselectedColumnsMayHoldText() throws IOException {
    assertThat(read("name,y\nBob,1\n", "y").column(0)).usingExactEquality().containsExactly(1.0);
  }

  @Test
  void aMissingFileIsBadInput() {
    DataException e = assertThrows(DataException.class, () -> CsvTable.read(dir.resolve("none.csv"), h -> new int[0]));
    assertThat(e.getMessage()).isEqualTo("no such file");
  }
}
