package dev.nnc.cli;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.nnc.runtime.io.ImageFile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nnc run --input img=PHOTO --output out=OUT.png} (SPEC.md §2, the run row). */
class ImageRunTest {
  @TempDir Path dir;

  private Path program(String text) throws IOException {
    Path p = dir.resolve("p.nn");
    Files.writeString(p, text);
    return p;
  }

  /** A grey PNG of the given rows (0..255), written by ImageIO as an 8-bit grey image. */
  private Path grey(String name, int[][] rows) throws IOException {
    BufferedImage image = new BufferedImage(rows[0].length, rows.length, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < rows.length; y++) for (int x = 0; x < rows[0].length; x++) image.getRaster().setSample(x, y, 0, rows[y][x]);
    Path p = dir.resolve(name);
    ImageIO.write(image, name.endsWith(".png") ? "png" : "jpeg", p.toFile());
    return p;
  }

  /** An RGB image of one row of 0xRRGGBB pixels. */
  private Path rgb(String name, String format, int... pixels) throws IOException {
    BufferedImage image = new BufferedImage(pixels.length, 1, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < pixels.length; x++) image.setRGB(x, 0, pixels[x]);
    Path p = dir.resolve(name);
    ImageIO.write(image, format, p.toFile());
    return p;
  }

  private static Cli.Result ok(String... args) {
    Cli.Result r = Cli.run(args);
    assertWithMessage("nnc %s\nstderr: %s", String.join(" ", args), r.err()).that(r.status()).isEqualTo(0);
    return r;
  }

  /** Bad input: exit 2, one line naming what is at fault, no stack trace. */
  private static void badInput(String expected, String... args) {
    Cli.Result r = Cli.run(args);
    assertWithMessage("nnc %s\nstderr: %s", String.join(" ", args), r.err()).that(r.status()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("nnc: " + expected + "\n");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aGreyImageIsReadAsItsValuesAndBindsHeightAndWidth() throws IOException {
    Path p = program("input img[1, H, W]\nout = img + 0.5\nh = H\nw = dim(img, 2)\n");
    Cli.Result r = ok("run", p.toString(), "--input", "img=" + grey("g.png", new int[][] {{0, 7, 255}, {128, 1, 2}}), "--json");
    assertThat(r.out()).isEqualTo("{\"outputs\": {\"out\": [[[0.5, 7.5, 255.5], [128.5, 1.5, 2.5]]], \"h\": 2.0, \"w\": 3.0}}\n");
  }

  @Test
  void oneChannelGetsTheLuminanceAndThreeGetRgb() throws IOException {
    Path photo = rgb("c.png", "png", 0xC86432, 0x00FF00);
    Cli.Result lum = ok("run", program("input img[1, H, W]\ny = img * 1\n").toString(), "--input", "img=" + photo, "--json");
    assertThat(lum.out()).isEqualTo("{\"outputs\": {\"y\": [[[" + (0.299 * 200 + 0.587 * 100 + 0.114 * 50) + ", " + 0.587 * 255 + "]]]}}\n");
    Cli.Result planes = ok("run", program("input img[3, H, W]\ny = img * 1\n").toString(), "--input", "img=" + photo, "--json");
    assertThat(planes.out()).isEqualTo("{\"outputs\": {\"y\": [[[200.0, 0.0]], [[100.0, 255.0]], [[50.0, 0.0]]]}}\n");
    Cli.Result greyAsRgb = ok("run", program("input img[3, H, W]\ny = img * 1\n").toString(), "--input", "img=" + grey("g.png", new int[][] {{9}}), "--json");
    assertThat(greyAsRgb.out()).isEqualTo("{\"outputs\": {\"y\": [[[9.0]], [[9.0]], [[9.0]]]}}\n");
  }

  @Test
  void jpegIsReadToo() throws IOException {
    Path photo = grey("flat.jpg", new int[][] {{90, 90, 90, 90}, {90, 90, 90, 90}});
    Cli.Result r = ok("run", program("input img[1, H, W]\nm = sum(img) / size(img)\n").toString(), "--input", "img=" + photo, "--json");
    assertThat(r.out()).isEqualTo("{\"outputs\": {\"m\": 90.0}}\n");
  }

  @Test
  void pngOutputIsRoundedHalfUpAndClamped() throws IOException {
    Path p = program("input img[1, H, W]\nup = img * 1.5 + 0.5\ndown = img - 1\n");
    Path photo = grey("g.png", new int[][] {{0, 1, 2, 200}});
    Path up = dir.resolve("up.png");
    Path down = dir.resolve("down.png");
    Cli.Result r = ok("run", p.toString(), "--input", "img=" + photo, "--output", "up=" + up, "--output", "down=" + down);
    assertThat(r.out()).isEqualTo("wrote " + up + ": up [1, 1, 4]\nwrote " + down + ": down [1, 1, 4]\n");
    assertThat(ImageFile.read(up, 1).values()).isEqualTo(new double[] {1, 2, 4, 255});
    assertThat(ImageFile.read(down, 1).values()).isEqualTo(new double[] {0, 0, 1, 199});
    BufferedImage written = ImageIO.read(up.toFile());
    assertThat(written.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
  }

  @Test
  void threeChannelsAreWrittenAsRgb() throws IOException {
    Path p = program("input img[3, H, W]\nswapped = img * 1\n");
    Path out = dir.resolve("o.png");
    ok("run", p.toString(), "--input", "img=" + rgb("c.png", "png", 0x102030, 0xFFFFFF), "--output", "swapped=" + out, "--json");
    BufferedImage written = ImageIO.read(out.toFile());
    assertThat(written.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0x102030);
    assertThat(written.getRGB(1, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
  }

  @Test
  void csvOutputHasARowPerInputRow() throws IOException {
    Path p = program("input x[2]\ny = x * 2\ns = sum(x)\n");
    Path rows = dir.resolve("rows.csv");
    Files.writeString(rows, "a,b\n1,2\n3,4\n5,6\n");
    Path ys = dir.resolve("y.csv");
    Path ss = dir.resolve("s.csv");
    Cli.Result r = ok("run", p.toString(), "--input", "x=" + rows, "--output", "y=" + ys, "--output", "s=" + ss, "--batch", "2", "--json");
    assertThat(r.out()).isEqualTo("{\"written\": {\"y\": \"" + ys + "\", \"s\": \"" + ss + "\"}}\n");
    assertThat(Files.readString(ys)).isEqualTo("y[0],y[1]\n2.0,4.0\n6.0,8.0\n10.0,12.0\n");
    assertThat(Files.readString(ss)).isEqualTo("s\n3.0\n7.0\n11.0\n");
  }

  @Test
  void oneExampleMayBeWrittenAsCsv() throws IOException {
    Path out = dir.resolve("v.csv");
    ok("run", program("input img[1, H, W]\nv = img * 2\n").toString(), "--input", "img=" + grey("g.png", new int[][] {{1, 2}}), "--output", "v=" + out);
    assertThat(Files.readString(out)).isEqualTo("v[0],v[1]\n2.0,4.0\n");
  }

  @Test
  void aMissingOrUnreadableImageIsNamed() throws IOException {
    String p = program("input img[1, H, W]\ny = img * 2\n").toString();
    Path missing = dir.resolve("missing.png");
    badInput(missing + ": no such file", "run", p, "--input", "img=" + missing);
    Path text = dir.resolve("text.png");
    Files.writeString(text, "not an image\n");
    badInput(text + ": not a PNG or JPEG image", "run", p, "--input", "img=" + text);
    Path truncated = dir.resolve("truncated.png");
    byte[] whole = Files.readAllBytes(grey("whole.png", new int[][] {{1, 2, 3}, {4, 5, 6}}));
    Files.write(truncated, java.util.Arrays.copyOf(whole, 40));
    Cli.Result r = Cli.run("run", p, "--input", "img=" + truncated);
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).startsWith("nnc: " + truncated + ": not a readable PNG or JPEG image (");
    assertThat(r.err()).doesNotContain("\tat ");
    badInput(rgb("x.gif", "gif", 0) + ": a GIF image; nnc reads PNG and JPEG", "run", p, "--input", "img=" + dir.resolve("x.gif"));
  }

  @Test
  void theDeclarationMustBeAnImagesShape() throws IOException {
    Path photo = grey("g.png", new int[][] {{1, 2}, {3, 4}});
    badInput("--input img=" + photo + ": input 'img' is declared [2, H, W], but an image fills [1, H, W] (grey) or [3, H, W] (R, G, B)",
        "run", program("input img[2, H, W]\ny = img * 2\n").toString(), "--input", "img=" + photo);
    badInput("--input img=" + photo + ": input 'img' is declared [H, W], but an image fills [1, H, W] (grey) or [3, H, W] (R, G, B)",
        "run", program("input img[H, W]\ny = img * 2\n").toString(), "--input", "img=" + photo);
    badInput(photo + ": the image is 2 pixels wide, but input 'img' is declared [1, 2, 3]",
        "run", program("input img[1, 2, 3]\ny = img * 2\n").toString(), "--input", "img=" + photo);
  }

  @Test
  void twoImagesMustAgreeOnTheDimensionsTheyShare() throws IOException {
    Path a = grey("a.png", new int[][] {{1, 2}});
    Path b = grey("b.png", new int[][] {{1, 2}, {3, 4}});
    badInput(b + ": the image is 2 pixels high, but " + a + " bound H = 1",
        "run", program("input a[1, H, W]\ninput b[1, H, W]\ny = a + b\n").toString(), "--input", "a=" + a, "--input", "b=" + b);
  }

  @Test
  void aPngNeedsAnImageShapedValue() throws IOException {
    Path p = program("input img[1, H, W]\ntotal = sum(img)\nflat = flatten(img)\n");
    Path photo = grey("g.png", new int[][] {{1, 2}});
    Path out = dir.resolve("o.png");
    badInput("--output total=" + out + ": 'total' has shape [], but a PNG is written from [1, H, W] (grey) or [3, H, W] (R, G, B)",
        "run", p.toString(), "--input", "img=" + photo, "--output", "total=" + out);
    badInput("--output flat=" + out + ": 'flat' has shape [2], but a PNG is written from [1, H, W] (grey) or [3, H, W] (R, G, B)",
        "run", p.toString(), "--input", "img=" + photo, "--output", "flat=" + out);
    assertThat(Files.exists(out)).isFalse();
    badInput("--output total=" + dir.resolve("o.txt") + ": nnc writes .png (an image) or .csv (rows of values), not 'o.txt'",
        "run", p.toString(), "--input", "img=" + photo, "--output", "total=" + dir.resolve("o.txt"));
  }

  @Test
  void aCsvFileCannotBindANamedDimension() throws IOException {
    Path rows = dir.resolve("rows.csv");
    Files.writeString(rows, "a,b,c,d\n1,2,3,4\n");
    badInput("--input img=" + rows + ": input 'img' is declared [1, H, W], and a CSV row cannot say what H and W are; "
        + "declare its size (input img[1, 8, 8]) or give it an image",
        "run", program("input img[1, H, W]\ny = img * 2\n").toString(), "--input", "img=" + rows);
  }

  @Test
  void withoutAnImageTheNamedDimensionIsUnbound() throws IOException {
    Cli.Result r = Cli.run("run", program("input img[1, H, W]\ny = img * 2\n").toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).startsWith(dir.resolve("p.nn") + ":1:14: dimension 'H' of input 'img' is not bound");
  }

  @Test
  void aSessionCompilesOneClassPerShapeAndKeepsIt() throws IOException {
    ProgramOptions source = new ProgramOptions();
    source.file = program("input img[1, H, W]\ny = img * 2\n");
    ModelSession session = ModelSession.forwardOnly(source, dev.nnc.runtime.Dtype.F64);
    var small = session.compile(1, java.util.Map.of("H", 2, "W", 3));
    var large = session.compile(1, java.util.Map.of("H", 96, "W", 128));
    assertThat(session.compile(1, java.util.Map.of("W", 3, "H", 2))).isSameInstanceAs(small);
    assertThat(large).isNotSameInstanceAs(small);
    assertThat(large.layout().find("y", dev.nnc.runtime.ArenaLayout.Role.VALUE).dims()).containsExactly(1, 96, 128).inOrder();
  }

  @Test
  void anArrayGivenWithAtBindsTheNamedDimensionsToo() throws IOException {
    Path p = program("input img[1, H, W]\nparam k = 2\nh = H\nw = dim(img, 2)\nloss = sum(img * k)\n");
    Cli.Result run = ok("run", p.toString(), "--at", "img=[[[1, 2, 3], [4, 5, 6]]]", "--json");
    assertThat(run.out()).isEqualTo("{\"outputs\": {\"h\": 2.0, \"w\": 3.0, \"loss\": 42.0}}\n");
    Cli.Result grad = ok("grad", p.toString(), "--at", "img=[[[1, 2, 3], [4, 5, 6]]]", "--json");
    assertThat(grad.out()).contains("\"k\": 21.0");
    assertThat(ok("check", p.toString(), "--at", "img=[[[1, 2], [4, 5]]]").out()).contains("passed");
    badInput("--at img=[1, 2, 3]: input 'img' is declared [1, H, W], but the array has shape [3]", "run", p.toString(), "--at", "img=[1, 2, 3]");
    badInput("--at img=[[[1, 2], [3]]]: the array is ragged: its rows are not all [2, 2]", "run", p.toString(), "--at", "img=[[[1, 2], [3]]]");
  }
}
