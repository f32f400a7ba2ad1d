package org.nsbed.interpreter.ir;

/**
 * A scheduled event ({@code $ns at 10 "$link0 down"}).
 *
 * @param time seconds after swap-in (0 for swap-out events)
 * @param trigger {@code timer} or {@code swapout}
 * @param object name of the object acted on
 * @param objectType {@code LINK}, {@code NODE}, {@code TRAFGEN}, {@code PROGRAM}, ...
 * @param event {@code UP}, {@code DOWN}, {@code START}, {@code MODIFY}, ...
 * @param args event arguments ({@code BANDWIDTH=10000}, ...), possibly empty
 * @param line line of the {@code at} command
 */
public record Event(double time, String trigger, String object, String objectType, String event, String args,
    int line) {}
