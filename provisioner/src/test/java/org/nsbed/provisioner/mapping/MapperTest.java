package org.nsbed.provisioner.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nsbed.provisioner.mapping.PhysicalNodeOffer.Availability;

class MapperTest {
  private final Mapper mapper = new Mapper();

  private static VirtualNodeDemand v(String name, String... types) {
    return new VirtualNodeDemand(name, Set.of(types), Map.of(), null);
  }

  private static PhysicalNodeOffer p(String name, String type) {
    return new PhysicalNodeOffer(name, type, Availability.FREE);
  }

  private static PhysicalNodeOffer p(String name, String type, Availability a) {
    return new PhysicalNodeOffer(name, type, a);
  }

  @Test
  void mapsEachVirtualNodeOntoADistinctNodeOfAFittingType() throws MappingFailure {
    Map<String, String> m = mapper.map(
        List.of(v("a", "pc850"), v("b", "pc850"), v("c", "pc3000")),
        List.of(p("pc1", "pc850"), p("pc2", "pc850"), p("pc3", "pc3000"), p("pc4", "pc850")));
    assertEquals(Set.of("pc1", "pc2"), Set.of(m.get("a"), m.get("b")));
    assertEquals("pc3", m.get("c"));
  }

  @Test
  void prefersLowerNumberedNodesInNaturalOrder() throws MappingFailure {
    Map<String, String> m = mapper.map(List.of(v("a", "pc")), List.of(p("pc10", "pc"), p("pc2", "pc")));
    assertEquals("pc2", m.get("a"));
  }

  private static PhysicalNodeOffer remote(String name, String type) {
    return new PhysicalNodeOffer(name, type, Availability.FREE, true, java.time.Instant.EPOCH);
  }

  @Test
  void takesALocalNodeWhileOneIsFreeEvenWhenARemoteNodeComesFirstByName() throws MappingFailure {
    Map<String, String> m = mapper.map(List.of(v("a", "pc850", "bpc2133")),
        List.of(remote("bpc1", "bpc2133"), p("pc1", "pc850"), p("pc2", "pc850")));
    assertEquals("pc1", m.get("a"));
  }

  @Test
  void takesARemoteNodeWhenTheVirtualNodeAsksForOne() throws MappingFailure {
    VirtualNodeDemand asks = new VirtualNodeDemand("a", Set.of("bpc2133"), Map.of(), null, true);
    Map<String, String> m = mapper.map(List.of(asks), List.of(p("pc1", "pc850"), remote("bpc1", "bpc2133")));
    assertEquals("bpc1", m.get("a"));
  }

  @Test
  void takesARemoteNodeOnlyWhenNoLocalOneFits() throws MappingFailure {
    Map<String, String> m = mapper.map(List.of(v("a", "pc850", "bpc2133"), v("b", "pc850", "bpc2133")),
        List.of(remote("bpc1", "bpc2133"), p("pc1", "pc850"), p("pc2", "pc850", Availability.BUSY)));
    assertEquals(Set.of("pc1", "bpc1"), Set.of(m.get("a"), m.get("b")));
  }

  @Test
  void takesTheNodeIdleLongestSoUseSpreadsOverTheNodes() throws MappingFailure {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    Map<String, String> m = mapper.map(List.of(v("a", "pc850")), List.of(
        new PhysicalNodeOffer("pc1", "pc850", Availability.FREE, false, t0.plusSeconds(60)),
        new PhysicalNodeOffer("pc2", "pc850", Availability.FREE, false, t0.plusSeconds(30)),
        new PhysicalNodeOffer("pc3", "pc850", Availability.FREE, false, t0.plusSeconds(45))));
    assertEquals("pc2", m.get("a"));
  }

  @Test
  void findsAMappingWhereGreedyChoiceWouldFail() throws MappingFailure {
    // "a" fits both types, "b" only pc850: a greedy pass giving pc1 to "a" would strand "b".
    Map<String, String> m = mapper.map(
        List.of(v("a", "pc850", "pc3000"), v("b", "pc850")),
        List.of(p("pc1", "pc850"), p("pc2", "pc3000")));
    assertEquals("pc2", m.get("a"));
    assertEquals("pc1", m.get("b"));
  }

  @Test
  void honoursFixedNodes() throws MappingFailure {
    VirtualNodeDemand fixed = new VirtualNodeDemand("a", Set.of("pc850"), Map.of(), "pc2");
    Map<String, String> m = mapper.map(List.of(fixed, v("b", "pc850")), List.of(p("pc1", "pc850"), p("pc2", "pc850")));
    assertEquals("pc2", m.get("a"));
    assertEquals("pc1", m.get("b"));
  }

  @Test
  void busyNodesMeanNotNow() {
    MappingFailure f = assertThrows(MappingFailure.class, () -> mapper.map(
        List.of(v("a", "pc850"), v("b", "pc850")),
        List.of(p("pc1", "pc850"), p("pc2", "pc850", Availability.BUSY))));
    assertEquals(MappingFailure.Kind.NOT_NOW, f.kind());
    assertTrue(f.getMessage().contains("2 node(s) of type pc850 wanted, 1 of 2 available (a, b)"), f.getMessage());
  }

  @Test
  void tooFewNodesOfATypeMeansNever() {
    MappingFailure f = assertThrows(MappingFailure.class, () -> mapper.map(
        List.of(v("a", "pc850"), v("b", "pc850")), List.of(p("pc1", "pc850"), p("pc2", "pc3000"))));
    assertEquals(MappingFailure.Kind.NEVER, f.kind());
    assertTrue(f.getMessage().startsWith("this experiment cannot be instantiated on this testbed"), f.getMessage());
  }

  @Test
  void noImageForTheTypeMeansNeverAndSaysWhy() {
    VirtualNodeDemand d = new VirtualNodeDemand("a", Set.of(),
        Map.of("pc3000", "OSID FBSD-STD has no image for node type pc3000; it runs on: pc850"), null);
    MappingFailure f = assertThrows(MappingFailure.class, () -> mapper.map(List.of(d), List.of(p("pc1", "pc3000"))));
    assertEquals(MappingFailure.Kind.NEVER, f.kind());
    assertTrue(f.getMessage().contains("a: OSID FBSD-STD has no image for node type pc3000; it runs on: pc850"),
        f.getMessage());
  }

  @Test
  void noNodeOfTheTypeMeansNever() {
    MappingFailure f = assertThrows(MappingFailure.class, () -> mapper.map(
        List.of(v("a", "pc600")), List.of(p("pc1", "pc850"))));
    assertEquals(MappingFailure.Kind.NEVER, f.kind());
    assertTrue(f.getMessage().contains("the testbed has no node of type pc600"), f.getMessage());
  }

  @Test
  void fixedToAnUnknownNodeIsNever() {
    VirtualNodeDemand d = new VirtualNodeDemand("a", Set.of("pc850"), Map.of(), "pc99");
    MappingFailure f = assertThrows(MappingFailure.class, () -> mapper.map(List.of(d), List.of(p("pc1", "pc850"))));
    assertEquals(MappingFailure.Kind.NEVER, f.kind());
    assertTrue(f.getMessage().contains("pc99, which is not a node of this testbed"), f.getMessage());
  }

  @Test
  void fixedToABusyNodeIsNotNow() {
    VirtualNodeDemand d = new VirtualNodeDemand("a", Set.of("pc850"), Map.of(), "pc1");
    MappingFailure f = assertThrows(MappingFailure.class,
        () -> mapper.map(List.of(d), List.of(p("pc1", "pc850", Availability.BUSY), p("pc2", "pc850"))));
    assertEquals(MappingFailure.Kind.NOT_NOW, f.kind());
    assertTrue(f.getMessage().contains("a is fixed to pc1, which is in use by another experiment"), f.getMessage());
  }

  @Test
  void excludedNodeIsNeverChosenAgain() throws MappingFailure {
    Map<String, String> m = mapper.map(List.of(v("a", "pc850")),
        List.of(p("pc1", "pc850", Availability.EXCLUDED), p("pc2", "pc850")));
    assertEquals("pc2", m.get("a"));
    MappingFailure f = assertThrows(MappingFailure.class, () -> mapper.map(List.of(v("a", "pc850")),
        List.of(p("pc1", "pc850", Availability.EXCLUDED))));
    assertEquals(MappingFailure.Kind.NOT_NOW, f.kind());
  }

  @Test
  void mapsFiftyNodesOntoMixedTypes() throws MappingFailure {
    List<VirtualNodeDemand> demands = new ArrayList<>();
    List<PhysicalNodeOffer> offers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      demands.add(v("n" + i, i % 2 == 0 ? "pc850" : "pc3000"));
      offers.add(p("pc" + i, i % 2 == 0 ? "pc850" : "pc3000"));
      offers.add(p("pcx" + i, "pc600"));
    }
    Map<String, String> m = mapper.map(demands, offers);
    assertEquals(50, new HashSet<>(m.values()).size());
    for (int i = 0; i < 50; i++) {
      String physical = m.get("n" + i);
      int number = Integer.parseInt(physical.substring(2));
      assertEquals(i % 2, number % 2, "n" + i + " must get a node of its own type, got " + physical);
    }
    assertTrue(m.values().stream().noneMatch(n -> n.startsWith("pcx")));
  }

  @Test
  void aShortageOfManyNodesNamesAFewAndKeepsTheCountsFirst() {
    List<VirtualNodeDemand> demands = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      demands.add(v("node-" + i, "pc850"));
    }
    MappingFailure f = assertThrows(MappingFailure.class, () -> mapper.map(demands,
        List.of(p("pc1", "pc850"), p("pc2", "pc850", Availability.BUSY))));
    assertTrue(f.getMessage().contains("500 node(s) of type pc850 wanted, 2 of 2 available (node-0, node-1, "),
        f.getMessage());
    assertTrue(f.getMessage().contains(" and 492 more)"), f.getMessage());
    assertTrue(f.getMessage().length() < 400, f.getMessage());
  }

  @Test
  void aThousandVirtualNodesTakeTheFreeNodesInOrderOfPreference() throws MappingFailure {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    List<VirtualNodeDemand> demands = new ArrayList<>();
    List<PhysicalNodeOffer> offers = new ArrayList<>();
    for (int i = 0; i < 1010; i++) {
      // Idle longest last in name order, and every third node busy.
      offers.add(new PhysicalNodeOffer("pc" + i, "pc850", i % 3 == 0 ? Availability.BUSY : Availability.FREE, false,
          t0.plusSeconds(1010 - i)));
    }
    for (int i = 0; i < 600; i++) {
      demands.add(v("n" + i, "pc850"));
    }
    Map<String, String> m = mapper.map(demands, offers);
    List<String> preferred = offers.stream().filter(o -> o.availability() == Availability.FREE)
        .sorted(Comparator.comparing(PhysicalNodeOffer::idleSince)).map(PhysicalNodeOffer::name).toList();
    for (int i = 0; i < 600; i++) {
      assertEquals(preferred.get(i), m.get("n" + i), "n" + i);
    }
  }
}
