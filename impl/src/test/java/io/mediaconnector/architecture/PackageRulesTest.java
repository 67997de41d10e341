package io.mediaconnector.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape of {@code impl}: its packages form no cycle, the domain says nothing about HTTP, and
 * the generated contract types stay at the edge that implements the contract.
 */
class PackageRulesTest {
    private static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.mediaconnector");

    /** What the service is about, as opposed to its edges (api, http, upload's protocol, server's wiring). */
    private static final String[] DOMAIN = {"io.mediaconnector.account..", "io.mediaconnector.video..",
            "io.mediaconnector.protection..", "io.mediaconnector.playback..", "io.mediaconnector.processing..",
            "io.mediaconnector.encoding..", "io.mediaconnector.storage..", "io.mediaconnector.db..",
            "io.mediaconnector.config..", "io.mediaconnector.support..", "io.mediaconnector.failure.."};

    @Test
    void packagesFormNoCycle() {
        slices().matching("io.mediaconnector.(*)..").should().beFreeOfCycles().check(SERVICE);
    }

    @Test
    void theDomainSaysNothingAboutHttp() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage("io.mediaconnector.api..", "io.mediaconnector.http..",
                        "io.mediaconnector.problem..", "io.mediaconnector.server..", "io.mediaconnector.generated..",
                        "jakarta.ws.rs..", "org.glassfish..")
                .because("domain failures are domain exceptions; only the edges speak HTTP")
                .check(SERVICE);
    }

    @Test
    void theDomainDoesNotReachIntoTheDatabaseLayer() {
        noClasses().that().resideInAnyPackage(DOMAIN).and().resideOutsideOfPackages("io.mediaconnector.db..")
                .should().dependOnClassesThat().resideInAPackage("io.mediaconnector.db..")
                .because("each domain package owns its store interface; db implements it")
                .check(SERVICE);
    }

    @Test
    void theBlobProtocolStandsOnTheStorageAlone() {
        noClasses().that().resideInAPackage("io.mediaconnector.upload..")
                .should().dependOnClassesThat().resideInAnyPackage("io.mediaconnector.api..", "io.mediaconnector.http..",
                        "io.mediaconnector.problem..", "io.mediaconnector.video..", "io.mediaconnector.db..",
                        "io.mediaconnector.processing..", "io.mediaconnector.server..")
                .because("the blob protocol is an application of its own over the BlobStore seam")
                .check(SERVICE);
    }

    @Test
    void onlyTheApiUsesTheGeneratedServerTypes() {
        noClasses().that().resideOutsideOfPackages("io.mediaconnector.api..", "io.mediaconnector.generated..")
                .should().dependOnClassesThat().resideInAPackage("io.mediaconnector.generated.server..")
                .because("the contract's generated types are the API's concern")
                .check(SERVICE);
    }
}
