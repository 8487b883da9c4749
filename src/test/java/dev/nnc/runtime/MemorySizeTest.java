package dev.nnc.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MemorySizeTest {
  @Test
  void binaryUnitsWithOrWithoutBOrIB() {
    assertThat(MemorySize.parse("512M")).isEqualTo(512L << 20);
    assertThat(MemorySize.parse("2G")).isEqualTo(2L << 30);
    assertThat(MemorySize.parse("2gb")).isEqualTo(2L << 30);
    assertThat(MemorySize.parse("4GiB")).isEqualTo(4L << 30);
    assertThat(MemorySize.parse("1.5G")).isEqualTo(3L << 29);
    assertThat(MemorySize.parse("64k")).isEqualTo(65536L);
    assertThat(MemorySize.parse("1T")).isEqualTo(1L << 40);
    assertThat(MemorySize.parse("100")).isEqualTo(100L);
    assertThat(MemorySize.parse("100B")).isEqualTo(100L);
  }

  @Test
  void refusesWhatIsNotASize() {
    for (String bad : new String[] {"", "G", "12X", "-1G", "0", "0.1", "4 GiBs", "iB", "99999999999T"}) {
      assertThrows(IllegalArgumentException.class, () -> MemorySize.parse(bad), bad);
    }
    assertThat(assertThrows(IllegalArgumentException.class, () -> MemorySize.parse("12X")))
        .hasMessageThat().isEqualTo("'12X' is not a size; write it as 512M, 2G or 4GiB (binary units: K, M, G, T)");
  }

  @Test
  void formatsInTheLargestBinaryUnit() {
    assertThat(MemorySize.format(4L << 30)).isEqualTo("4 GiB");
    assertThat(MemorySize.format(12_800_000_000.0)).isEqualTo("11.92 GiB");
    assertThat(MemorySize.format(512L << 20)).isEqualTo("512 MiB");
    assertThat(MemorySize.format(1536)).isEqualTo("1.5 KiB");
    assertThat(MemorySize.format(100)).isEqualTo("100 bytes");
  }
}
