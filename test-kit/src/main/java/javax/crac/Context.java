package javax.crac;

/** A group of resources told of a checkpoint and a restore together. */
public abstract class Context<R extends Resource> implements Resource {
  protected Context() {}

  public abstract void register(R resource);
}
