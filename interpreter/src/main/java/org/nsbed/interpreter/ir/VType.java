package org.nsbed.interpreter.ir;

import java.util.List;

/**
 * A virtual hardware type ({@code tb-make-soft-vtype} 0.5, {@code tb-make-hard-vtype} 1.0,
 * {@code tb-make-weighted-vtype} w).
 *
 * @param name vtype name, usable in {@code tb-set-hardware}
 * @param weight preference weight
 * @param types the hardware types it stands for
 */
public record VType(String name, double weight, List<String> types) {

  public VType {
    types = List.copyOf(types);
  }
}
