/**
 * Adds up time per named stage, counting overlapping calls of one stage once (the union of
 * their intervals), so that concurrent image decodes are not double-counted.
 */
export class StageClock {
  private readonly totals = new Map<string, number>();
  private readonly active = new Map<string, { count: number; since: number }>();

  /**
   * Times one call of `stage`.
   *
   * @param stage - the stage's name.
   * @param work - the call.
   * @returns what the call returned.
   */
  async time<T>(stage: string, work: () => Promise<T>): Promise<T> {
    const state = this.active.get(stage) ?? { count: 0, since: 0 };
    if (state.count === 0) state.since = performance.now();
    state.count++;
    this.active.set(stage, state);
    try {
      return await work();
    } finally {
      state.count--;
      if (state.count === 0) {
        this.totals.set(stage, (this.totals.get(stage) ?? 0) + performance.now() - state.since);
      }
    }
  }

  /**
   * Returns the totals since the last call and starts again from zero.
   *
   * @returns milliseconds per stage.
   */
  take(): Record<string, number> {
    const totals = Object.fromEntries(this.totals);
    this.totals.clear();
    return totals;
  }
}
