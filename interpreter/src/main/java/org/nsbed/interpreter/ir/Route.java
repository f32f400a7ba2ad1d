package org.nsbed.interpreter.ir;

/**
 * A manual route ({@code $node add-route dst nexthop}).
 *
 * @param destination node, link or LAN the route leads to
 * @param nextHop the neighbour node to send through
 */
public record Route(String destination, String nextHop) {}
