package dev.nnc.bench;

import dev.nnc.Nnc;
import dev.nnc.runtime.CompiledProgram;
import dev.nnc.runtime.KernelF64;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 2's figures: forward + backward of the lecture's scalar graphs through the compiled class
 * (PyTorch 1.13 on this machine: about 18 µs for a*b + c), and compiling the sigmoid neuron from
 * text to a loaded class in a warm JVM.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseSerialGC"})
public class ScalarBench {
  static final String ADD_MUL = "f = a*b + c";
  static final String NEURON = "f = 1 / (1 + exp(-(w0*x0 + w1*x1 + w2)))";

  KernelF64 addMul;
  double[] addMulArena;
  KernelF64 neuron;
  double[] neuronArena;

  @Setup
  public void setup() {
    CompiledProgram a = Nnc.compile("add_mul.nn", ADD_MUL).compiled();
    addMul = (KernelF64) a.kernel();
    addMulArena = new double[a.layout().size()];
    addMulArena[0] = 3;
    addMulArena[1] = 2;
    addMulArena[2] = -4;
    CompiledProgram n = Nnc.compile("neuron.nn", NEURON).compiled();
    neuron = (KernelF64) n.kernel();
    neuronArena = new double[n.layout().size()];
    double[] point = {2, -1, -3, -2, -3};
    System.arraycopy(point, 0, neuronArena, 0, point.length);
  }

  @Benchmark
  public double addMulForwardBackward() {
    addMul.forward(addMulArena);
    addMul.backward(addMulArena);
    return addMulArena[addMulArena.length - 1];
  }

  @Benchmark
  public double neuronForwardBackward() {
    neuron.forward(neuronArena);
    neuron.backward(neuronArena);
    return neuronArena[neuronArena.length - 1];
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Object compileNeuronFromText() {
    return Nnc.compile("neuron.nn", NEURON).compiled();
  }
}
