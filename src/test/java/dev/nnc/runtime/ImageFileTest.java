package dev.nnc.runtime;

import static com.google.common.truth.Truth.assertThat;

import dev.nnc.runtime.io.ImageFile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image kinds a PNG may hold, read as 0..255 samples, and the 8-bit writing rule. */
class ImageFileTest {
  @TempDir Path dir;

  private Path write(BufferedImage image, String name) throws IOException {
    Path p = dir.resolve(name);
    ImageIO.write(image, "png", p.toFile());
    return p;
  }

  @Test
  void sixteenBitGreyIsScaledTo0To255() throws IOException {
    BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
    image.getRaster().setSample(0, 0, 0, 65535);
    image.getRaster().setSample(1, 0, 0, 257);
    image.getRaster().setSample(2, 0, 0, 0);
    assertThat(ImageFile.read(write(image, "g16.png"), 1).values()).isEqualTo(new double[] {255, 1, 0});
  }

  @Test
  void aPaletteImageGivesItsColours() throws IOException {
    BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED);
    image.setRGB(0, 0, 0xFF0000);
    image.setRGB(1, 0, 0xFFFFFF);
    ImageFile.Pixels rgb = ImageFile.read(write(image, "p.png"), 3);
    assertThat(rgb.values()).isEqualTo(new double[] {255, 255, 0, 255, 0, 255});
  }

  @Test
  void alphaIsDropped() throws IOException {
    BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
    image.setRGB(0, 0, 0x20406080);
    assertThat(ImageFile.read(write(image, "a.png"), 3).values()).isEqualTo(new double[] {0x40, 0x60, 0x80});
  }

  @Test
  void samplesAreRoundedHalfUpAndClamped() {
    assertThat(ImageFile.toByte(-3)).isEqualTo(0);
    assertThat(ImageFile.toByte(Double.NaN)).isEqualTo(0);
    assertThat(ImageFile.toByte(0.49)).isEqualTo(0);
    assertThat(ImageFile.toByte(0.5)).isEqualTo(1);
    assertThat(ImageFile.toByte(2.5)).isEqualTo(3);
    assertThat(ImageFile.toByte(254.5)).isEqualTo(255);
    assertThat(ImageFile.toByte(1e9)).isEqualTo(255);
    assertThat(ImageFile.toByte(Double.POSITIVE_INFINITY)).isEqualTo(255);
  }

  @Test
  void aWrittenImageReadsBackAsWritten() throws IOException {
    double[] values = new double[2 * 3 * 3];
    for (int i = 0; i < values.length; i++) values[i] = i * 14;
    Path p = dir.resolve("rgb.png");
    ImageFile.writePng(p, new ImageFile.Pixels(3, 2, 3, values));
    assertThat(ImageFile.read(p, 3).values()).isEqualTo(values);
  }
}
