// autocannon ships no types and @types/autocannon is not installed: declare only what the bench uses.
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  type Options = { url: string; connections?: number; duration?: number; sampleInt?: number; headers?: Record<string, string> };

  type Result = { errors: number; timeouts: number; non2xx: number; duration: number };

  type Instance = EventEmitter & {
    on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): Instance;
  };

  function autocannon(options: Options, callback: (error: Error | null, result: Result) => void): Instance;

  export default autocannon;
}
