package javax.crac;

/**
 * The {@code javax.crac} API that {@code org.crac} binds to by name when the JVM itself has no CRaC
 * (as OpenJDK's own {@code jdk.crac} has it): a resource told before a checkpoint and after a
 * restore. Only the benchmark's SnapStart model puts this package on a class path.
 */
public interface Resource {
  void beforeCheckpoint(Context<? extends Resource> context) throws Exception;

  void afterRestore(Context<? extends Resource> context) throws Exception;
}
