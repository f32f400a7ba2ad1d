package org.nsbed.cli.loader;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code ADDR:PORT} for --group. */
final class GroupConverter implements ITypeConverter<InetSocketAddress> {
  @Override
  public InetSocketAddress convert(String value) throws Exception {
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new TypeConversionException("'" + value + "' is not ADDR:PORT (for example 239.192.1.1:5000)");
    }
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value.substring(colon + 1) + "' is not a port number");
    }
    InetAddress a = InetAddress.getByName(value.substring(0, colon));
    if (!a.isMulticastAddress()) {
      throw new TypeConversionException("'" + value.substring(0, colon) + "' is not a multicast group (use 239.x.y.z)");
    }
    return new InetSocketAddress(a, port);
  }

  static String format(InetSocketAddress g) {
    return g.getAddress().getHostAddress() + ":" + g.getPort();
  }
}
