package javax.crac;

import java.util.ArrayList;
import java.util.List;

/**
 * The global context for tests, found by {@code org.crac} by name (the test JVM has no CRaC of its
 * own, so without this {@code org.crac} registers nothing anywhere): it records every resource
 * registered through {@code org.crac.Core.getGlobalContext()}, so a test can tell whether a
 * function registered its SnapStart priming, and run it as a checkpoint would. The same API as the
 * benchmark's SnapStart model (benchmarks/snapstart-model), plus {@link #takeRegistered()}.
 */
public final class Core {

  private static final GlobalContext GLOBAL = new GlobalContext();

  private Core() {}

  public static Context<Resource> getGlobalContext() {
    return GLOBAL;
  }

  /**
   * Calls every registered resource's {@code beforeCheckpoint} (the newest first, as CRaC does) and
   * then every {@code afterRestore} (the oldest first), in this JVM; takes no snapshot.
   */
  public static void checkpointRestore() throws CheckpointException, RestoreException {
    try {
      GLOBAL.beforeCheckpoint(GLOBAL);
    } catch (Exception e) {
      throw new CheckpointException(e);
    }
    try {
      GLOBAL.afterRestore(GLOBAL);
    } catch (Exception e) {
      throw new RestoreException(e);
    }
  }

  /**
   * The resources registered since the last call, oldest first, and forgets them. What {@code
   * org.crac} registers here is its own proxy of the function's resource: calling its {@code
   * beforeCheckpoint} calls the function's.
   */
  public static List<Resource> takeRegistered() {
    return GLOBAL.take();
  }

  /** Holds its resources strongly, for the test that takes them. */
  private static final class GlobalContext extends Context<Resource> {
    private final List<Resource> resources = new ArrayList<>();

    @Override
    public synchronized void register(Resource resource) {
      resources.add(resource);
    }

    synchronized List<Resource> take() {
      List<Resource> taken = List.copyOf(resources);
      resources.clear();
      return taken;
    }

    @Override
    public synchronized void beforeCheckpoint(Context<? extends Resource> context)
        throws Exception {
      for (Resource resource : resources.reversed()) {
        resource.beforeCheckpoint(this);
      }
    }

    @Override
    public synchronized void afterRestore(Context<? extends Resource> context) throws Exception {
      for (Resource resource : resources) {
        resource.afterRestore(this);
      }
    }
  }
}
