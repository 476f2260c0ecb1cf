/**
 * Automatic assignment of judges to proposals (issue #12): pure, deterministic, no I/O.
 *
 * The problem is a min-cost flow: source → judge (capacity: max load minus existing load) →
 * proposal (one unit per eligible pair: no conflict, not already assigned) → sink (capacity: the
 * reviews the proposal still needs). The plan optimises, in this strict order:
 *   1. coverage: as many new reviews as a maximum flow gives;
 *   2. unwilling bids: the fewest unwilling assignments any maximum-coverage plan needs
 *      (an unwilling bid is a soft conflict: used only when covering a proposal needs it);
 *   3. balance: the smallest sum of squared total loads (existing + new) among those plans;
 *   4. eager bids: the most eager assignments among those.
 * Willing and no bid rank the same. These are folded into one exact integer cost per unit with
 * weights far enough apart that a lower tier can never outweigh a higher one (`weights`).
 *
 * The balance guarantee, precisely: two judges' loads differ by two or more only when no chain of
 * reassignments can move one review from the heavier to the lighter judge without breaking the
 * lighter judge's max load, using a conflicted or already-assigned pair, moving an existing
 * assignment, uncovering a review or adding an unwilling assignment. So with no max loads, no
 * existing assignments, no conflicts and no unwilling bids, loads differ by at most one; judges
 * capped lower, already carrying more existing work, or shut out by conflicts and unwilling bids
 * are the exceptions. (A convex cost on the source arcs is optimal exactly when no such chain
 * exists: the chain plus the two source arcs would be a negative cycle.)
 *
 * Why it is fast enough (10,000 proposals × 3 among 100 judges, ~950,000 eligible pairs): a plain
 * successive-shortest-path over the full graph would run 30,000 shortest paths over a million
 * arcs. Instead:
 *   - a greedy pass places each proposal, most constrained first, on the eligible judges that are
 *     not unwilling, under the ideal water level, eager, least loaded, lowest index (in that
 *     order); it is usually optimal or within a few moves of it;
 *   - every further search runs on a graph of judges only (100 nodes + source + sink): the arc
 *     "X takes a review from Y" exists when some proposal Y holds is eligible for X, with the best
 *     cost over such proposals. Counts per (X, Y, bid class of X, bid class of Y) are kept up to
 *     date in O(judges) per change, so a search costs O(judges²), not O(pairs);
 *   - augmenting paths on that graph (BFS towards the least-loaded judge with room) raise the
 *     greedy flow to a maximum flow;
 *   - Bellman–Ford on that graph finds negative cycles (which also cover every exchange through
 *     the source and sink: moving load from one judge to another, rotating reviews among judges,
 *     swapping which proposal stays short) and each is cancelled until none is left. No negative
 *     cycle in the judge graph means none in the full residual graph (each proposal step of a
 *     full cycle is at least as expensive as its judge arc), which is the optimality certificate
 *     of a min-cost flow: the plan is exactly optimal for the four tiers, not approximately.
 * A simple cycle in the judge graph is always executable as it was found (each judge gives once
 * and takes once, and a proposal a judge gives was held before, one it takes was not), so
 * cancelling never needs a full-graph search.
 *
 * Determinism: every input is reduced to sorted, de-duplicated ids before anything is indexed, and
 * every choice breaks ties by index (so by id), never by input order.
 */

export type Bid = 'eager' | 'willing' | 'unwilling';

export interface AssignmentInput {
  reviewsPerProposal: number; // >= 1
  /** Proposals to cover. */
  proposals: Array<{ id: string }>;
  /** Accepted judges; maxLoad null/undefined = no cap beyond balancing. */
  judges: Array<{ id: string; maxLoad?: number | null }>;
  /** Forbidden pairs, with a reason and (for organisation-level conflicts) the organisation. */
  conflicts: Array<{ judgeId: string; proposalId: string; source: string; organisationId?: string | null; organisationName?: string | null }>;
  bids: Array<{ judgeId: string; proposalId: string; bid: Bid }>;
  /** Assignments that already exist (kept as they are, counted in loads and coverage). */
  existing: Array<{ judgeId: string; proposalId: string }>;
}

export interface PlannedAssignment {
  judgeId: string;
  proposalId: string;
  bid: Bid | null;
  /** The judge's load before this assignment: existing ones plus this plan's earlier ones in output order. */
  judgeLoadBefore: number;
  judgeLoadAfter: number;
  /** The judge's load once the whole plan is applied. */
  judgeLoadPlanned: number;
  /** Judges without a conflict with this proposal. */
  eligibleJudges: number;
  /** Judges excluded for a conflict with this proposal (the conflicts checked). */
  conflictedJudges: number;
  reason: string; // one sentence: why this judge
}

export interface UncoveredProposal {
  proposalId: string;
  /** Reviews the proposal has after the plan (existing that count plus new). */
  assigned: number;
  missing: number;
  reason: string;
  fix: string;
  eligibleJudges: number;
}

export interface AssignmentPlan {
  assignments: PlannedAssignment[]; // the NEW assignments only, sorted by proposalId then judgeId
  loads: Array<{ judgeId: string; existing: number; added: number; total: number; maxLoad: number | null }>; // sorted by judgeId
  uncovered: UncoveredProposal[];
  /** The ideal water level for the reviews placed: uncapped judges without extra existing work end in this range when conflicts and bids allow. */
  targetLoad: { min: number; max: number };
}

// Pair states, one byte per (proposal, judge).
const CONFLICT = 0;
const EXISTING = 1;
const FREE = 2;
const ASSIGNED = 3;
const EXISTING_CONFLICTED = 4;

// Bid codes as stored (the strongest objection wins when a pair has several bids) and their cost classes.
// Code 0 is "no bid" (the initial value of the byte array).
const BID_CODE: Record<Bid, number> = { eager: 1, willing: 2, unwilling: 3 };
const BID_OF_CODE: Array<Bid | null> = [null, 'eager', 'willing', 'unwilling'];
const NEUTRAL = 0;
const EAGER = 1;
const UNWILLING = 2;
const CLASS_OF_CODE = [NEUTRAL, EAGER, NEUTRAL, UNWILLING];

/** Room of a judge without a max load: more than any instance can use. */
const UNCAPPED = 0x3fffffff;

const sortedUnique = (ids: Iterable<string>): string[] => [...new Set(ids)].sort();
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

interface ConflictRecord { source: string; organisationId: string | null; organisationName: string | null }

interface Instance {
  r: number;
  judgeIds: string[];
  proposalIds: string[];
  J: number;
  P: number;
  maxLoad: Array<number | null>;
  existingLoad: Int32Array;
  /** Reviews already counted per proposal (existing, non-conflicted). */
  existingCover: Int32Array;
  demand: Int32Array;
  state: Uint8Array;
  bidCode: Uint8Array;
  cls: Uint8Array;
  /** Free (eligible, unassigned) judges per proposal. */
  freeCount: Int32Array;
  /** (proposal × judges + judge) of a row, -1 for an unknown judge or proposal. */
  pairOf: (judgeId: string, proposalId: string) => number;
  /** The conflict rows as given; their details are read only where a text or the digest needs them. */
  conflictRows: AssignmentInput['conflicts'];
}

function checkCount(value: number, what: string, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${what} must be an integer >= ${min}, got ${value}`);
}

function buildInstance(input: AssignmentInput): Instance {
  const r = input.reviewsPerProposal;
  checkCount(r, 'reviewsPerProposal', 1);
  const proposalIds = sortedUnique(input.proposals.map((p) => p.id));
  const judgeCap = new Map<string, number | null>();
  for (const judge of input.judges) {
    const cap = judge.maxLoad ?? null;
    if (cap !== null) checkCount(cap, `maxLoad of judge ${judge.id}`, 0);
    const seen = judgeCap.get(judge.id);
    // A judge listed twice keeps the tighter cap, whatever the order.
    judgeCap.set(judge.id, seen === undefined ? cap : seen === null ? cap : cap === null ? seen : Math.min(seen, cap));
  }
  const judgeIds = [...judgeCap.keys()].sort();
  const J = judgeIds.length;
  const P = proposalIds.length;
  const judgeIndex = new Map(judgeIds.map((id, i) => [id, i]));
  const proposalIndex = new Map(proposalIds.map((id, i) => [id, i]));
  // Rows read from a database come grouped by proposal or by judge; remembering the last id halves the lookups.
  let lastJudgeId: string | undefined;
  let lastJudge: number | undefined;
  let lastProposalId: string | undefined;
  let lastProposal: number | undefined;
  const pairOf = (judgeId: string, proposalId: string): number => {
    if (judgeId !== lastJudgeId) {
      lastJudgeId = judgeId;
      lastJudge = judgeIndex.get(judgeId);
    }
    if (proposalId !== lastProposalId) {
      lastProposalId = proposalId;
      lastProposal = proposalIndex.get(proposalId);
    }
    return lastJudge === undefined || lastProposal === undefined ? -1 : lastProposal * J + lastJudge;
  };

  const state = new Uint8Array(P * J).fill(FREE);
  for (const c of input.conflicts) {
    const pair = pairOf(c.judgeId, c.proposalId);
    if (pair >= 0) state[pair] = CONFLICT;
  }
  const bidCode = new Uint8Array(P * J);
  for (const b of input.bids) {
    const pair = pairOf(b.judgeId, b.proposalId);
    const code = BID_CODE[b.bid];
    if (pair >= 0 && code !== undefined && code > bidCode[pair]!) bidCode[pair] = code;
  }
  const cls = new Uint8Array(P * J);
  for (let i = 0; i < cls.length; i++) cls[i] = CLASS_OF_CODE[bidCode[i]!]!;

  const existingLoad = new Int32Array(J);
  const existingCover = new Int32Array(P);
  for (const e of input.existing) {
    const pair = pairOf(e.judgeId, e.proposalId);
    if (pair < 0 || state[pair] === EXISTING || state[pair] === EXISTING_CONFLICTED) continue;
    existingLoad[pair % J]!++;
    // A conflicted judge's review is never counted, so it does not cover the proposal; it stays (never removed) and loads the judge.
    if (state[pair] === CONFLICT) state[pair] = EXISTING_CONFLICTED;
    else {
      state[pair] = EXISTING;
      existingCover[(pair - (pair % J)) / J]!++;
    }
  }
  const demand = new Int32Array(P);
  const freeCount = new Int32Array(P);
  for (let p = 0; p < P; p++) {
    demand[p] = Math.max(0, r - existingCover[p]!);
    let free = 0;
    for (let j = 0, row = p * J; j < J; j++) if (state[row + j] === FREE) free++;
    freeCount[p] = free;
  }
  return { r, judgeIds, proposalIds, J, P, maxLoad: judgeIds.map((id) => judgeCap.get(id) ?? null), existingLoad, existingCover, demand, state, bidCode, cls, freeCount, pairOf, conflictRows: input.conflicts };
}

/** Conflict details per pair (de-duplicated), for the pairs `wanted` accepts. */
function conflictDetails(inst: Instance, wanted: (pair: number) => boolean): Map<number, ConflictRecord[]> {
  const byPair = new Map<number, ConflictRecord[]>();
  for (const c of inst.conflictRows) {
    const pair = inst.pairOf(c.judgeId, c.proposalId);
    if (pair < 0 || !wanted(pair)) continue;
    const record = { source: c.source, organisationId: c.organisationId ?? null, organisationName: c.organisationName ?? null };
    const list = byPair.get(pair);
    if (!list) byPair.set(pair, [record]);
    else if (!list.some((o) => o.source === record.source && o.organisationId === record.organisationId && o.organisationName === record.organisationName)) list.push(record);
  }
  return byPair;
}

/** Room per judge for new assignments under the given max loads. */
function roomFor(inst: Instance, maxLoad: Array<number | null>): Int32Array {
  const room = new Int32Array(inst.J);
  for (let j = 0; j < inst.J; j++) {
    const cap = maxLoad[j];
    room[j] = cap === null || cap === undefined ? UNCAPPED : Math.max(0, cap - inst.existingLoad[j]!);
  }
  return room;
}

/**
 * Smallest level λ such that filling every judge up to λ (within its room) holds `total` new
 * reviews; the ideal loads are λ - 1 and λ. Infinity when the rooms cannot hold them.
 */
function waterLevel(inst: Instance, room: Int32Array, total: number): number {
  const placed = (level: number) => {
    let sum = 0;
    for (let j = 0; j < inst.J; j++) sum += Math.min(room[j]!, Math.max(0, level - inst.existingLoad[j]!));
    return sum;
  };
  let hi = total;
  for (let j = 0; j < inst.J; j++) hi = Math.max(hi, inst.existingLoad[j]! + total);
  if (placed(hi) < total) return Infinity;
  let lo = 0;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (placed(mid) >= total) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Exact lexicographic weights. A simple cycle of the judge graph has at most N arcs; its eager
 * part lies in [-N, N], its balance part (two source arcs) is a non-zero even number of at most
 * 4·maxLoad + 2 in size, its unwilling part lies in [-N, N], its coverage part is -1, 0 or 1.
 */
function weights(N: number, maxTotalLoad: number) {
  const balanceSpan = 4 * maxTotalLoad + 2;
  const balance = N + 1;
  const unwilling = balance * balanceSpan + N + 1;
  const coverage = unwilling * (N + 1) + balance * balanceSpan + N + 1;
  if (coverage * (N + 2) * 4 > Number.MAX_SAFE_INTEGER) throw new RangeError('assignment instance too large for exact costs');
  return { balance, unwilling, coverage };
}

class Solver {
  readonly J: number;
  readonly P: number;
  readonly state: Uint8Array;
  readonly added: Int32Array;
  readonly covered: Int32Array;
  readonly held: number[][];
  readonly heldPos: Int32Array;
  /** (taker X, holder Y, class of X, class of Y) → proposals Y holds that X could take. */
  cnt = new Int32Array(0);
  cntSum = new Int32Array(0);
  /** (judge, class) → short proposals the judge could take. */
  cntShort = new Int32Array(0);
  /** (judge, class) → new assignments the judge holds. */
  heldByClass = new Int32Array(0);
  readonly short = new Set<number>();
  countsReady = false;

  constructor(readonly inst: Instance, readonly room: Int32Array) {
    this.J = inst.J;
    this.P = inst.P;
    this.state = inst.state.slice();
    this.added = new Int32Array(this.J);
    this.covered = new Int32Array(this.P);
    this.held = Array.from({ length: this.J }, () => []);
    this.heldPos = new Int32Array(this.P * this.J);
  }

  load(j: number): number {
    return this.inst.existingLoad[j]! + this.added[j]!;
  }

  totalAdded(): number {
    let sum = 0;
    for (let j = 0; j < this.J; j++) sum += this.added[j]!;
    return sum;
  }

  /** Most constrained proposals first; each takes the best judges with room (see the header). */
  greedy(): void {
    const { J, P, inst } = this;
    const { demand, freeCount, cls, existingLoad } = inst;
    const order: number[] = [];
    let total = 0;
    for (let p = 0; p < P; p++) {
      if (demand[p]! > 0) {
        order.push(p);
        total += demand[p]!;
      }
    }
    order.sort((a, b) => freeCount[a]! - demand[a]! - (freeCount[b]! - demand[b]!) || a - b);
    const level = waterLevel(inst, this.room, total);
    let loadSpan = 1;
    for (let j = 0; j < J; j++) loadSpan = Math.max(loadSpan, existingLoad[j]! + total + 1);
    const bestKeys: number[] = [];
    for (const p of order) {
      const need = demand[p]!;
      const row = p * J;
      bestKeys.length = 0;
      for (let j = 0; j < J; j++) {
        if (this.state[row + j] !== FREE || this.added[j]! >= this.room[j]!) continue;
        const load = existingLoad[j]! + this.added[j]!;
        const c = cls[row + j]!;
        const tier = (c === UNWILLING ? 4 : 0) + (load >= level ? 2 : 0) + (c === EAGER ? 0 : 1);
        const key = (tier * loadSpan + load) * J + j;
        if (bestKeys.length === need && key >= bestKeys[need - 1]!) continue;
        let at = bestKeys.length < need ? bestKeys.length : need - 1;
        while (at > 0 && bestKeys[at - 1]! > key) {
          bestKeys[at] = bestKeys[at - 1]!;
          at--;
        }
        bestKeys[at] = key;
      }
      for (const key of bestKeys) this.assign(key % J, p);
    }
  }

  /** Builds the judge-graph counts from scratch; from then on assign/unassign keep them current. */
  buildCounts(): void {
    const { J, P, inst, state } = this;
    const { cls, demand } = inst;
    this.cnt = new Int32Array(J * J * 9);
    this.cntSum = new Int32Array(J * J);
    this.cntShort = new Int32Array(J * 3);
    this.heldByClass = new Int32Array(J * 3);
    const holders = new Int32Array(J);
    const frees = new Int32Array(J);
    for (let p = 0; p < P; p++) {
      const row = p * J;
      let h = 0;
      let f = 0;
      for (let j = 0; j < J; j++) {
        const s = state[row + j];
        if (s === ASSIGNED) holders[h++] = j;
        else if (s === FREE) frees[f++] = j;
      }
      for (let a = 0; a < h; a++) {
        const y = holders[a]!;
        const cy = cls[row + y]!;
        this.heldByClass[y * 3 + cy]!++;
        for (let b = 0; b < f; b++) {
          const x = frees[b]!;
          this.cnt[(x * J + y) * 9 + cls[row + x]! * 3 + cy]!++;
          this.cntSum[x * J + y]!++;
        }
      }
      if (this.covered[p]! < demand[p]!) {
        this.short.add(p);
        for (let b = 0; b < f; b++) this.cntShort[frees[b]! * 3 + cls[row + frees[b]!]!]!++;
      }
    }
    this.countsReady = true;
  }

  assign(x: number, p: number): void {
    const { J, state } = this;
    const { cls, demand } = this.inst;
    const row = p * J;
    if (state[row + x] !== FREE) throw new Error(`internal: assign of a pair that is not free (${x}, ${p})`);
    const cx = cls[row + x]!;
    if (this.countsReady) {
      for (let j = 0; j < J; j++) {
        const s = state[row + j];
        if (s === ASSIGNED) {
          this.cnt[(x * J + j) * 9 + cx * 3 + cls[row + j]!]!--;
          this.cntSum[x * J + j]!--;
        } else if (s === FREE && j !== x) {
          this.cnt[(j * J + x) * 9 + cls[row + j]! * 3 + cx]!++;
          this.cntSum[j * J + x]!++;
        }
      }
      if (this.covered[p]! >= demand[p]!) throw new Error(`internal: assign to a covered proposal (${p})`);
      this.cntShort[x * 3 + cx]!--;
      if (this.covered[p]! + 1 === demand[p]!) {
        this.short.delete(p);
        for (let j = 0; j < J; j++) if (state[row + j] === FREE && j !== x) this.cntShort[j * 3 + cls[row + j]!]!--;
      }
      this.heldByClass[x * 3 + cx]!++;
    }
    state[row + x] = ASSIGNED;
    this.covered[p]!++;
    this.added[x]!++;
    this.heldPos[row + x] = this.held[x]!.length;
    this.held[x]!.push(p);
  }

  unassign(y: number, p: number): void {
    const { J, state } = this;
    const { cls, demand } = this.inst;
    const row = p * J;
    if (state[row + y] !== ASSIGNED) throw new Error(`internal: unassign of a pair that is not assigned (${y}, ${p})`);
    const cy = cls[row + y]!;
    state[row + y] = FREE;
    if (this.countsReady) {
      for (let j = 0; j < J; j++) {
        if (j === y) continue;
        const s = state[row + j];
        if (s === ASSIGNED) {
          this.cnt[(y * J + j) * 9 + cy * 3 + cls[row + j]!]!++;
          this.cntSum[y * J + j]!++;
        } else if (s === FREE) {
          this.cnt[(j * J + y) * 9 + cls[row + j]! * 3 + cy]!--;
          this.cntSum[j * J + y]!--;
        }
      }
      if (this.covered[p]! === demand[p]!) {
        this.short.add(p);
        for (let j = 0; j < J; j++) if (state[row + j] === FREE && j !== y) this.cntShort[j * 3 + cls[row + j]!]!++;
      }
      this.cntShort[y * 3 + cy]!++;
      this.heldByClass[y * 3 + cy]!--;
    }
    this.covered[p]!--;
    this.added[y]!--;
    const list = this.held[y]!;
    const at = this.heldPos[row + y]!;
    const last = list.pop()!;
    if (last !== p) {
      list[at] = last;
      this.heldPos[last * J + y] = at;
    }
  }

  /**
   * For each judge, the least-loaded judge with room it can pass a review to (through a chain of
   * takeovers), and the next judge on that chain; -1 when none.
   */
  private reachRoom(endpoint: Int32Array, next: Int32Array): void {
    const { J } = this;
    endpoint.fill(-1);
    next.fill(-1);
    const withRoom: number[] = [];
    for (let j = 0; j < J; j++) if (this.added[j]! < this.room[j]!) withRoom.push(j);
    withRoom.sort((a, b) => this.load(a) - this.load(b) || a - b);
    const queue = new Int32Array(J);
    for (const start of withRoom) {
      if (endpoint[start] !== -1) continue;
      endpoint[start] = start;
      let head = 0;
      let tail = 0;
      queue[tail++] = start;
      while (head < tail) {
        const y = queue[head++]!;
        for (let x = 0; x < J; x++) {
          if (endpoint[x] === -1 && this.cntSum[y * J + x]! > 0) {
            endpoint[x] = start;
            next[x] = y;
            queue[tail++] = x;
          }
        }
      }
    }
  }

  /** The proposal `taker` takes from `holder` on a chain: the best bid change, then the lowest index. */
  private takeoverWitness(taker: number, holder: number, costOf: (c: number) => number): number {
    const { J, state } = this;
    const { cls } = this.inst;
    let best = -1;
    let bestCost = Infinity;
    for (const q of this.held[holder]!) {
      const row = q * J;
      if (state[row + taker] !== FREE) continue;
      const cost = costOf(cls[row + taker]!) - costOf(cls[row + holder]!);
      if (cost < bestCost || (cost === bestCost && q < best)) {
        best = q;
        bestCost = cost;
      }
    }
    if (best < 0) throw new Error('internal: judge-graph arc without a witness');
    return best;
  }

  /** Raises the flow to a maximum flow by augmenting paths on the judge graph. */
  augment(): void {
    const { J } = this;
    const { cls, demand } = this.inst;
    const endpoint = new Int32Array(J);
    const next = new Int32Array(J);
    const bidCost = (c: number) => (c === UNWILLING ? 2 : c === EAGER ? -1 : 0);
    this.reachRoom(endpoint, next);
    // Once a short proposal cannot be reached from the source it never can again (reachability only shrinks as paths are augmented), so one pass is enough.
    for (const p of [...this.short].sort((a, b) => a - b)) {
      const row = p * J;
      while (this.covered[p]! < demand[p]!) {
        let first = -1;
        for (let x = 0; x < J; x++) {
          if (this.state[row + x] !== FREE || endpoint[x] === -1) continue;
          if (first < 0) {
            first = x;
            continue;
          }
          const dl = this.load(endpoint[x]!) - this.load(endpoint[first]!);
          const du = (cls[row + x] === UNWILLING ? 1 : 0) - (cls[row + first] === UNWILLING ? 1 : 0);
          if (dl < 0 || (dl === 0 && du < 0)) first = x;
        }
        if (first < 0) break;
        const end = endpoint[first]!;
        this.assign(first, p);
        for (let cur = first; cur !== end; ) {
          const taker = next[cur]!;
          const q = this.takeoverWitness(taker, cur, bidCost);
          this.unassign(cur, q);
          this.assign(taker, q);
          cur = taker;
        }
        this.reachRoom(endpoint, next);
      }
    }
  }

  /** Cancels negative cycles of the judge graph until none is left (the optimality certificate). */
  optimise(): number {
    const { J, inst } = this;
    const N = J + 2;
    const SOURCE = J;
    const SINK = J + 1;
    let maxTotalLoad = 0;
    let total = 0;
    for (let p = 0; p < inst.P; p++) total += inst.demand[p]!;
    for (let j = 0; j < J; j++) maxTotalLoad = Math.max(maxTotalLoad, inst.existingLoad[j]! + Math.min(total, this.room[j]!));
    const w = weights(N, maxTotalLoad);
    const classCost = [0, -1, w.unwilling];
    const combos: Array<{ slot: number; cost: number }> = [];
    for (let cx = 0; cx < 3; cx++) for (let cy = 0; cy < 3; cy++) combos.push({ slot: cx * 3 + cy, cost: classCost[cx]! - classCost[cy]! });
    combos.sort((a, b) => a.cost - b.cost || a.slot - b.slot);
    const byClassAscending = [1, 0, 2];
    const cost = new Float64Array(N * N);
    const dist = new Float64Array(N);
    const parent = new Int32Array(N);
    const stamp = new Int32Array(N);
    let cancelled = 0;

    const buildCosts = () => {
      cost.fill(Infinity);
      for (let x = 0; x < J; x++) {
        for (let y = 0; y < J; y++) {
          if (x === y || this.cntSum[x * J + y] === 0) continue;
          const base = (x * J + y) * 9;
          for (const combo of combos) {
            if (this.cnt[base + combo.slot]! > 0) {
              cost[x * N + y] = combo.cost;
              break;
            }
          }
        }
        const load = this.load(x);
        if (this.added[x]! < this.room[x]!) cost[SOURCE * N + x] = w.balance * (2 * load + 1);
        if (this.added[x]! > 0) cost[x * N + SOURCE] = -w.balance * (2 * load - 1);
        for (const c of byClassAscending) {
          if (this.cntShort[x * 3 + c]! > 0) {
            cost[x * N + SINK] = classCost[c]! - w.coverage;
            break;
          }
        }
        for (let i = 2; i >= 0; i--) {
          const c = byClassAscending[i]!;
          if (this.heldByClass[x * 3 + c]! > 0) {
            cost[SINK * N + x] = w.coverage - classCost[c]!;
            break;
          }
        }
      }
      cost[SINK * N + SOURCE] = 0;
    };

    const parentCycle = (): number[] | null => {
      stamp.fill(0);
      for (let v = 0; v < N; v++) {
        let u = v;
        while (u !== -1 && stamp[u] === 0) {
          stamp[u] = v + 1;
          u = parent[u]!;
        }
        if (u !== -1 && stamp[u] === v + 1) {
          const cycle = [u];
          for (let t = parent[u]!; t !== u; t = parent[t]!) cycle.push(t);
          return cycle.reverse();
        }
      }
      return null;
    };

    const negativeCycle = (): number[] | null => {
      dist.fill(0);
      parent.fill(-1);
      for (let pass = 0; pass <= N; pass++) {
        let changed = false;
        for (let u = 0; u < N; u++) {
          const du = dist[u]!;
          const rowStart = u * N;
          for (let v = 0; v < N; v++) {
            const candidate = du + cost[rowStart + v]!;
            if (candidate < dist[v]!) {
              dist[v] = candidate;
              parent[v] = u;
              changed = true;
            }
          }
        }
        if (!changed) return null;
        const cycle = parentCycle();
        if (cycle) return cycle;
      }
      throw new Error('internal: Bellman-Ford did not settle');
    };

    const bidCost = (c: number) => classCost[c]!;
    for (;;) {
      buildCosts();
      const cycle = negativeCycle();
      if (!cycle) return cancelled;
      // Witnesses from the state the cycle was found in; releases before takes keeps every intermediate state valid.
      const releases: Array<[number, number]> = [];
      const takes: Array<[number, number]> = [];
      for (let i = 0; i < cycle.length; i++) {
        const u = cycle[i]!;
        const v = cycle[(i + 1) % cycle.length]!;
        if (u < J && v < J) {
          const q = this.takeoverWitness(u, v, bidCost);
          releases.push([v, q]);
          takes.push([u, q]);
        } else if (u < J && v === SINK) {
          takes.push([u, this.shortWitness(u)]);
        } else if (u === SINK && v < J) {
          releases.push([v, this.releaseWitness(v)]);
        }
      }
      for (const [j, q] of releases) this.unassign(j, q);
      for (const [j, q] of takes) this.assign(j, q);
      cancelled++;
    }
  }

  /** The short proposal a judge takes: the best bid, then the lowest index. */
  private shortWitness(x: number): number {
    const { J } = this;
    const rank = [1, 0, 2];
    let best = -1;
    for (const q of this.short) {
      if (this.state[q * J + x] !== FREE) continue;
      if (best < 0 || rank[this.inst.cls[q * J + x]!]! < rank[this.inst.cls[best * J + x]!]! || (rank[this.inst.cls[q * J + x]!] === rank[this.inst.cls[best * J + x]!] && q < best)) best = q;
    }
    if (best < 0) throw new Error('internal: sink arc without a witness');
    return best;
  }

  /** The assignment a judge gives up when a cycle swaps which proposal stays short: the worst bid, then the lowest index. */
  private releaseWitness(y: number): number {
    const { J } = this;
    const rank = [1, 0, 2];
    let best = -1;
    for (const q of this.held[y]!) {
      if (best < 0 || rank[this.inst.cls[q * J + y]!]! > rank[this.inst.cls[best * J + y]!]! || (rank[this.inst.cls[q * J + y]!] === rank[this.inst.cls[best * J + y]!] && q < best)) best = q;
    }
    if (best < 0) throw new Error('internal: release arc without a witness');
    return best;
  }
}

/** Maximum number of new reviews under the given max loads (greedy, then augmenting paths). */
function maximumCoverage(inst: Instance, maxLoad: Array<number | null>): number {
  const solver = new Solver(inst, roomFor(inst, maxLoad));
  solver.greedy();
  let total = 0;
  for (let p = 0; p < inst.P; p++) total += inst.demand[p]!;
  if (solver.totalAdded() === total) return total;
  solver.buildCounts();
  solver.augment();
  return solver.totalAdded();
}

/**
 * The smallest max load that, given to every capped judge below it, lets every proposal get all
 * the reviews its conflicts allow; null when max loads are not what holds coverage back.
 */
function maxLoadThatCovers(inst: Instance, achieved: number): number | null {
  let unlimited = 0;
  for (let p = 0; p < inst.P; p++) unlimited += Math.min(inst.demand[p]!, inst.freeCount[p]!);
  if (achieved >= unlimited) return null;
  const raised = (level: number) => inst.maxLoad.map((cap) => (cap === null ? null : Math.max(cap, level)));
  let lo = 0;
  let hi = unlimited;
  for (let j = 0; j < inst.J; j++) hi = Math.max(hi, inst.existingLoad[j]! + unlimited);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (maximumCoverage(inst, raised(mid)) >= unlimited) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function describeConflicts(inst: Instance, details: Map<number, ConflictRecord[]>, p: number): { text: string; organisations: string[] } {
  const byOrganisation = new Map<string, number>();
  const bySource = new Map<string, number>();
  let conflicted = 0;
  for (let j = 0; j < inst.J; j++) {
    const records = details.get(p * inst.J + j);
    if (!records) continue;
    conflicted++;
    const organisations = sortedUnique(records.filter((c) => c.organisationId !== null || c.organisationName !== null).map((c) => c.organisationName ?? c.organisationId!));
    if (organisations.length > 0) for (const o of organisations) byOrganisation.set(o, (byOrganisation.get(o) ?? 0) + 1);
    else for (const s of sortedUnique(records.map((c) => c.source))) bySource.set(s, (bySource.get(s) ?? 0) + 1);
  }
  const ranked = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const parts = [
    ...ranked(byOrganisation).map(([name, n]) => `${plural(n, 'judge')} ${n === 1 ? 'conflicts' : 'conflict'} with organisation ${name}`),
    ...ranked(bySource).map(([source, n]) => `${plural(n, 'judge')} ${n === 1 ? 'has' : 'have'} a ${source} conflict`),
  ];
  return { text: conflicted === 0 ? '' : ` (${parts.join(', ')})`, organisations: ranked(byOrganisation).map(([name]) => name) };
}

function explainUncovered(inst: Instance, details: Map<number, ConflictRecord[]>, p: number, assigned: number, raiseTo: number | null): UncoveredProposal {
  const { r, J } = inst;
  const missing = r - assigned;
  let eligible = 0;
  for (let j = 0; j < J; j++) {
    const s = inst.state[p * J + j];
    if (s !== CONFLICT && s !== EXISTING_CONFLICTED) eligible++;
  }
  const conflictShort = Math.max(0, r - eligible);
  const capacityShort = missing - conflictShort;
  const reasons: string[] = [];
  const fixes: string[] = [];
  if (conflictShort > 0) {
    const conflicts = describeConflicts(inst, details, p);
    if (eligible === J && conflicts.text === '') {
      reasons.push(`only ${plural(J, 'judge')} on the panel, ${r} needed`);
      fixes.push(`needs ${conflictShort} more ${conflictShort === 1 ? 'judge' : 'judges'} on the panel`);
    } else {
      reasons.push(`only ${plural(eligible, 'judge')} without a conflict, ${r} needed${conflicts.text}`);
      const names = conflicts.organisations;
      const without = names.length === 0 ? 'on this proposal' : names.length === 1 ? `with organisation ${names[0]}` : `with organisations ${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
      fixes.push(`needs ${conflictShort} more ${conflictShort === 1 ? 'judge' : 'judges'} without a conflict ${without}`);
    }
  }
  if (capacityShort > 0) {
    reasons.push(`${plural(capacityShort, 'review')} could not be placed: the judges without a conflict who could take ${capacityShort === 1 ? 'it' : 'them'} are at their max load`);
    fixes.push(raiseTo === null ? 'raise the max load of judges' : `raise the max load of judges to ${raiseTo}`);
  }
  return { proposalId: inst.proposalIds[p]!, assigned, missing, reason: reasons.join('; '), fix: fixes.join(' and '), eligibleJudges: eligible };
}

export function assignmentReason(bid: Bid | null, before: number, planned: number, target: { min: number; max: number }, eligible: number, judges: number): string {
  const loads = `load ${before} → ${before + 1} of ${planned} planned, target ${target.min}–${target.max}; ${eligible} of ${plural(judges, 'judge')} had no conflict`;
  if (bid === 'eager') return `Bid eager and keeps loads balanced (${loads}).`;
  if (bid === 'unwilling') return `Bid unwilling, assigned because no plan placing as many reviews needs fewer unwilling assignments (${loads}).`;
  return `${bid === 'willing' ? 'Bid willing' : 'No bid'}; chosen to keep loads balanced (${loads}).`;
}

/**
 * The instance built once for both the digest input and the plan (a dry run and an apply need
 * both; building it is a fifth of the planner's time at 10,000 × 100).
 */
export function prepareAssignment(input: AssignmentInput): { canonicalInput(): unknown; plan(): AssignmentPlan } {
  const inst = buildInstance(input);
  return { canonicalInput: () => canonicalOf(inst), plan: () => planOf(inst) };
}

export function planAssignment(input: AssignmentInput): AssignmentPlan {
  return planOf(buildInstance(input));
}

function planOf(inst: Instance): AssignmentPlan {
  const { J, P } = inst;
  const solver = new Solver(inst, roomFor(inst, inst.maxLoad));
  solver.greedy();
  solver.buildCounts();
  solver.augment();
  solver.optimise();

  const addedTotal = solver.totalAdded();
  const level = waterLevel(inst, solver.room, addedTotal);
  const atLevel = (l: number) => {
    let sum = 0;
    for (let j = 0; j < J; j++) sum += Math.min(solver.room[j]!, Math.max(0, l - inst.existingLoad[j]!));
    return sum;
  };
  const targetLoad = Number.isFinite(level) ? { min: level > 0 && atLevel(level) > addedTotal ? level - 1 : level, max: level } : { min: 0, max: 0 };

  const assignments: PlannedAssignment[] = [];
  const running = Int32Array.from(inst.existingLoad);
  for (let p = 0; p < P; p++) {
    const row = p * J;
    let conflicted = 0;
    for (let j = 0; j < J; j++) {
      const s = inst.state[row + j];
      if (s === CONFLICT || s === EXISTING_CONFLICTED) conflicted++;
    }
    for (let j = 0; j < J; j++) {
      if (solver.state[row + j] !== ASSIGNED) continue;
      const bid = BID_OF_CODE[inst.bidCode[row + j]!] ?? null;
      const before = running[j]!++;
      const planned = solver.load(j);
      assignments.push({
        judgeId: inst.judgeIds[j]!,
        proposalId: inst.proposalIds[p]!,
        bid,
        judgeLoadBefore: before,
        judgeLoadAfter: before + 1,
        judgeLoadPlanned: planned,
        eligibleJudges: J - conflicted,
        conflictedJudges: conflicted,
        reason: assignmentReason(bid, before, planned, targetLoad, J - conflicted, J),
      });
    }
  }

  const shortProposals: number[] = [];
  for (let p = 0; p < P; p++) if (inst.existingCover[p]! + solver.covered[p]! < inst.r) shortProposals.push(p);
  const raiseTo = shortProposals.length > 0 ? maxLoadThatCovers(inst, addedTotal) : null;
  const shortSet = new Set(shortProposals);
  const details = shortProposals.length > 0 ? conflictDetails(inst, (pair) => shortSet.has((pair - (pair % J)) / J)) : new Map<number, ConflictRecord[]>();
  const uncovered = shortProposals.map((p) => explainUncovered(inst, details, p, inst.existingCover[p]! + solver.covered[p]!, raiseTo));

  const loads = inst.judgeIds.map((judgeId, j) => ({ judgeId, existing: inst.existingLoad[j]!, added: solver.added[j]!, total: solver.load(j), maxLoad: inst.maxLoad[j] ?? null }));
  return { assignments, loads, uncovered, targetLoad };
}

/**
 * A stable digest input of the plan's inputs, so an apply can check the plan it was shown is still
 * the plan (the caller hashes JSON of it). It is built from the same normalised instance the plan
 * is (sorted ids, duplicates folded, rows naming unknown judges or proposals dropped), so two inputs
 * have the same digest exactly when they plan the same; one character per (proposal, judge) pair
 * keeps it compact and cheap to hash at 10,000 × 100.
 */
export function canonicalAssignmentInput(input: AssignmentInput): unknown {
  return canonicalOf(buildInstance(input));
}

function canonicalOf(inst: Instance): unknown {
  const { J, P } = inst;
  const pairs: string[] = new Array<string>(P);
  const chars = new Uint8Array(J);
  const latin1 = new TextDecoder('latin1');
  for (let p = 0; p < P; p++) {
    const row = p * J;
    for (let j = 0; j < J; j++) {
      const s = inst.state[row + j];
      const kind = s === CONFLICT ? 1 : s === EXISTING ? 2 : s === EXISTING_CONFLICTED ? 3 : 0;
      chars[j] = 97 + inst.bidCode[row + j]! + 4 * kind; // 'a'…'p'
    }
    pairs[p] = latin1.decode(chars);
  }
  // Conflict details as (pair, label) codes over the sorted distinct labels: a numeric sort instead of 50,000 row objects.
  const labelIds = new Map<string, number>();
  const labels: Array<[string, string | null, string | null]> = [];
  const pairOfRow: number[] = [];
  const labelOfRow: number[] = [];
  for (const c of inst.conflictRows) {
    const pair = inst.pairOf(c.judgeId, c.proposalId);
    if (pair < 0) continue;
    const organisationId = c.organisationId ?? null;
    const organisationName = c.organisationName ?? null;
    const key = `${c.source}\u0000${organisationId ?? '\u0001'}\u0000${organisationName ?? '\u0001'}`;
    let id = labelIds.get(key);
    if (id === undefined) {
      id = labels.length;
      labelIds.set(key, id);
      labels.push([c.source, organisationId, organisationName]);
    }
    pairOfRow.push(pair);
    labelOfRow.push(id);
  }
  const order = labels.map((_, i) => i).sort((a, b) => compareTuples(labelKey(labels[a]!), labelKey(labels[b]!)));
  const rank = new Int32Array(labels.length);
  order.forEach((id, r) => (rank[id] = r));
  const codes = Float64Array.from(pairOfRow, (pair, i) => pair * labels.length + rank[labelOfRow[i]!]!).sort();
  const conflicts: number[] = [];
  for (let i = 0; i < codes.length; i++) if (i === 0 || codes[i] !== codes[i - 1]) conflicts.push(codes[i]!);
  return {
    version: 1,
    encoding: 'pairs[p][j] = a + bid (0 none, 1 eager, 2 willing, 3 unwilling) + 4 × (0 free, 1 conflict, 2 existing, 3 existing and conflicted)',
    reviewsPerProposal: inst.r,
    proposals: inst.proposalIds,
    judges: inst.judgeIds.map((id, j) => [id, inst.maxLoad[j] ?? null]),
    pairs,
    conflictLabels: order.map((id) => labels[id]!),
    conflicts: { encoding: 'pair index (proposal × judges + judge) × labels + label index', codes: conflicts },
  };
}

const labelKey = ([source, organisationId, organisationName]: [string, string | null, string | null]) => [source, organisationId === null ? '' : `=${organisationId}`, organisationName === null ? '' : `=${organisationName}`];

function compareTuples(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}

/**
 * The planner's version: a plan stored by another version is not applied (its digest of the same
 * facts could name a different plan). Raise it whenever the planner's choices change.
 */
export const PLANNER_VERSION = 2;

/**
 * A plan as kept between its dry run and its apply, compact (30,000 assignments in ~1.5 MB of
 * JSON instead of 9 MB): judges by index, each assignment as a tuple from which its explanation
 * is rebuilt exactly (`expandAssignments`).
 */
export interface CompactPlan {
  version: number;
  targetLoad: AssignmentPlan['targetLoad'];
  loads: AssignmentPlan['loads'];
  uncovered: AssignmentPlan['uncovered'];
  /** [judge index into `loads`, proposal id, bid code (0 none, 1 eager, 2 willing, 3 unwilling), load before, eligible judges], by proposal then judge. */
  rows: Array<[number, string, number, number, number]>;
}

export function compactPlan(plan: AssignmentPlan): CompactPlan {
  const judgeIndex = new Map(plan.loads.map((l, j) => [l.judgeId, j]));
  return {
    version: PLANNER_VERSION,
    targetLoad: plan.targetLoad,
    loads: plan.loads,
    uncovered: plan.uncovered,
    rows: plan.assignments.map((a) => [judgeIndex.get(a.judgeId)!, a.proposalId, a.bid === null ? 0 : BID_CODE[a.bid], a.judgeLoadBefore, a.eligibleJudges]),
  };
}

/** The bid of a compact row's code. */
export const bidOfCode = (code: number): Bid | null => BID_OF_CODE[code] ?? null;

/** Rows of a compact plan, explained as the planner explained them. */
export function expandAssignments(plan: CompactPlan, rows: CompactPlan['rows']): PlannedAssignment[] {
  const judges = plan.loads.length;
  return rows.map(([j, proposalId, code, before, eligible]) => {
    const bid = BID_OF_CODE[code] ?? null;
    const planned = plan.loads[j]!.total;
    return {
      judgeId: plan.loads[j]!.judgeId,
      proposalId,
      bid,
      judgeLoadBefore: before,
      judgeLoadAfter: before + 1,
      judgeLoadPlanned: planned,
      eligibleJudges: eligible,
      conflictedJudges: judges - eligible,
      reason: assignmentReason(bid, before, planned, plan.targetLoad, eligible, judges),
    };
  });
}
