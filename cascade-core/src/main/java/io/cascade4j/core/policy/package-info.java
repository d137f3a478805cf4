/**
 * The built-in exit policies, {@code band}, {@code always}, {@code never} and {@code agreement}: their factories for
 * code ({@link io.cascade4j.core.policy.ExitPolicies}) and their providers for configuration files.
 */
@NullMarked
package io.cascade4j.core.policy;

import org.jspecify.annotations.NullMarked;
