package javax.crac;

import java.util.ArrayList;
import java.util.List;

/**
 * The global context, and a checkpoint that takes no snapshot: {@link #checkpointRestore()} calls
 * every registered resource's {@code beforeCheckpoint} (the newest first, as CRaC does) and then
 * every {@code afterRestore} (the oldest first), in this same JVM. What Lambda SnapStart adds, the
 * snapshot and its restore, is left out; what the function's hooks do is all in.
 */
public final class Core {

  private static final GlobalContext GLOBAL = new GlobalContext();

  private Core() {}

  public static Context<Resource> getGlobalContext() {
    return GLOBAL;
  }

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

  /** Holds its resources strongly: the model's JVM ends after one invocation. */
  private static final class GlobalContext extends Context<Resource> {
    private final List<Resource> resources = new ArrayList<>();

    @Override
    public synchronized void register(Resource resource) {
      resources.add(resource);
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
