import { Rng } from '../src/demo/rng';
import { classify, ClassifyInput, StandardRules } from '../src/standards/domain/classify';
import { STANDARD_SEEDS } from '../src/standards/standard-seeds';
import { gc, measure } from './harness';

const N = 1_000_000;

/**
 * Throughput of classify() (validation, classification and the Vietnamese explanation) over
 * 1,000,000 generated inputs, against a bare baseline that only compares the numbers.
 */
export async function runClassifyBench(): Promise<void> {
  const s = STANDARD_SEEDS[0];
  const rules: StandardRules = {
    code: s.code, decree: s.decree, deprivationCutoff: s.deprivationCutoff, b2PointsPerIndicator: s.b2PointsPerIndicator,
    lines: Object.fromEntries(s.lines.map((l) => [l.areaType, l])), indicators: s.indicators,
  };
  const rng = new Rng(1);
  const keys = s.indicators.map((i) => i.key);
  const inputs: ClassifyInput[] = Array.from({ length: N }, () => {
    const useB1 = rng.chance(0.7);
    return {
      areaType: rng.chance(0.1) ? 'urban' : 'rural',
      b1Score: useB1 ? rng.int(40, 320) : null,
      incomePerCapita: useB1 && rng.chance(0.7) ? null : rng.int(300, 6000) * 1000,
      deprivations: rng.shuffle([...keys]).slice(0, rng.weighted([[0, 30], [1, 25], [2, 20], [3, 12], [4, 8], [5, 5]] as const)),
    };
  });
  gc();
  const counts: Record<string, number> = {};
  const full = await measure(async () => {
    let chars = 0;
    for (const input of inputs) {
      const r = classify(rules, input);
      counts[r.classification] = (counts[r.classification] ?? 0) + 1;
      chars += r.explanation.length;
    }
    return chars;
  });
  gc();
  const bare = await measure(async () => {
    let poor = 0;
    for (const i of inputs) {
      const line = rules.lines[i.areaType]!;
      const below = i.b1Score != null ? i.b1Score <= line.b1Cutoff! : i.incomePerCapita! <= line.incomeLine;
      if (below && (i.deprivations?.length ?? 0) >= 3) poor++;
    }
    return poor;
  });
  const rate = (ms: number) => Math.round(N / (ms / 1000));
  console.log(`classify(): ${N.toLocaleString('en')} inputs in ${full.ms.toFixed(0)} ms = ${rate(full.ms).toLocaleString('en')} results/s, peak RSS ${full.peakRssMb} MB; classes ${JSON.stringify(counts)}; average explanation ${Math.round(full.result / N)} characters`);
  console.log(`bare comparison baseline: ${bare.ms.toFixed(0)} ms = ${rate(bare.ms).toLocaleString('en')} results/s; ratio ${(full.ms / bare.ms).toFixed(1)}× (validation, ordering of indicators and the explanation text)`);
}
