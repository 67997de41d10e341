/**
 * Benchmarks of the service. Run on demand, never as part of {@code mvn verify}.
 */
package io.mediaconnector.bench;
