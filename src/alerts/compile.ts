/**
 * Condition → one session axis with, per session, whether the condition holds. Each atom is a
 * Track on its own sessions; the axis is the union of them, and an atom counts as false on a session
 * it has no data for (unknown is never true). Everything here is causal: the value on session t uses
 * data up to t only, so the replay and the live run read the same arrays.
 */
import { type Atom, atomsOf, type Condition, subjectWatchlist } from './ast.ts';
import type { AlertData } from './data.ts';
import type { AlertFact, Track } from './track.ts';
import { breadthTrack, flowsTrack, sectorLeaderTrack, universeTrack } from './tracks-market.ts';
import { breakoutTrack, crossTrack, moveTrack, returnTrack, spreadTrack } from './tracks-price.ts';
import { pairStreakTrack, recordTrack, zeroStreakTrack } from './tracks-streak.ts';
import { UserError } from '../model/errors.ts';

export interface Compiled {
  dates: string[];
  holds: Uint8Array;
  /** Message, value and facts of the condition on session i. */
  detail(i: number): { value: number | null; message: string; facts: AlertFact[] };
}

async function atomTrack(a: Atom, data: AlertData): Promise<Track> {
  try {
    switch (a.kind) {
      case 'streak':
        return pairStreakTrack(await data.any(a.a), await data.any(a.b), a.direction, a.cmp, a.longestYears);
      case 'streak-zero':
        return zeroStreakTrack(await data.any(a.a), a.direction, a.cmp, a.longestYears);
      case 'record':
        return recordTrack(await data.price(a.symbol), a.basis, null);
      case 'records':
        return recordTrack(await data.price(a.symbol), a.basis, a.cmp);
      case 'record-universe': {
        const members = await data.watchlist(a.watchlist);
        const tracks = [];
        for (const m of members) tracks.push({ symbol: m, track: recordTrack(await data.price(m), a.basis, null) });
        return universeTrack(a.watchlist, tracks);
      }
      case 'move':
        return moveTrack(await data.price(a.symbol), a.cmp);
      case 'return':
        return returnTrack(await data.price(a.symbol), a.period, a.cmp);
      case 'spread':
        return spreadTrack(await data.price(a.a), await data.price(a.b), a.period, a.cmp);
      case 'cross':
        return crossTrack(await data.price(a.symbol), a.direction, a.level);
      case 'breakout':
        return breakoutTrack(await data.price(a.symbol));
      case 'breadth': {
        const u = await data.universe(a.universe);
        return breadthTrack(u.label, u.series, a.window, a.cmp);
      }
      case 'sector-leader':
        return sectorLeaderTrack(await data.sectorFunds());
      case 'flows':
        return flowsTrack(a.fund, await data.flows(a.fund), a.days, a.cmp);
    }
  } catch (e) {
    if (e instanceof UserError) throw e;
    const msg = (e as Error).message;
    if (/closes only|no data|no price/.test(msg)) throw new UserError(msg);
    throw e;
  }
}

interface Leaf {
  text: string;
  track: Track;
  /** Own index of each axis session, or −1 where the atom has no data. */
  at: Int32Array;
}

export async function compile(c: Condition, data: AlertData): Promise<Compiled> {
  const tracks: Track[] = [];
  for (const a of atomsOf(c)) tracks.push(await atomTrack(a.atom, data));
  return assemble(c, tracks);
}

/** One compiled condition per subject: the watchlist member it is about, or null (the whole condition). */
export interface SubjectCompiled {
  subject: string | null;
  compiled: Compiled;
}

/**
 * A condition over a watchlist, once per member: `record * close in watchlist:x` read as `record M
 * close` for member M (every other atom as it is), so each member that fires is its own event. A
 * condition without a watchlist is one subject, null, the same as `compile`.
 */
export async function compileBySubject(c: Condition, data: AlertData): Promise<SubjectCompiled[]> {
  const list = subjectWatchlist(c);
  if (list === null) return [{ subject: null, compiled: await compile(c, data) }];
  const atoms = atomsOf(c);
  const shared: (Track | null)[] = [];
  for (const a of atoms) shared.push(a.atom.kind === 'record-universe' && a.atom.watchlist === list ? null : await atomTrack(a.atom, data));
  const out: SubjectCompiled[] = [];
  for (const m of await data.watchlist(list)) {
    const tracks: Track[] = [];
    for (let k = 0; k < atoms.length; k++) {
      const a = atoms[k].atom;
      const own = shared[k];
      if (own) tracks.push(own);
      else if (a.kind === 'record-universe') tracks.push(memberTrack(list, await atomTrack({ kind: 'record', symbol: m, basis: a.basis }, data)));
    }
    out.push({ subject: m, compiled: assemble(c, tracks) });
  }
  return out;
}

/** A member's own track, its messages naming the watchlist as the union track's do. */
function memberTrack(list: string, t: Track): Track {
  return { ...t, detail: (i) => ({ ...t.detail(i), message: `watchlist ${list}: ${t.detail(i).message}` }) };
}

/** The condition's tree over its atoms' tracks (in `atomsOf` order), on the union of their sessions. */
function assemble(c: Condition, tracks: Track[]): Compiled {
  const texts = atomsOf(c).map((a) => a.text);
  const leaves: Leaf[] = tracks.map((track, k) => ({ text: texts[k], track, at: new Int32Array(0) }));
  const dates = leaves.length === 1 ? leaves[0].track.dates : [...new Set(leaves.flatMap((l) => l.track.dates))].sort();
  for (const l of leaves) {
    const at = new Int32Array(dates.length).fill(-1);
    if (l.track.dates === dates) for (let i = 0; i < dates.length; i++) at[i] = i;
    else {
      let k = 0;
      for (let i = 0; i < dates.length; i++) {
        while (k < l.track.dates.length && l.track.dates[k] < dates[i]) k++;
        if (k < l.track.dates.length && l.track.dates[k] === dates[i]) at[i] = k;
      }
    }
    l.at = at;
  }
  const leafHolds = (li: number, i: number) => {
    const k = leaves[li].at[i];
    return k >= 0 && leaves[li].track.holds[k] === 1;
  };
  let next = 0;
  const evalTree = (n: Condition): ((i: number) => boolean) => {
    if (n.kind === 'atom') {
      const li = next++;
      return (i) => leafHolds(li, i);
    }
    const l = evalTree(n.left);
    const r = evalTree(n.right);
    return n.kind === 'and' ? (i) => l(i) && r(i) : (i) => l(i) || r(i);
  };
  const f = evalTree(c);
  const holds = new Uint8Array(dates.length);
  for (let i = 0; i < dates.length; i++) holds[i] = f(i) ? 1 : 0;
  return {
    dates,
    holds,
    detail(i) {
      const parts = leaves.flatMap((l, li) => {
        const k = l.at[i];
        if (k < 0) return [];
        if (leaves.length > 1 && !leafHolds(li, i)) return [];
        const d = l.track.detail(k);
        return [{ value: l.track.value[k], ...d }];
      });
      const v = parts[0]?.value;
      return {
        value: v === undefined || !Number.isFinite(v) ? null : v,
        message: parts.map((p) => p.message).join('; and '),
        facts: parts.flatMap((p) => p.facts),
      };
    },
  };
}
