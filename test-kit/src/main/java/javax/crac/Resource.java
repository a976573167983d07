package javax.crac;

/**
 * The {@code javax.crac} API that {@code org.crac} binds to by name when the JVM itself has no CRaC
 * (as OpenJDK's own {@code jdk.crac} has it): a resource told before a checkpoint and after a
 * restore. For tests (test-kit): {@link Core} records what a function registers.
 */
public interface Resource {
  void beforeCheckpoint(Context<? extends Resource> context) throws Exception;

  void afterRestore(Context<? extends Resource> context) throws Exception;
}
