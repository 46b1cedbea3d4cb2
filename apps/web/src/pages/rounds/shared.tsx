import type { RoundStatus } from '@ronghe/domain/round';
import type { Tone } from '../../components/tone-tag.tsx';

export const roundTone: Record<RoundStatus, Tone> = { draft: 'grey', open: 'green', closing: 'gold', closed: 'blue', published: 'green' };

/** Today's date in China (YYYY-MM-DD), the calendar the round's dates are in. */
export const chinaToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
