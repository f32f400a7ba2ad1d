package org.nsbed.cli.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module and package rules of DEVELOPERS.md, checked on the compiled main classes. */
class ArchitectureTest {

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
        .layer("provisioner").definedBy("org.nsbed.provisioner..")
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
    noClasses().that().resideOutsideOfPackage("org.nsbed.provisioner..")
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
}
