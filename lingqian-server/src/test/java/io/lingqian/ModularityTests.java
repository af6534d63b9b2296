package io.lingqian;

import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Fails the build when a context reaches into another's internals or the modules form a cycle. */
class ModularityTests {

    /**
     * The ledger and clock jars sit under the same base package but are libraries, not contexts of
     * this application: their encapsulation is Java visibility, and every context may use them.
     */
    private final ApplicationModules modules = ApplicationModules.of(LingqianApplication.class,
            JavaClass.Predicates.resideInAnyPackage("io.lingqian.ledger..", "io.lingqian.clock.."));

    @Test
    void contextsOnlyUseEachOthersPublicApi() {
        modules.verify();
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder("target/modulith-docs"))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
    }
}
