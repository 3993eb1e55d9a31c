package dev.beampipe.model.testing;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks tests that run against the real one-node Slurm cluster ({@link RealSlurm}): tagged
 * {@value RealSlurm#TAG} and enabled only when {@code BEAMPIPE_TEST_SLURM_ENV} is set (CI sets it, `.ci/run`).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(RealSlurm.TAG)
@EnabledIfEnvironmentVariable(named = RealSlurm.ENV, matches = ".*\\S.*")
public @interface RequiresRealSlurm {
}
