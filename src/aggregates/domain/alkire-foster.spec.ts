import { AF_K_UNITS, AF_UNIT, afMeasures, afScore, afWeights, isAfPoor } from './alkire-foster';

const ND07 = [
  ['employment', 'employment'], ['dependants', 'employment'], ['nutrition', 'health'], ['healthInsurance', 'health'],
  ['adultEducation', 'education'], ['childSchooling', 'education'], ['housingQuality', 'housing'], ['housingArea', 'housing'],
  ['water', 'waterSanitation'], ['sanitation', 'waterSanitation'], ['telecom', 'information'], ['informationAssets', 'information'],
].map(([key, dimension]) => ({ key, dimension }));
// the ND351 set: information has 1 indicator, water/sanitation/environment 3
const ND351 = ND07.filter((i) => i.key !== 'informationAssets').concat({ key: 'wasteTreatment', dimension: 'waterSanitation' });

describe('Alkire–Foster weights', () => {
  it('gives each of the 12 ND07 indicators 1/12', () => {
    for (const w of afWeights(ND07)) expect(w.weight).toBeCloseTo(1 / 12, 12);
  });

  it.each([
    ['employment', 1 / 12], ['telecom', 1 / 6], ['water', 1 / 18], ['wasteTreatment', 1 / 18],
  ])('ND351: %s weighs %f (1/6 split among its dimension)', (key, weight) => {
    expect(afWeights(ND351).find((w) => w.key === key)!.weight).toBeCloseTo(weight as number, 12);
  });

  it('adds up to exactly 1', () => {
    expect(afWeights(ND07).reduce((s, w) => s + w.units, 0)).toBe(AF_UNIT);
    expect(afWeights(ND351).reduce((s, w) => s + w.units, 0)).toBe(AF_UNIT);
  });
});

describe('Alkire–Foster poverty cut-off k = 25 %', () => {
  const w = afWeights(ND07);
  it.each([
    [[], false], [['water', 'sanitation'], false], [['water', 'sanitation', 'telecom'], true], [['employment', 'dependants', 'nutrition', 'water'], true],
  ])('%j → poor: %s', (deps, poor) => {
    expect(isAfPoor(afScore(w, deps as string[]))).toBe(poor);
  });
  it('3 of 12 is exactly k, not a hair below', () => expect(afScore(w, ['water', 'sanitation', 'telecom'])).toBe(AF_K_UNITS));
  it('ND351: telecom alone (1/6) + one water indicator (1/18) is below k; + one employment indicator (1/12) reaches it', () => {
    const w351 = afWeights(ND351);
    expect(isAfPoor(afScore(w351, ['telecom', 'water']))).toBe(false);
    expect(isAfPoor(afScore(w351, ['telecom', 'water', 'employment']))).toBe(true); // 6+2+3 = 11/36 ≥ 9/36
  });
});

describe('H, A, M0', () => {
  it('computes them by hand: 4 households, 2 poor with 3/12 and 6/12', () => {
    const w = afWeights(ND07);
    const u = AF_UNIT / 12;
    const m = afMeasures(w, { households: 4, poor: 2, score: 9 * u, deprived: { water: 2, sanitation: 2, telecom: 1, employment: 1, dependants: 1, nutrition: 1, housingArea: 1 } });
    expect(m.H).toBe(0.5);
    expect(m.A).toBeCloseTo(9 / 24, 12); // (3/12 + 6/12) / 2
    expect(m.M0).toBeCloseTo(9 / 48, 12); // H × A
    const water = m.contributions.find((c) => c.key === 'water')!;
    expect(water.contribution).toBeCloseTo(2 / 9, 12); // (1/12 × 2/4) / (9/48)
    expect(m.contributions.reduce((s, c) => s + (c.contribution ?? 0), 0)).toBeCloseTo(1, 12);
  });
  it('is null where nothing was reviewed', () => {
    expect(afMeasures(afWeights(ND07), { households: 0, poor: 0, score: 0, deprived: {} })).toMatchObject({ H: null, A: null, M0: null });
  });
});
