import type postgres from 'postgres';

// postgres.js 3.4.9 (the newest) takes the whole process down when a connection dies under a transaction
// (PostgreSQL restarted, a backend terminated): its `begin` then sends ROLLBACK on the dead connection, and
// the deferred write dereferences a null socket in a setImmediate, out of reach of any catch
// (porsager/postgres#1154, #1208; fixes proposed in #1168, #1209, not released). So transactions run here on
// a reserved connection instead, and once that connection has failed or closed nothing more is sent on it:
// no ROLLBACK (the server rolls back a transaction whose connection is gone), no further statement, and no
// release (the pool takes a closed connection back itself and reconnects it when next needed).
// Drop this file when a postgres.js release guards `nextWrite`.

type Holder = { dead: boolean; die: () => void };

const lost = () =>
  Object.assign(new Error('write CONNECTION_CLOSED: the database connection was lost during a transaction'), { code: 'CONNECTION_CLOSED' });

const connectionCodes = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
  'CONNECT_TIMEOUT',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNREFUSED',
]);

/** An error that ends the connection (a socket error, a FATAL from the server, SQLSTATE 08… or 57P…), through drizzle's wrapping. */
function endsConnection(error: unknown): boolean {
  let e = error;
  for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    const { code, severity } = e as { code?: unknown; severity?: unknown };
    if (severity === 'FATAL' || severity === 'PANIC') return true;
    if (typeof code === 'string' && (connectionCodes.has(code) || /^(08|57P)/.test(code))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

type Callback = (tx: postgres.ReservedSql) => unknown;

/**
 * `onclose` goes into the postgres.js options (the pool reports each closed connection); `begin(sql)` is a
 * drop-in for `sql.begin(fn)` / `sql.begin(mode, fn)` that survives the connection dying (see above).
 */
export function transactionGuard() {
  const holders = new Map<number, Holder>();
  return {
    onclose: (connectionId: number) => {
      const holder = holders.get(connectionId);
      if (holder) {
        holder.dead = true;
        holder.die();
      }
    },
    begin:
      (sql: postgres.Sql) =>
      async (modeOrFn: string | Callback, maybeFn?: Callback): Promise<unknown> => {
        const fn = typeof modeOrFn === 'function' ? modeOrFn : maybeFn;
        if (!fn) throw new TypeError('begin needs a callback');
        const mode = typeof modeOrFn === 'string' ? modeOrFn.replace(/[^a-z ]/gi, '') : '';
        const tx = await sql.reserve();
        const holder: Holder = { dead: false, die: () => {} };
        // settles only when the pool reports the connection closed: a statement queued on it would wait forever
        const died = new Promise<never>((_, reject) => (holder.die = () => reject(lost())));
        died.catch(() => {});
        let connectionId: number | undefined;
        const onexecute = (c: { id: number }) => {
          connectionId = c.id;
          holders.set(c.id, holder);
          return true;
        };
        const guarded = <T>(run: () => Promise<T>): Promise<T> => (holder.dead ? Promise.reject(lost()) : Promise.race([run(), died]));
        const unsafe = (...args: Parameters<typeof tx.unsafe>) => {
          if (!holder.dead) return tx.unsafe(...args);
          const refused = Promise.reject(lost());
          return Object.assign(refused, { values: () => refused, raw: () => refused });
        };
        let savepoints = 0;
        const client: postgres.ReservedSql = new Proxy(tx, {
          get: (target, key, receiver) => {
            if (key === 'unsafe') return unsafe;
            // drizzle's nested transactions
            if (key === 'savepoint')
              return async (inner: Callback) => {
                const name = `s${savepoints++}`;
                await guarded(() => tx.unsafe(`savepoint ${name}`));
                try {
                  const result = await Promise.race([inner(client), died]);
                  await guarded(() => tx.unsafe(`release savepoint ${name}`));
                  return result;
                } catch (error) {
                  if (!endsConnection(error)) await guarded(() => tx.unsafe(`rollback to savepoint ${name}`)).catch(() => {});
                  throw error;
                }
              };
            return Reflect.get(target, key, receiver) as unknown;
          },
        });
        let broken = false;
        try {
          await tx.unsafe(`begin ${mode}`, [], { onexecute } as never);
          let result: unknown;
          try {
            result = await Promise.race([fn(client), died]);
          } catch (error) {
            broken = endsConnection(error);
            if (!broken) await guarded(() => tx.unsafe('rollback')).catch(() => {});
            throw error;
          }
          await guarded(() => tx.unsafe('commit')).catch((error: unknown) => {
            broken = endsConnection(error);
            throw error;
          });
          return result;
        } catch (error) {
          broken ||= endsConnection(error);
          throw error;
        } finally {
          if (connectionId !== undefined) holders.delete(connectionId);
          if (!holder.dead && !broken) tx.release();
        }
      },
  };
}
