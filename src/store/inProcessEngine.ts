/**
 * The in-process transport: the engine host in this thread, synchronous (each input takes effect and is
 * committed before `send` returns). Node and the tests use it (src/store/testSetup.ts installs it), and the
 * browser loads it when it cannot run a Web Worker or the URL says `?engine=main`.
 */
import { installTransport, take, timedCommit, type Transport } from './engineClient';
import { EngineHost, type EngineInput, type EngineResult } from './engineHost';

/** The host in this thread. */
export class InProcess implements Transport {
  readonly kind = 'in-process';
  readonly pending = 0;
  readonly host = new EngineHost(1);

  send(input: EngineInput, then?: (r: EngineResult) => void): Promise<EngineResult> {
    const result = this.host.handle(input);
    this.deliver();
    then?.(result);
    return Promise.resolve(result);
  }

  tick(wallMs: number): void {
    this.host.run(wallMs);
    this.deliver();
  }

  private deliver(): void {
    if (this.host.dirty) take(this.host.flush());
    timedCommit();
  }

  dispose(): void {}
}

/** Runs the engine in this thread from now on (inputs that were waiting for a transport go to it). */
export function runEngineInProcess(): void {
  installTransport(new InProcess());
}
