import { type ReadStreamOptions } from '@orch/application';
import { someEvents, uniqueCategory } from './contract-fixtures';
import { type ContractContext } from './contract-context';

export function readStreamContract(ctx: ContractContext): void {
  describe('readStream', () => {
    const name = `${uniqueCategory('read')}-1`;
    const revisions = async (options?: ReadStreamOptions): Promise<number[]> =>
      (await ctx.store().readStream(name, options)).map((event) => event.revision);

    beforeAll(async () => {
      await ctx.store().appendToStream(name, someEvents(3), { expectedRevision: 'no_stream' });
      await ctx.store().appendToStream(name, someEvents(2), { expectedRevision: 2 });
    });

    it('reads forwards from the start by default', async () => {
      expect(await revisions()).toEqual([0, 1, 2, 3, 4]);
    });

    it('reads backwards from the end', async () => {
      expect(await revisions({ direction: 'backwards' })).toEqual([4, 3, 2, 1, 0]);
    });

    it('reads forwards from a revision, inclusive, up to maxCount', async () => {
      expect(await revisions({ fromRevision: 1, maxCount: 2 })).toEqual([1, 2]);
      expect(await revisions({ fromRevision: 3 })).toEqual([3, 4]);
    });

    it('reads backwards from a revision, inclusive, up to maxCount', async () => {
      expect(await revisions({ direction: 'backwards', fromRevision: 3, maxCount: 2 })).toEqual([3, 2]);
      expect(await revisions({ direction: 'backwards', maxCount: 1 })).toEqual([4]);
    });

    it('reads nothing past the end', async () => {
      expect(await revisions({ fromRevision: 5 })).toEqual([]);
    });

    it('reads a stream that was never written as empty', async () => {
      expect(await ctx.store().readStream(`${uniqueCategory('read')}-missing`)).toEqual([]);
    });
  });
}
