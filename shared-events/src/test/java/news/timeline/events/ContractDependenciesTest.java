package news.timeline.events;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/** The contract is shared by every service and tool: it may lean on Jackson, never on Spring, Axon or Kafka. */
class ContractDependenciesTest {

    @Test
    void eventsDependOnlyOnTheJdkAndJackson() {
        classes().that().resideInAPackage("news.timeline.events..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("news.timeline.events..", "java..", "com.fasterxml.jackson..")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("news.timeline.events"));
    }
}
