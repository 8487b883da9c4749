package dev.nnc;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.nnc.ir.Graph;
import dev.nnc.ir.Leaf;
import dev.nnc.ir.Node;
import dev.nnc.ir.Op;
import dev.nnc.ir.Shape;
import dev.nnc.runtime.Initializer;
import dev.nnc.syntax.Span;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The records whose equals and hashCode are written out (for start-up: a record's generated ones
 * are linked by invokedynamic on first use) behave exactly as the generated ones would: equal when
 * every component is, and the hash java.lang.runtime.ObjectMethods computes (h = 31 h + the
 * component's hash, from 0), so hash maps keep their order. A component added to one of them and
 * forgotten in its equals or hashCode fails here.
 */
class RecordSemanticsTest {
  @Test
  void writtenOutEqualsAndHashCodeAreTheRecordsOwn() throws Exception {
    Graph graph = new Graph();
    Node a = graph.leaf(Op.INPUT, "a", Shape.SCALAR);
    Node b = graph.leaf(Op.INPUT, "b", Shape.SCALAR);
    Map<Class<?>, Object> others = Map.of(Node.class, b, Initializer.class, new Initializer.Constant(0.25));

    check(new Span(3, 7), others);
    check(Shape.of(2, 3), others);
    check(new Leaf(a, Leaf.Kind.PARAM, new Span(1, 5), new Initializer.Constant(0.5)), others);
    check(make(Class.forName("dev.nnc.ir.Graph$Key"), Op.ADD, List.of(1, 2), 7L, "x", Shape.of(2), true, List.of(1.5)), others);
  }

  private static void check(Record record, Map<Class<?>, Object> others) throws Exception {
    String what = record.getClass().getSimpleName();
    RecordComponent[] components = record.getClass().getRecordComponents();
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      Method accessor = components[i].getAccessor();
      accessor.setAccessible(true);
      values[i] = accessor.invoke(record);
    }
    int hash = 0;
    for (Object v : values) hash = 31 * hash + Objects.hashCode(v);
    assertWithMessage("%s.hashCode", what).that(record.hashCode()).isEqualTo(hash);

    Record copy = make(record.getClass(), values);
    assertWithMessage("%s equals a copy", what).that(copy).isEqualTo(record);
    assertWithMessage("%s's copy's hash", what).that(copy.hashCode()).isEqualTo(record.hashCode());
    assertThat(record.equals(null)).isFalse();
    assertThat(record.equals(what)).isFalse();
    for (int i = 0; i < components.length; i++) {
      Object[] changed = values.clone();
      changed[i] = other(values[i], components[i].getType(), others);
      assertWithMessage("%s with another %s", what, components[i].getName()).that(make(record.getClass(), changed)).isNotEqualTo(record);
    }
  }

  /** A value of {@code type} unequal to {@code v}. */
  private static Object other(Object v, Class<?> type, Map<Class<?>, Object> others) {
    if (type == int.class) return (Integer) v + 1;
    if (type == long.class) return (Long) v + 1;
    if (type == boolean.class) return !(Boolean) v;
    if (type == String.class) return v + "'";
    if (type.isEnum()) return type.getEnumConstants()[(((Enum<?>) v).ordinal() + 1) % type.getEnumConstants().length];
    if (type == List.class) return longer((List<?>) v);
    if (type == Span.class) return new Span(((Span) v).line() + 1, ((Span) v).column());
    if (type == Shape.class) return new Shape(longer(((Shape) v).dims()));
    Object o = others.get(type);
    assertWithMessage("no other value of %s to compare with", type).that(o).isNotNull();
    assertThat(o).isNotEqualTo(v);
    return o;
  }

  /** {@code list} with its first element once more at the end. */
  private static <T> List<T> longer(List<T> list) {
    List<T> longer = new ArrayList<>(list);
    longer.add(list.get(0));
    return List.copyOf(longer);
  }

  private static Record make(Class<?> recordClass, Object... values) throws Exception {
    Class<?>[] types = Arrays.stream(recordClass.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
    Constructor<?> canonical = recordClass.getDeclaredConstructor(types);
    canonical.setAccessible(true);
    return (Record) canonical.newInstance(values);
  }
}
