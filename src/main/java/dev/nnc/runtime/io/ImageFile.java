package dev.nnc.runtime.io;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Images as tensors (SPEC.md §2, {@code nnc run --input img=photo.png}): PNG and JPEG in, as
 * {@code [C, H, W]} values in 0..255, row-major; PNG out from {@code [1, H, W]} (grey) or
 * {@code [3, H, W]} (R, G, B), each value rounded half up and clamped to 0..255.
 *
 * <p>Samples are read from the raster, not through {@link BufferedImage#getRGB}: Java's grey
 * images sit in a linear colour space, and getRGB would brighten every grey pixel on its way to
 * sRGB (128 becomes 186), which no other tool does. Alpha is dropped, as PIL's
 * {@code convert("RGB")} drops it.
 */
public final class ImageFile {
  private ImageFile() {}

  /** An image as values: {@code channels × height × width}, row-major, in 0..255. */
  public record Pixels(int channels, int height, int width, double[] values) {}

  /** The luminance weights of ITU-R BT.601 (PIL's "L", OpenCV's BGR2GRAY). */
  private static final double RED = 0.299;
  private static final double GREEN = 0.587;
  private static final double BLUE = 0.114;

  /**
   * Reads a PNG or JPEG file as {@code channels} channels: 1 gives the luminance 0.299 R + 0.587 G
   * + 0.114 B (a grey image as it is), 3 gives R, G, B (a grey image in all three).
   */
  public static Pixels read(Path file, int channels) throws ImageFileException {
    if (channels != 1 && channels != 3) throw new IllegalArgumentException("channels: " + channels);
    BufferedImage image = decode(file);
    int h = image.getHeight();
    int w = image.getWidth();
    double[][] rgb = samples(file, image);
    double[] values = new double[channels * h * w];
    int plane = h * w;
    for (int i = 0; i < plane; i++) {
      double r = rgb[0][i];
      double g = rgb[rgb.length == 1 ? 0 : 1][i];
      double b = rgb[rgb.length == 1 ? 0 : 2][i];
      if (channels == 1) {
        values[i] = rgb.length == 1 ? r : RED * r + GREEN * g + BLUE * b;
      } else {
        values[i] = r;
        values[plane + i] = g;
        values[2 * plane + i] = b;
      }
    }
    return new Pixels(channels, h, w, values);
  }

  /**
   * Writes {@code [channels, height, width]} values (channels 1 or 3) as an 8-bit PNG, each value
   * rounded half up and clamped to 0..255 (NaN as 0), atomically.
   */
  public static void writePng(Path file, Pixels pixels) throws IOException {
    int h = pixels.height();
    int w = pixels.width();
    int plane = h * w;
    BufferedImage image = new BufferedImage(w, h, pixels.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
    WritableRaster raster = image.getRaster();
    for (int c = 0; c < pixels.channels(); c++) {
      for (int i = 0; i < plane; i++) raster.setSample(i % w, i / w, c, toByte(pixels.values()[c * plane + i]));
    }
    AtomicFile.write(file, out -> {
      if (!ImageIO.write(image, "png", out)) throw new IOException("no PNG writer in this Java runtime");
    });
  }

  /** A value as an 8-bit sample: rounded half up, clamped to 0..255; NaN is 0. */
  public static int toByte(double v) {
    if (!(v > 0)) return 0;
    return v >= 255 ? 255 : (int) Math.floor(v + 0.5);
  }

  private static BufferedImage decode(Path file) throws ImageFileException {
    try (InputStream in = Files.newInputStream(file); ImageInputStream stream = ImageIO.createImageInputStream(in)) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
      if (!readers.hasNext()) throw new ImageFileException(file, "not a PNG or JPEG image");
      ImageReader reader = readers.next();
      String format = reader.getFormatName().toLowerCase(Locale.ROOT);
      if (!format.equals("png") && !format.equals("jpeg")) {
        reader.dispose();
        throw new ImageFileException(file, "a " + format.toUpperCase(Locale.ROOT) + " image; nnc reads PNG and JPEG");
      }
      try {
        reader.setInput(stream, true, true);
        return reader.read(0);
      } finally {
        reader.dispose();
      }
    } catch (NoSuchFileException e) {
      throw new ImageFileException(file, "no such file");
    } catch (ImageFileException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // ImageIO reports truncated and damaged files as IIOException, some as runtime exceptions.
      String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new ImageFileException(file, "not a readable PNG or JPEG image (" + detail + ")");
    }
  }

  /** The image's grey plane, or its R, G and B planes, as 0..255 values. */
  private static double[][] samples(Path file, BufferedImage image) throws ImageFileException {
    int h = image.getHeight();
    int w = image.getWidth();
    ColorModel model = image.getColorModel();
    Raster raster = image.getRaster();
    if (model instanceof IndexColorModel palette) {
      double[][] rgb = new double[3][h * w];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int index = raster.getSample(x, y, 0);
          rgb[0][y * w + x] = palette.getRed(index);
          rgb[1][y * w + x] = palette.getGreen(index);
          rgb[2][y * w + x] = palette.getBlue(index);
        }
      }
      return rgb;
    }
    int type = model.getColorSpace().getType();
    int bands = type == ColorSpace.TYPE_GRAY ? 1 : type == ColorSpace.TYPE_RGB ? 3 : 0;
    if (bands == 0) throw new ImageFileException(file, "its colours are neither grey nor RGB (a CMYK or YCCK JPEG?); save it as RGB");
    double[][] planes = new double[bands][h * w];
    for (int b = 0; b < bands; b++) {
      double scale = 255.0 / ((1L << model.getComponentSize(b)) - 1);
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) planes[b][y * w + x] = raster.getSample(x, y, b) * scale;
      }
    }
    return planes;
  }
}
