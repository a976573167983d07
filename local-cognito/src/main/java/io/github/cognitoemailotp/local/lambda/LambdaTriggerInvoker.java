package io.github.cognitoemailotp.local.lambda;

import io.github.cognitoemailotp.local.template.FunctionSettings;
import io.github.cognitoemailotp.local.template.StackTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Runs the template's trigger functions as Lambda does: each in its own JVMs through the real
 * Lambda runtime interface client, with the template's environment, scaled out per concurrent
 * invocation (up to a limit), and retried by Cognito's rule when an invocation runs past the
 * function's timeout (3 attempts).
 */
public final class LambdaTriggerInvoker implements TriggerInvoker {

  private static final Logger LOG = Logger.getLogger(LambdaTriggerInvoker.class.getName());
  private static final int ATTEMPTS = 3;

  private final class Pool {
    final FunctionSettings function;
    final LinkedBlockingDeque<FunctionInstance> idle = new LinkedBlockingDeque<>();
    final List<FunctionInstance> all = new ArrayList<>();

    Pool(FunctionSettings function) {
      this.function = function;
    }

    FunctionInstance acquire() throws InterruptedException {
      while (true) {
        FunctionInstance instance = idle.pollFirst();
        if (instance == null) {
          synchronized (this) {
            if (all.size() < maxInstances) {
              return start();
            }
          }
          instance = idle.pollFirst(30, TimeUnit.SECONDS);
          if (instance == null) {
            throw new IllegalStateException(
                "no instance of " + function.logicalId() + " became free");
          }
        }
        if (instance.alive()) {
          return instance;
        }
        discard(instance);
      }
    }

    synchronized FunctionInstance start() {
      try {
        FunctionInstance instance =
            new FunctionInstance(function, baseEnvironment, region, logDirectory);
        all.add(instance);
        return instance;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    synchronized void discard(FunctionInstance instance) {
      all.remove(instance);
      instance.close();
    }
  }

  private final Map<Trigger, Pool> pools = new EnumMap<>(Trigger.class);
  private final Map<String, String> baseEnvironment;
  private final String region;
  private final Path logDirectory;
  private final int maxInstances;

  /**
   * @param stack the template
   * @param baseEnvironment what the functions inherit (as local-cognito's own environment)
   * @param region the region the functions run in
   * @param logDirectory where each function's output goes ({@code <LogicalId>.log})
   * @param maxInstances the most execution environments per function
   */
  public LambdaTriggerInvoker(
      StackTemplate stack,
      Map<String, String> baseEnvironment,
      String region,
      Path logDirectory,
      int maxInstances) {
    this.baseEnvironment = Map.copyOf(baseEnvironment);
    this.region = region;
    this.logDirectory = logDirectory;
    this.maxInstances = maxInstances;
    for (Trigger trigger : Trigger.values()) {
      stack
          .function(trigger.templateName())
          .ifPresent(function -> pools.put(trigger, new Pool(function)));
    }
  }

  /**
   * Starts {@code instances} environments per function now and waits until they are ready, so that
   * sign-ins do not wait for JVMs to start (on Lambda, SnapStart and provisioned concurrency play
   * this part).
   */
  public void warmUp(int instances) {
    List<FunctionInstance> started = new ArrayList<>();
    for (Pool pool : pools.values()) {
      for (int i = 0; i < Math.min(instances, maxInstances); i++) {
        FunctionInstance instance = pool.start();
        started.add(instance);
        pool.idle.addLast(instance);
      }
    }
    started.forEach(instance -> instance.awaitReady(60));
  }

  @Override
  public byte[] invoke(Trigger trigger, byte[] eventJson) throws TriggerFailedException {
    Pool pool = pools.get(trigger);
    if (pool == null) {
      throw new TriggerFailedException("no function is attached to " + trigger.templateName());
    }
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      FunctionInstance instance;
      try {
        instance = pool.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TriggerFailedException("interrupted");
      }
      try {
        byte[] response = instance.invoke(eventJson);
        pool.idle.addFirst(instance);
        return response;
      } catch (TimeoutException e) {
        LOG.warning(
            trigger.templateName()
                + " timed out after "
                + pool.function.timeoutSeconds()
                + " s (attempt "
                + attempt
                + " of "
                + ATTEMPTS
                + ")");
        pool.discard(instance);
      } catch (TriggerFailedException e) {
        if (instance.alive()) {
          pool.idle.addFirst(instance);
        } else {
          pool.discard(instance);
        }
        throw e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        pool.discard(instance);
        throw new TriggerFailedException("interrupted");
      }
    }
    throw new TriggerFailedException(
        "Task timed out after " + pool.function.timeoutSeconds() + ".00 seconds");
  }

  @Override
  public void close() {
    for (Pool pool : pools.values()) {
      synchronized (pool) {
        pool.all.forEach(FunctionInstance::close);
        pool.all.clear();
        pool.idle.clear();
      }
    }
  }
}
