package io.github.cognitoemailotp.layer;

import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * What every function's SnapStart priming shares: registered with CRaC's global context only for a
 * SnapStart init, one log line at the checkpoint, nothing to renew after a restore, never a throw.
 *
 * <p>Why only for a SnapStart init: registering through {@code org.crac} looks up the JVM's CRaC
 * implementation by reflection and builds a proxy class, a cost every on-demand cold start would
 * pay for a hook that never runs there (docs/performance.md, issue 26). Lambda sets {@value
 * #INITIALIZATION_TYPE_VARIABLE} to {@value #SNAP_START} when it initialises a function to take its
 * snapshot ({@code on-demand} or {@code provisioned-concurrency} otherwise). So a handler builds
 * and registers its hook only when {@link #isSnapStartInit} says so, and holds it (CRaC's context
 * holds its resources weakly):
 *
 * <pre>{@code
 * this.priming =
 *     SnapStartHook.isSnapStartInit(environment)
 *         ? SnapStartHook.register(new SnapStartPriming(...))
 *         : null;
 * }</pre>
 *
 * <p>On demand the hook's class is then never loaded, nor what its static fields need.
 *
 * <p>A subclass primes in {@link #primeAndReport()} and returns the line to log, which must name no
 * user; an exception it lets out is logged as a failed priming, never thrown into the checkpoint.
 */
public abstract class SnapStartHook implements Resource {

  /** The variable Lambda sets to say how it initialises the execution environment. */
  public static final String INITIALIZATION_TYPE_VARIABLE = "AWS_LAMBDA_INITIALIZATION_TYPE";

  /** Its value for the init that SnapStart snapshots. */
  public static final String SNAP_START = "snap-start";

  /** Whether {@code environment} is that of a SnapStart init. */
  public static boolean isSnapStartInit(Map<String, String> environment) {
    return SNAP_START.equals(environment.get(INITIALIZATION_TYPE_VARIABLE));
  }

  /** Registers {@code hook} with CRaC's global context; returns it for the caller to hold. */
  public static <T extends SnapStartHook> T register(T hook) {
    Core.getGlobalContext().register(hook);
    return hook;
  }

  /** Primes the function; returns the log line saying how it went, naming no user. */
  protected abstract String primeAndReport();

  /** The function's name in the line logged when {@link #primeAndReport()} throws. */
  protected abstract String functionName();

  @Override
  public final void beforeCheckpoint(Context<? extends Resource> context) {
    String line;
    try {
      line = primeAndReport();
    } catch (RuntimeException | LinkageError e) {
      line =
          "SnapStart priming: " + functionName() + " failed (" + e.getClass().getSimpleName() + ")";
    }
    System.out.println(line);
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // Nothing to renew by default: a hook that keeps something that goes stale overrides this.
  }
}
