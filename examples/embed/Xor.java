import dev.nnc.aot.Model;
import dev.nnc.aot.Training;
import dev.nnc.runtime.Workspace;
import java.nio.file.Path;

/**
 * XOR, trained and used from plain Java through the jar's API: training steps on the four rows,
 * the trained weights saved where nnc can read them, and each row's prediction in double precision.
 *
 *   nnc compile examples/mlp/xor.nn --batch 4 -o xor.jar
 *   javac -cp xor.jar -d out examples/embed/Xor.java
 *   java -cp xor.jar:out Xor xor.weights
 */
public final class Xor {
  public static void main(String[] args) throws Exception {
    double[] features = {0, 0, 0, 1, 1, 0, 1, 1};
    double[] labels = {0, 1, 1, 0};
    Model model = Model.builtIn();
    Training training = model.training("momentum", 0.5, 0);
    double loss = 0;
    for (int step = 1; step <= 500; step++) loss = training.step(features, labels);
    System.out.println("loss after 500 steps = " + loss);
    training.save(Path.of(args[0]));

    Workspace ws = model.example(model.readWeights(Path.of(args[0])));
    for (int row = 0; row < labels.length; row++) {
      ws.set("x", new double[] {features[2 * row], features[2 * row + 1]});
      ws.forward();
      double p = 1 / (1 + Math.exp(-ws.value("z")));
      System.out.println("xor(" + (int) features[2 * row] + ", " + (int) features[2 * row + 1] + ") = " + p + " -> " + (p >= 0.5 ? 1 : 0));
    }
  }
}
