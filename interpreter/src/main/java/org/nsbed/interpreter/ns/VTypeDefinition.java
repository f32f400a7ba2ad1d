package org.nsbed.interpreter.ns;

import java.util.List;
import org.nsbed.grammar.SourcePosition;

/**
 * A virtual type as defined by {@code tb-make-*-vtype}.
 *
 * @param name vtype name
 * @param weight preference weight
 * @param types member hardware types
 * @param position the defining command
 */
public record VTypeDefinition(String name, double weight, List<String> types, SourcePosition position) {}
