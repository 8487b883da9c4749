package dev.nnc.plot;

import static com.google.common.truth.Truth.assertThat;

import dev.nnc.metrics.PrecisionRecallCurve;
import dev.nnc.metrics.RocCurve;
import dev.nnc.metrics.ScoreRanking;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class CurvePlotsTest {
  // Positives score 0.9 and 0.4, negatives 0.6 and 0.1: 3 of the 4 pairs ranked right.
  private static final ScoreRanking RANKING = ScoreRanking.of(new int[] {1, 1, 0, 0}, new double[] {0.9, 0.4, 0.6, 0.1});

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  private static String texts(Document doc) {
    NodeList texts = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < texts.getLength(); i++) all.append(texts.item(i).getTextContent()).append('|');
    return all.toString();
  }

  @Test
  void rocIsSvgWithItsAucTheDiagonalAndTicks() throws Exception {
    String svg = CurvePlots.roc(RocCurve.of(RANKING).orElseThrow(), RocCurve.auc(RANKING));
    Document doc = parse(svg);

    assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
    assertThat(texts(doc)).isEqualTo("ROC curve|0|0.2|0.4|0.6|0.8|1|0|0.2|0.4|0.6|0.8|1|False positive rate (FPR)|"
        + "True positive rate (TPR, recall)|ROC, AUC = 0.75|chance, AUC = 0.5|");
    NodeList lines = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline");
    // The curve through (0,0) (0,.5) (.5,.5) (.5,1) (1,1), then the diagonal, in pixels.
    assertThat(((Element) lines.item(0)).getAttribute("points")).isEqualTo("72,458 72,255 304,255 304,52 536,52");
    assertThat(((Element) lines.item(1)).getAttribute("points")).isEqualTo("72,458 536,52");
  }

  @Test
  void precisionRecallIsTheStepFunctionOfAveragePrecision() throws Exception {
    PrecisionRecallCurve curve = PrecisionRecallCurve.of(RANKING).orElseThrow();
    double ap = PrecisionRecallCurve.averagePrecision(RANKING);
    Document doc = parse(CurvePlots.precisionRecall(curve, ap, 0.5));

    assertThat(texts(doc)).contains("precision–recall, AP = 0.8333|chance, precision = 0.5|");
    // Recall 0 → 0.5 at precision 1; at recall 0.5 the negative at 0.6 drops precision to 0.5 and
    // the positive at 0.4 lifts it to 2/3, held to recall 1; the last negative drops it to 0.5.
    assertThat(((Element) doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline").item(0)).getAttribute("points"))
        .isEqualTo("72,52 304,52 304,255 304,187.33 536,187.33 536,255 536,255");
  }

  @Test
  void sameCurveGivesTheSameBytes() {
    RocCurve curve = RocCurve.of(RANKING).orElseThrow();
    assertThat(CurvePlots.roc(curve, 0.75)).isEqualTo(CurvePlots.roc(curve, 0.75));
  }
}
