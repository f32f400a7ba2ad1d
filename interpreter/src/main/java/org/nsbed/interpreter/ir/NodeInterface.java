package org.nsbed.interpreter.ir;

/**
 * One experimental network interface of a node.
 *
 * @param port index of the interface on its node (order of joining links and LANs)
 * @param lan the link or LAN it belongs to
 * @param ip its address, or null if none was assigned
 * @param mask the netmask of its subnet
 */
public record NodeInterface(int port, String lan, String ip, String mask) {}
