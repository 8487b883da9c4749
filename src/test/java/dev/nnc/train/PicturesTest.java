package dev.nnc.train;

import static com.google.common.truth.Truth.assertThat;

import dev.nnc.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** train --plot and eval --boundary write valid SVG with the curves, the cells and the points. */
class PicturesTest {
  @TempDir Path dir;

  private static Document parse(Path svg) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
  }

  @Test
  void trainingCurvesAndDecisionBoundary() throws Exception {
    Path weights = dir.resolve("circle.w");
    Path curves = dir.resolve("training.svg");
    Path boundary = dir.resolve("boundary.svg");
    Cli.Result train = Cli.run("train", "examples/mlp/circle.nn", "--data", "examples/data/circle.csv", "--split", "0.8", "--epochs", "60",
        "--batch", "16", "--lr", "0.03", "--optimizer", "adam", "--plot", curves.toString(), "--save", weights.toString(), "--json");
    assertThat(train.status()).isEqualTo(0);
    Document plot = parse(curves);
    assertThat(plot.getElementsByTagName("polyline").getLength()).isEqualTo(2);
    assertThat(Files.readString(curves)).contains(">accuracy</text>");

    Cli.Result eval = Cli.run("eval", "examples/mlp/circle.nn", "--weights", weights.toString(), "--data", "examples/data/circle.csv",
        "--split", "0.8", "--boundary", boundary.toString(), "--json");
    assertThat(eval.status()).isEqualTo(0);
    Document picture = parse(boundary);
    assertThat(picture.getElementsByTagName("circle").getLength()).isEqualTo(80);     // the 80 test rows
    assertThat(picture.getElementsByTagName("rect").getLength()).isAtLeast(80 * 80);   // the decision's cells
  }

  @Test
  void boundaryNeedsTwoFeatures() {
    Cli.Result r = Cli.run("eval", "examples/mlp/iris.nn", "--weights", "no.w", "--data", "examples/data/iris.csv", "--boundary", dir.resolve("b.svg").toString());
    assertThat(r.status()).isEqualTo(2);
  }
}
