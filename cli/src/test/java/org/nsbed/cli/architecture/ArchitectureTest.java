package org.nsbed.cli.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaParameterizedType;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.JavaWildcardType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module and package rules of DEVELOPERS.md, checked on the compiled main classes. */
class ArchitectureTest {

  private static final String PROVISIONER = "org.nsbed.provisioner..";

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.nsbed");
  }

  @Test
  void modulesDependOneWay() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("cli").definedBy("org.nsbed.cli..")
        .layer("server").definedBy("org.nsbed.server..")
        .layer("scheduler").definedBy("org.nsbed.scheduler..")
        .layer("provisioner").definedBy(PROVISIONER)
        .layer("loader").definedBy("org.nsbed.loader..")
        .layer("interpreter").definedBy("org.nsbed.interpreter..")
        .layer("grammar").definedBy("org.nsbed.grammar..")
        .whereLayer("cli").mayNotBeAccessedByAnyLayer()
        .whereLayer("server").mayOnlyBeAccessedByLayers("cli")
        .whereLayer("scheduler").mayOnlyBeAccessedByLayers("server", "cli")
        .whereLayer("provisioner").mayOnlyBeAccessedByLayers("scheduler", "server", "cli")
        .whereLayer("loader").mayOnlyBeAccessedByLayers("provisioner", "scheduler", "server", "cli")
        .whereLayer("interpreter").mayOnlyBeAccessedByLayers("provisioner", "scheduler", "server", "cli")
        .whereLayer("grammar").mayOnlyBeAccessedByLayers("interpreter", "provisioner", "scheduler", "server", "cli")
        .check(classes);
  }

  @Test
  void persistenceTypesStayInTheProvisioner() {
    noClasses().that().resideOutsideOfPackage(PROVISIONER)
        .should().dependOnClassesThat().resideInAnyPackage("org.hibernate..", "jakarta.persistence..")
        .because("the scheduler, the server and the cli change experiments and nodes through the provisioner's "
            + "services (DEVELOPERS.md, \"Layout\")")
        .check(classes);
  }

  @Test
  void simulatedAndVirtualNodesAreBuiltInOnePlace() {
    noClasses().that().resideOutsideOfPackages("org.nsbed.provisioner.node.simulated..", "org.nsbed.provisioner.node.qemu..")
        .and().doNotHaveFullyQualifiedName("org.nsbed.provisioner.node.NodeDrivers")
        .should().dependOnClassesThat().resideInAnyPackage("org.nsbed.provisioner.node.simulated..",
            "org.nsbed.provisioner.node.qemu..")
        .because("everything else drives nodes through NodeDriver; NodeDrivers builds the drivers a testbed file "
            + "asks for (DEVELOPERS.md, \"Layout\")")
        .check(classes);
  }

  /**
   * A lambda's parameter types are no dependency ArchUnit sees, so {@code db.read(s -> ...)} would
   * pass the rule above: a call that hands work on a session ({@code Database.read},
   * {@code inTransaction}, {@code query}, {@code run}) is what gives it away.
   */
  @Test
  void onlyTheProvisionerOpensTransactions() {
    noClasses().that().resideOutsideOfPackage(PROVISIONER)
        .should().callMethodWhere(takesWorkOnASession())
        .because("transactions belong to the provisioner's services, one per method (DEVELOPERS.md, \"Layout\")")
        .check(classes);
  }

  @Test
  void nothingOutsideTheProvisionerUsesSessionTakingClasses() {
    noClasses().that().resideOutsideOfPackage(PROVISIONER)
        .should().dependOnClassesThat(takeASession())
        .because("the scheduler, the server and the cli hold no session to give them; they use the provisioner's "
            + "services (DEVELOPERS.md, \"Layout\")")
        .check(classes);
  }

  /** Calls of a method with a parameter typed by a persistence type, or by work on one ({@code Function<Session, T>}). */
  private static DescribedPredicate<JavaMethodCall> takesWorkOnASession() {
    return DescribedPredicate.describe("a method that takes work on a persistence session",
        call -> call.getTarget().resolveMember()
            .map(m -> m.getParameterTypes().stream().anyMatch(ArchitectureTest::mentionsPersistence))
            .orElse(false));
  }

  /** Provisioner classes with a public method or constructor that takes a persistence type (a session, a query...). */
  private static DescribedPredicate<JavaClass> takeASession() {
    return DescribedPredicate.describe("take a persistence session in a public method or constructor",
        c -> c.getPackageName().startsWith("org.nsbed.provisioner")
            && Stream.concat(c.getMethods().stream(), c.getConstructors().stream())
                .filter(m -> m.getModifiers().contains(JavaModifier.PUBLIC))
                .map(JavaCodeUnit::getRawParameterTypes)
                .anyMatch(types -> types.stream().anyMatch(ArchitectureTest::isPersistenceType)));
  }

  private static boolean mentionsPersistence(JavaType type) {
    if (isPersistenceType(type.toErasure())) {
      return true;
    }
    if (type instanceof JavaParameterizedType parameterized) {
      return parameterized.getActualTypeArguments().stream().anyMatch(ArchitectureTest::mentionsPersistence);
    }
    if (type instanceof JavaWildcardType wildcard) {
      return Stream.concat(wildcard.getUpperBounds().stream(), wildcard.getLowerBounds().stream())
          .anyMatch(ArchitectureTest::mentionsPersistence);
    }
    return false;
  }

  private static boolean isPersistenceType(JavaClass c) {
    return c.getPackageName().startsWith("org.hibernate") || c.getPackageName().startsWith("jakarta.persistence");
  }
}
