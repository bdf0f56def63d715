package org.chatvault.cli;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture rules of docs/DESIGN.md §2 as tests, over the production classes of every module
 * this one sees (core, protocol, generator, server, client, cli). ArchUnit's core API in plain JUnit tests: one import of
 * the classes, one test per rule, so a failure names the rule and lists each offending dependency.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.chatvault");
        // Each module's classes are there, or the rules below would pass over nothing.
        for (String p : new String[] {"core.format", "core.crypto", "server.http", "server.vault", "client.sync", "client.backup", "protocol.vault", "generator", "cli"})
            assertThat(classes.containPackage("org.chatvault." + p)).as("imported org.chatvault.%s", p).isTrue();
    }

    @Test
    void coreDependsOnNoOtherModuleOfOurs() {
        noClasses().that().resideInAPackage("org.chatvault.core..")
                .should().dependOnClassesThat(resideInAPackage("org.chatvault..").and(not(resideInAPackage("org.chatvault.core.."))))
                .because("core is the format and the model, shared by every module and depending on none (DESIGN.md §2)")
                .check(classes);
    }

    @Test
    void protocolAndGeneratorDependOnCoreAlone() {
        for (String module : new String[] {"protocol", "generator"}) {
            noClasses().that().resideInAPackage("org.chatvault." + module + "..")
                    .should().dependOnClassesThat(resideInAPackage("org.chatvault..")
                            .and(not(resideInAPackage("org.chatvault.core..")).and(not(resideInAPackage("org.chatvault." + module + "..")))))
                    .because("the wire and the generator are shared by server, client, CLI and benchmarks (DESIGN.md §2)")
                    .check(classes);
        }
    }

    @Test
    void serverNeverDependsOnTheClient() {
        noClasses().that().resideInAPackage("org.chatvault.server..")
                .should().dependOnClassesThat().resideInAPackage("org.chatvault.client..")
                .check(classes);
    }

    @Test
    void clientNeverDependsOnTheServer() {
        noClasses().that().resideInAPackage("org.chatvault.client..")
                .should().dependOnClassesThat().resideInAPackage("org.chatvault.server..")
                .check(classes);
    }

    /**
     * Handlers parse, call a service and map its result (DESIGN.md §2); the stores are the services'.
     * A store is anything in a {@code ..store..} package (the SQL and blob implementations) or a store
     * interface of a feature ({@code account.AccountStore}, {@code vault.ObjectIndex}, {@code jobs.LeaseStore}):
     * a server class named {@code *Store} or {@code *Index}.
     */
    @Test
    void httpHandlersReachNoStore() {
        noClasses().that().resideInAPackage("org.chatvault.server.http..")
                .should().dependOnClassesThat(resideInAPackage("org.chatvault.server..store..")
                        .or(resideInAPackage("org.chatvault.server..").and(simpleNameEndingWith("Store").or(simpleNameEndingWith("Index")))))
                .because("handlers only call services (DESIGN.md §2)")
                .check(classes);
    }

    @Test
    void noCyclesBetweenFeaturePackages() {
        slices().matching("org.chatvault.(*).(*)..").should().beFreeOfCycles()
                .check(classes);
    }
}
