import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../src/errors';
import { type FieldRules, validateInput } from '../src/validate';

const closed: FieldRules = {
  type: 'object',
  additionalProperties: false,
  required: ['InstanceId'],
  properties: { InstanceId: { type: 'string', minLength: 1 }, Count: { type: 'integer', minimum: 1 } },
};

function refusal(value: unknown, rules: FieldRules = closed): ValidationError {
  try {
    validateInput(value, rules, { action: 'Test' });
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error(`accepted ${String(value)}`);
}

describe('validateInput: keys named like Object.prototype members', () => {
  for (const key of ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__']) {
    it(`refuses an own "${key}" as an unknown field`, () => {
      expect(refusal({ InstanceId: 'ins-1', [key]: 'x' }).field).toBe(key);
    });
  }

  it('refuses an own __proto__ made by JSON.parse', () => {
    const error = refusal(JSON.parse('{"InstanceId":"ins-1","__proto__":{"x":1}}'));
    expect(error.field).toBe('__proto__');
  });

  it('does not take an inherited member for a required field', () => {
    const rules: FieldRules = { type: 'object', required: ['constructor'], properties: {} };
    expect(refusal({}, rules).rule).toBe('required');
  });

  it('does not look up a rule for "constructor" on the properties object', () => {
    const rules: FieldRules = { type: 'object', properties: { a: { type: 'string' } } };
    // Without additionalProperties: false an unknown key is allowed, but must not be validated against
    // Object.prototype.constructor (a function) as if it were a rule.
    expect(() => validateInput({ constructor: 'x' }, rules)).not.toThrow();
  });

  it('refuses objects with a prototype of their own and symbol keys', () => {
    expect(refusal(Object.create({ InstanceId: 'inherited' })).rule).toBe('type');
    expect(refusal(new (class Input {})()).rule).toBe('type');
    expect(refusal({ InstanceId: 'ins-1', [Symbol('x')]: 1 }).rule).toBe('additionalProperties');
    expect(() =>
      validateInput(Object.assign(Object.create(null), { InstanceId: 'ins-1' }), closed),
    ).not.toThrow();
  });

  it('refuses a non-enumerable own field it does not know', () => {
    const input = { InstanceId: 'ins-1' };
    Object.defineProperty(input, 'Hidden', { value: 1, enumerable: false });
    expect(refusal(input).field).toBe('Hidden');
  });
});

describe('validateInput: numbers', () => {
  for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
    it(`refuses ${value} where a number or integer is expected`, () => {
      const error = refusal({ InstanceId: 'ins-1', Count: value });
      expect(error.field).toBe('Count');
      expect(error.message).toContain(String(value));
      expect(refusal(value, { type: 'number' }).rule).toBe('type');
    });
  }

  it('accepts every finite integer in range and refuses every non-integer', () => {
    fc.assert(
      fc.property(fc.double(), (value) => {
        const ok = Number.isInteger(value) && value >= 1;
        if (ok) validateInput({ InstanceId: 'i', Count: value }, closed);
        else expect(refusal({ InstanceId: 'i', Count: value }).field).toBe('Count');
      }),
    );
  });
});

describe('validateInput: strings', () => {
  it('refuses lone surrogates anywhere in a string, accepts well-formed ones', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.constantFrom('\uD800', '\uDFFF', '\uDBFFx'),
        (text, lone) => {
          expect(refusal({ InstanceId: `${text}${lone}` }).rule).toBe('wellFormed');
        },
      ),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), (text) => {
        validateInput({ InstanceId: text }, closed);
      }),
    );
  });
});
