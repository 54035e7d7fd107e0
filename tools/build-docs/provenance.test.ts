import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { apiEntryPoints } from './api-reference';
import { REPO_ROOT, readApis } from './build';
import { addBadges, badge, marksOf, readMarks } from './provenance';
import { locationKey, placesOfSpecs, SourceFiles } from './spec-places';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const roots = readApis().map((api) => ({ api: api.name, file: api.root.slice(REPO_ROOT.length) }));
const allMarks = readMarks(REPO_ROOT);
const { places, shownBy } = placesOfSpecs(REPO_ROOT, roots, new Set(allMarks.map(locationKey)));

describe('provenance marks', () => {
  it('reads marks outside extensions, with their notes', () => {
    const doc = {
      'x-instancekit': { errorCodes: { A: { 'x-provenance': 'sdk-models' } } },
      paths: {
        '/#A': { post: { 'x-provenance': 'unconfirmed', 'x-provenance-note': ' Not\n  documented. ' } },
      },
      components: { schemas: { B: { 'x-provenance-note': 'Only a note.' }, C: { type: 'string' } } },
    };
    expect(marksOf('specs/x/y.yaml', doc)).toEqual([
      {
        file: 'specs/x/y.yaml',
        path: ['paths', '/#A', 'post'],
        provenance: 'unconfirmed',
        note: 'Not documented.',
      },
      {
        file: 'specs/x/y.yaml',
        path: ['components', 'schemas', 'B'],
        provenance: 'docs',
        note: 'Only a note.',
      },
    ]);
  });

  it('puts the badge in front of the description of every node that shows it', () => {
    const file = 'specs/zenlayer-zec/zec.yaml';
    const doc = parse(readFileSync(join(REPO_ROOT, file), 'utf8'));
    const docs = new Map<string, unknown>([[file, doc]]);
    const marks = allMarks.filter((mark) => mark.file === file);
    addBadges(docs, marks, shownBy, new SourceFiles(REPO_ROOT));
    const schemas = doc.components.schemas;
    // A marked schema keeps its text after the badge.
    const priceItem = marks.find((mark) => mark.path.join('.') === 'components.schemas.PriceItem')!;
    expect(schemas.PriceItem.description).toMatch(
      new RegExp(`^${escapeRegExp(badge(priceItem))}\n\nA price.`),
    );
    // gpuPrice is a row of alternatives: Redoc shows its first alternative's description, which now carries
    // gpuPrice's mark and PriceItem's, then PriceItem's text (the sibling description hides the target's).
    const gpu = schemas.InquiryPriceModifyInstanceTypeResult.properties.gpuPrice;
    const gpuMark = marks.find((mark) => mark.path.at(-1) === 'gpuPrice')!;
    expect(gpu.anyOf[0].description).toContain(badge(gpuMark));
    expect(gpu.anyOf[0].description).toContain(badge(priceItem));
    expect(gpu.anyOf[0].description).toMatch(/A price\./);
    expect(badge({ provenance: 'sdk-models' })).toMatch(
      /^<span class="instancekit-provenance" data-provenance="sdk-models"/,
    );
  });

  it('finds the 60-odd marks of the specs, of every kind', () => {
    expect(allMarks.length).toBeGreaterThan(60);
    expect(new Set(allMarks.map((mark) => mark.provenance))).toEqual(
      new Set(['docs', 'sdk-models', 'unconfirmed']),
    );
  });

  it('gives every mark at least one place in the rendered reference', () => {
    const nowhere = allMarks.filter((mark) => !places.get(locationKey(mark))?.length);
    expect(nowhere.map((mark) => `${mark.file} ${mark.path.join('.')}`)).toEqual([]);
  });

  it('places operations, parameters, nested fields and shared components as Redoc links them', () => {
    const at = (file: string, ...path: string[]) => places.get(locationKey({ file, path })) ?? [];
    expect(at('specs/zenlayer-zec/zec.yaml', 'paths', '/api/v2/zec#ModifyInstanceType', 'post')).toEqual([
      {
        api: 'zenlayer-zec',
        operationId: 'ModifyInstanceType',
        field: '',
        hash: '/instance/modifyinstancetype',
      },
    ]);
    expect(at('specs/jdcloud-vm/vm.yaml', 'components', 'parameters', 'RegionId', 'schema')).toContainEqual({
      api: 'jdcloud-vm',
      operationId: 'resizeInstance',
      field: 'path regionId',
      hash: '/instance/resizeinstance#instance/resizeinstance/t=request&in=path&path=regionid',
    });
    // A schema of the shared components file, inside a oneOf alternative, as the items of an array.
    const instance = at('specs/tencent-cvm/components.yaml', 'components', 'schemas', 'Instance');
    expect(instance).toContainEqual(
      expect.objectContaining({
        api: 'tencent-cvm-api3',
        operationId: 'DescribeInstances',
        hash: '/status/describeinstances#status/describeinstances/t=response&c=200&path=response&oneof=0/instanceset',
      }),
    );
    expect(instance.some((place) => place.api === 'tencent-cvm-legacy')).toBe(true);
  });
});

describe('the TypeScript API reference entry points', () => {
  it("are every package's exports but core's internal entry", () => {
    const specifiers = apiEntryPoints(REPO_ROOT).map((entry) => entry.specifier);
    expect(specifiers).toEqual(
      expect.arrayContaining([
        '@instancekit/core',
        '@instancekit/tencent-cvm',
        '@instancekit/tencent-cvm/legacy',
        '@instancekit/zenlayer-zec',
        '@instancekit/jdcloud-vm',
        'instancekit',
        'instancekit/tencent',
        'instancekit/zenlayer',
        'instancekit/jdcloud',
        '@instancekit/mock',
      ]),
    );
    expect(specifiers).not.toContain('@instancekit/core/internal');
    for (const entry of apiEntryPoints(REPO_ROOT)) expect(entry.source).toMatch(/\/src\/.+\.ts$/);
  });
});
