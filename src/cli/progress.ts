/** Where the command line writes: stdout-like and stderr-like sinks. */
export interface TextSink {
  write(text: string): unknown;
  /** True when the sink is a terminal; progress is drawn only then. */
  readonly isTTY?: boolean;
}

/**
 * A one-line progress bar on a terminal (`[#######-------]  3/7 simulating 1000 draws`), redrawn
 * in place with a carriage return. When the sink is not a terminal (a pipe, a log file, CI) it
 * writes nothing, so scripts see no control characters.
 */
export class Progress {
  private done = 0;
  private total = 0;
  private readonly on: boolean;
  constructor(private readonly sink: TextSink, enabled = true) {
    this.on = enabled && sink.isTTY === true;
  }

  /** Starts a bar of `total` steps. */
  start(total: number, label: string): void {
    this.total = Math.max(1, total);
    this.done = 0;
    this.draw(label);
  }

  /** Marks one step done and names the next one. */
  tick(label: string): void {
    this.done = Math.min(this.total, this.done + 1);
    this.draw(label);
  }

  /** Clears the bar. */
  end(): void {
    if (this.on) this.sink.write("\r\x1b[2K");
  }

  private draw(label: string): void {
    if (!this.on) return;
    const width = 24;
    const fill = Math.round((this.done / this.total) * width);
    const bar = `[${"#".repeat(fill)}${"-".repeat(width - fill)}]`;
    this.sink.write(`\r\x1b[2K${bar} ${String(this.done).padStart(String(this.total).length)}/${this.total} ${label}`);
  }
}
