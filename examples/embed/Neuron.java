import dev.nnc.aot.Model;
import dev.nnc.runtime.Workspace;

/**
 * The lecture's sigmoid neuron, embedded: its value and gradients at the lecture's point, through
 * the jar's Java API and nothing else.
 *
 *   nnc compile examples/lecture/neuron.nn -o neuron.jar
 *   javac -cp neuron.jar -d out examples/embed/Neuron.java
 *   java -cp neuron.jar:out Neuron
 */
public final class Neuron {
  public static void main(String[] args) {
    Model model = Model.builtIn();
    Workspace ws = model.example(null);
    ws.set("w0", 2).set("x0", -1).set("w1", -3).set("x1", -2).set("w2", -3);
    ws.forward();
    ws.backward();
    System.out.println(model.objective() + " = " + ws.value(model.objective()));
    for (String name : new String[] {"w0", "x0", "w1", "x1", "w2"}) {
      System.out.println("d" + model.objective() + "/d" + name + " = " + ws.gradient(name));
    }
  }
}
